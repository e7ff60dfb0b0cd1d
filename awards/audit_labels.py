from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "submission.create": _("Created the submission"),
    "submission.update": _("Edited the submission"),
    "submission.submit": _("Sent the list to the secretariat"),
    "submission.readdress": _("Re-addressed the list to the successor body"),
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

ACTION_LABELS.update(
    {
        "print.decision": _("Printed the certificates of the decision"),
        "print.selection": _("Printed certificates of a filtered list"),
        "print.reprint": _("Reprinted a certificate"),
        "print.calibration": _("Printed a calibration page"),
        "print.retry": _("Retried the print batch"),
        "certificate.reprint": _("Asked for a reprint of the certificate"),
        "certificate.lines": _("Changed the line breaks of the certificate"),
        "certificate_template.create": _("Created the certificate template"),
        "certificate_template.update": _("Edited the certificate template"),
        "printer.create": _("Added the printer"),
        "printer.update": _("Edited the printer"),
    }
)
