"""Reading generated PDFs back: their text and the fonts they embed."""

import io
import unicodedata

from fontTools.ttLib import TTFont
from pypdf import PdfReader


def read_pdf(document, field="file"):
    """(reader, text with spaces collapsed) of a stored PDF."""
    with getattr(document, field).open("rb") as handle:
        return read_pdf_data(handle.read())


def read_pdf_data(data):
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))
    return reader, " ".join(text.split())


def embedded_fonts(reader):
    """{BaseFont: family name of the embedded font program, or None when not embedded}."""
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            program = next((descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor), None)
            family = None
            if program is not None:
                family = TTFont(io.BytesIO(program.get_object().get_data()))["name"].getDebugName(1)
            fonts[str(font["/BaseFont"])] = family
    return fonts


def assert_noto_embedded(reader):
    """Every font is embedded, and it is the vendored Noto Serif (no fallback to a system font)."""
    fonts = embedded_fonts(reader)
    assert fonts and set(fonts.values()) == {"Noto Serif"}, fonts
    assert all("TDKT-Serif" in name for name in fonts), fonts


def word_boxes(data):
    """[(x_min, y_min, x_max, y_max, word), …] of a PDF's first page, in reading order, as
    poppler's pdftotext -bbox sees them (points, from the top-left corner; font boxes, so two
    boxes that do not meet are two texts that do not touch)."""
    import re
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        html = subprocess.run(
            ["pdftotext", "-bbox", "-f", "1", "-l", "1", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        (float(x0), float(y0), float(x1), float(y1), unicodedata.normalize("NFC", word))
        for x0, y0, x1, y1, word in re.findall(pattern, html)
    ]
