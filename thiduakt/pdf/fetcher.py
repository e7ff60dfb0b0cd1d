"""The URL fetcher WeasyPrint gets: it reads files under static/ and nothing else.

Templates only link fonts and images that ship with the code, and PNG images our own code
embeds as `data:image/png;base64,…` URIs (the certificates' QR codes). Anything else — the network,
`file:///etc/passwd`, `../` out of the folder, a symlink pointing outside, data from the
media folder — is refused. Every refusal and every missing file is remembered, so the render
can fail loudly instead of producing a PDF with a missing font or image (WeasyPrint itself
only logs a warning and carries on).
"""

import base64
import binascii
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

PNG_DATA = "data:image/png;base64,"


class URLRefused(ValueError):
    """A URL the documents may not read."""


def static_root():
    return Path(settings.BASE_DIR) / "static"


class StaticFilesFetcher(URLFetcher):
    def __init__(self, root=None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=False)
        self.root = Path(root or static_root()).resolve()
        self.problems = []

    @property
    def base_url(self):
        """What to give `HTML(base_url=...)` so relative links resolve inside the root."""
        return self.root.as_uri() + "/"

    def resolve(self, url):
        """The file under the root that `url` names; URLRefused otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise URLRefused(f"not a local file: {url}")
        if parts.netloc not in ("", "localhost"):
            raise URLRefused(f"not on this machine: {url}")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise URLRefused(f"no such file: {url}") from error
        if not path.is_relative_to(self.root) or not path.is_file():
            raise URLRefused(f"outside static/: {url}")
        return path

    def fetch(self, url, headers=None):
        if url.startswith(PNG_DATA):
            return self.inline_png(url)
        try:
            path = self.resolve(url)
        except URLRefused as error:
            self.problems.append(str(error))
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})

    def inline_png(self, url):
        try:
            body = base64.b64decode(url[len(PNG_DATA) :], validate=True)
        except binascii.Error as error:
            self.problems.append(f"not a base64 PNG: {url[:60]}")
            raise URLRefused("not a base64 PNG") from error
        if not body.startswith(b"\x89PNG\r\n\x1a\n"):
            self.problems.append(f"not a PNG: {url[:60]}")
            raise URLRefused("not a PNG")
        return URLFetcherResponse(url, body=body, headers={"Content-Type": "image/png"})
