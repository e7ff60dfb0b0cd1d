"""The print card on a signed decision's page (registered in awards.decisions.extensions)."""

from awards.certificates.forms import DecisionPrintForm
from awards.certificates.models import BatchStatus
from awards.certificates.selectors import with_done
from awards.enums import DecisionStatus


def print_card(user, decision, lines):
    can_print = decision.status == DecisionStatus.SIGNED and user.has_perm("awards.print_certificates", decision)
    if not can_print:
        return {"can_print": False}
    return {
        "can_print": True,
        "print_form": DecisionPrintForm(
            user=user, printed=decision.print_batches.filter(status=BatchStatus.READY).exists()
        ),
        "printable_count": sum(
            1 for line in lines if line.award and line.award.registry_number and not line.award.revoked
        ),
        "print_batches": with_done(decision.print_batches.select_related("created_by"))[:10],
    }
