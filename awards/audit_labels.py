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

ACTION_LABELS.update(
    {
        "decision.create": _("Drafted the decision"),
        "decision.update": _("Edited the draft decision"),
        "decision.sign": _("Signed the decision"),
        "decision.awards": _("Recorded the awards"),
        "session.create": _("Created the session"),
        "session.agenda": _("Put nominations on the agenda"),
        "session.attendance": _("Recorded the attendance"),
        "session.open": _("Opened the vote"),
        "session.close": _("Closed the vote"),
        "session.results": _("Recorded the results"),
        "ballot.cast": _("Voted"),
        "ballot.written": _("Entered a written opinion"),
        "notice.publish": _("Published a list for public comment"),
    }
)
