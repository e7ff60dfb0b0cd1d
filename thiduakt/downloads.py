"""Every file the application hands out, uploaded by a user or made by us, leaves through here.

As a download (never shown inline on our origin, where an HTML file would run as the user who
opens it), with the content type of what its bytes are rather than of what its name says, under
a name with that kind's extension, and with nosniff so that the browser does not guess either."""

import io
from urllib.parse import quote

from django.http import FileResponse, Http404
from slugify import slugify

from thiduakt.uploads import CONTENT_TYPES, UNKNOWN_CONTENT_TYPE, named_as, sniff


def file_download(stored, filename):
    """A stored file (a FieldFile), offered as `filename`; 404 when it is gone from the storage."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return _download(handle, filename)


def bytes_download(content, filename):
    """Bytes made for this request (an Excel template), offered as `filename`."""
    return _download(io.BytesIO(content), filename)


def _download(handle, filename):
    kind = sniff(handle)
    name = named_as(filename, kind)
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(kind, UNKNOWN_CONTENT_TYPE))
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def content_disposition(name):
    """An attachment named in plain ASCII for old clients and in UTF-8 (RFC 5987) for the others."""
    stem, _dot, extension = name.rpartition(".")
    ascii_name = f"{slugify(stem, lowercase=False) or 'tep'}.{extension}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
