"""Uploaded documents: checked by content, not by name, and stored outside static.

A file is what its bytes say: the kind sniffed here decides what is accepted, the extension
it is stored and downloaded under, and the type it is served with (thiduakt.downloads)."""

import io
import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# kind (also its extension) → content type
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
UNKNOWN_CONTENT_TYPE = "application/octet-stream"
UNKNOWN_EXTENSION = "bin"
UPLOADABLE = ("pdf", "docx", "png", "jpg")  # what users may upload; xlsx and zip are files we make

# A ZIP is an Office file when it holds that format's main part.
_OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def sniff(handle):
    """The real kind of a seekable binary file from its content, or None; the position is kept."""
    start = handle.tell()
    try:
        handle.seek(0)
        head = handle.read(16)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpg"
        if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):  # a ZIP, or an empty one
            return _zip_kind(handle)
        return None
    finally:
        handle.seek(start)


def _zip_kind(handle):
    try:
        names = set(zipfile.ZipFile(handle).namelist())  # reads the central directory only
    except zipfile.BadZipFile:
        return None
    return next((kind for part, kind in _OFFICE_PARTS.items() if part in names), "zip")


def sniff_bytes(data):
    return sniff(io.BytesIO(data))


def named_as(filename, kind):
    """`filename` with the extension of its real kind: “bao-cao.html” that is a PDF is “bao-cao.pdf”."""
    stem = PurePath(filename or "").stem or "tep"
    return f"{stem}.{kind or UNKNOWN_EXTENSION}"


def validate_document(upload):
    """Accept PDF, DOCX, PNG and JPEG whose content matches; refuse everything else.

    The upload is renamed to the extension of its real kind, so that it is stored under it."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="size")
    kind = sniff(upload)
    if kind not in UPLOADABLE:
        raise ValidationError(
            _("“%(name)s” is not a PDF, Word (.docx) or image file, whatever its name says.") % {"name": upload.name},
            code="type",
        )
    upload.name = named_as(upload.name, kind)
    return kind


def random_name(prefix, filename):
    """A random stored name under `prefix`, keeping only a known extension (set from the sniffed kind)."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    extension = extension if extension in CONTENT_TYPES else UNKNOWN_EXTENSION
    return f"{prefix}/{uuid.uuid4().hex}.{extension}"
