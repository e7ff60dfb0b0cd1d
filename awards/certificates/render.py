"""Certificates → PDF: many certificates in one WeasyPrint document, one page each.

One document per chunk rather than one per certificate: WeasyPrint's fixed cost (parsing the
CSS, loading and subsetting the fonts, the frame and the emblem) is paid once per chunk, and
the fonts are embedded once per chunk file. The per-certificate PDFs of the ZIP are cut from
the merged file afterwards.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from slugify import slugify

from awards.certificates.content import page_for, positions, template_context
from thiduakt.pdf.render import RenderError, render_pdf

DOCUMENT = "awards/certificates/pdf/certificates.html"
CALIBRATION = "awards/certificates/pdf/calibration.html"


def document_context(template, pages, *, mode, printer=None, static_base=""):
    return {
        "mode": mode,
        "static_base": static_base,
        "template": template_context(template, static_base=static_base),
        "positions": positions(template, printer),
        "printer": printer,
        "pages": pages,
    }


def render_certificates(template, certificates, *, mode, printer=None):
    """One PDF with a page per certificate, in the order given."""
    pages = [page_for(certificate, template) for certificate in certificates]
    pdf = render_pdf(DOCUMENT, document_context(template, pages, mode=mode, printer=printer))
    if pdf.pages != len(pages):  # a certificate spilling onto a second page would misalign the whole print run
        raise RenderError(
            _("%(certificates)s certificates gave %(pages)s pages: a text is too long; set its line breaks.")
            % {"certificates": len(pages), "pages": pdf.pages}
        )
    return pdf


def render_calibration(template, printer=None):
    return render_pdf(CALIBRATION, document_context(template, [], mode="blank", printer=printer))


def file_name(certificate):
    award = certificate.award
    who = award.person.full_name if award.person_id else award.unit.name
    return f"{award.registry_number or 0:05d}-{slugify(who)}-{certificate.code}.pdf"


def split_to_zip(pdf_file, names, out):
    """Write to `out` a ZIP (stored, not compressed: PDFs are compressed already) with one PDF per
    page of `pdf_file`, named by `names`. Written as it goes: a batch of thousands never sits in memory."""
    reader = PdfReader(pdf_file)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for page, name in zip(reader.pages, names, strict=True):
            writer = PdfWriter()
            writer.add_page(page)
            single = io.BytesIO()
            writer.write(single)
            archive.writestr(name, single.getvalue())
