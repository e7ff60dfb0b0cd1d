"""The public verification of a certificate: no login, by the code its QR carries or that
someone types from the paper. It shows who received what, by which decision, or that the
award was revoked; an unknown code says so without telling anything else."""

from django.shortcuts import redirect, render
from django.views import View

from awards.certificates.models import Certificate, clean_code


def certificate_by_code(code):
    return (
        Certificate.objects.select_related(
            "award__award_type", "award__person__unit", "award__unit", "award__decision_line__decision__issuer"
        )
        .filter(code=clean_code(code))
        .first()
    )


class VerifyView(View):
    def get(self, request, code=None):
        typed = request.GET.get("code")
        if code is None and typed:
            return redirect("public:verify", code=clean_code(typed) or "-")
        certificate = certificate_by_code(code) if code else None
        context = {"code": code, "certificate": certificate, "searched": code is not None}
        if certificate is not None:
            context["award"] = certificate.award
            context["decision"] = certificate.award.decision_line.decision
        status = 404 if code and certificate is None else 200
        return render(request, "awards/certificates/verify.html", context, status=status)
