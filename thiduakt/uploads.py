"""Uploaded documents: checked by content, not by name, and stored outside static."""

import io
import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

_KINDS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "png": "PNG",
    "jpg": "JPEG",
}


def sniff(head, data_for_zip=None):
    """The real type of a file from its first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04") and data_for_zip is not None:
        try:
            names = zipfile.ZipFile(io.BytesIO(data_for_zip)).namelist()
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
    return None


def validate_document(upload):
    """Accept PDF, DOCX, PNG and JPEG whose content matches; refuse everything else."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="size")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = sniff(data[:16], data)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, Word (.docx) or image file, whatever its name says.") % {"name": upload.name},
            code="type",
        )
    return kind


def random_name(prefix, filename):
    """A random stored name under `prefix`, keeping only a known extension."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    extension = extension if extension in _KINDS or extension == "jpeg" else "bin"
    return f"{prefix}/{uuid.uuid4().hex}.{extension}"
