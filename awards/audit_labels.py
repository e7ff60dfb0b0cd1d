from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "submission.create": _("Created the submission"),
    "submission.update": _("Edited the submission"),
    "submission.submit": _("Sent the list to the secretariat"),
    "nomination.create": _("Added the nomination"),
    "nomination.update": _("Edited the nomination"),
    "nomination.remove": _("Removed a nomination"),
    "nomination.attach": _("Attached a document"),
    "nomination.submitted": _("Sent for verification"),
    "nomination.returned": _("Returned to the unit"),
    "nomination.verified": _("Verified"),
    "nomination.rejected": _("Rejected at verification"),
    "nomination.manual_check": _("Recorded a manual check"),
    "import.nominations": _("Imported a list of nominations"),
    "import.history": _("Imported award history"),
    "history.import": _("Entered from an earlier record"),
}
