"""The live preview of a certificate template, drawn in a frame of its own.

The editor's pane is an <iframe src> rather than srcdoc: a srcdoc document inherits the
editor's Content-Security-Policy, which forbids the inline styles a certificate is made of.
The frame's URL carries what the form holds (a signed, compressed token: nothing is stored
between the form's request and the frame's), and its response has a policy of its own that
allows inline styles and our images but no script at all."""

from django.core import signing

from awards.certificates.layout_forms import PREVIEW_FIELDS
from awards.certificates.models import CertificateTemplate

SALT = "awards.certificates.preview"
MAX_AGE = 24 * 3600  # seconds: an editor left open for a day still previews after a reload

FRAME_POLICY = "; ".join(
    (
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'self'",
    )
)


def token(template, mode):
    """The preview template (unsaved) and its mode, signed for the frame's URL."""
    values = {name: getattr(template, name) for name in PREVIEW_FIELDS}
    return signing.dumps({"values": values, "positions": template.blank_positions, "mode": mode}, salt=SALT,
                         compress=True)  # fmt: skip


def from_token(value):
    """(template, mode) from a token; signing.BadSignature when it was not made by us or is too old."""
    data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    template = CertificateTemplate(**data["values"], blank_positions=data["positions"])
    return template, data["mode"]
