"""HTML template → PDF with WeasyPrint.

The fonts come from static/fonts/noto through @font-face (see thiduakt/templates/pdf/base.css),
so every machine prints the same document and the PDF embeds the subset of the font it uses.
WeasyPrint reads files only through `StaticFilesFetcher`; a resource it could not read fails
the render rather than silently leaving a font or an image out.
"""

import logging
import time
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from thiduakt.pdf.fetcher import StaticFilesFetcher

logger = logging.getLogger(__name__)


class RenderError(Exception):
    """The document could not be made as it should be."""


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    pages: int
    seconds: float


def render_html(template, context):
    with translation.override("vi"):
        return render_to_string(template, context)


def render_pdf(template, context, *, fetcher=None):
    from weasyprint import HTML  # heavy: loaded in the worker, not by every web process

    started = time.monotonic()
    fetcher = fetcher or StaticFilesFetcher()
    html = render_html(template, context)
    document = HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher).render()
    if fetcher.problems:
        raise RenderError("; ".join(fetcher.problems))
    data = document.write_pdf()
    seconds = time.monotonic() - started
    logger.info("rendered %s: %d pages, %d bytes in %.2f s", template, len(document.pages), len(data), seconds)
    return RenderedPDF(data=data, pages=len(document.pages), seconds=seconds)
