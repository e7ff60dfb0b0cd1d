"""Make the PNG twins of the certificate's SVG art (frame corners, emblems) with Chromium.

    python manage.py rasterise_certificate_art

WeasyPrint draws an SVG image again on every page, while a PNG is embedded once per PDF and
placed on each page by reference: on a print run of thousands of certificates the PNG is
faster (about 8 ms a page for the four corners and the emblem) and the file smaller. The
SVGs stay the sources; run this after changing one. Needs Debian's Chromium (make setup).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image

# Pixels of the square image: 300 dpi over the art's size on an A3 sheet (corner 34 mm, emblem 26 mm).
FOLDERS = {"certificates/frames": 400, "certificates/emblems": 320}


class Command(BaseCommand):
    help = "Rasterise the certificate SVGs in static/certificates/ to PNG with Chromium."

    def handle(self, *args, **options):
        from playwright.sync_api import sync_playwright

        static = Path(settings.BASE_DIR) / "static"
        side = max(FOLDERS.values())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": side, "height": side})
            for folder, pixels in FOLDERS.items():
                for source in sorted((static / folder).glob("*.svg")):
                    self.rasterise(page, source, pixels)
            browser.close()

    def rasterise(self, page, source, pixels):
        page.set_content(
            "<html><body style='margin:0;background:transparent'>"
            f"<div style='width:{pixels}px;height:{pixels}px'>{source.read_text(encoding='utf-8')}</div></body></html>"
        )
        page.eval_on_selector(
            "svg", "svg => { svg.setAttribute('width', '100%'); svg.setAttribute('height', '100%'); }"
        )
        target = source.with_suffix(".png")
        page.locator("div").first.screenshot(path=str(target), omit_background=True)
        # A palette of 64 colours keeps the flat art intact and the PNG (embedded in every PDF) small.
        Image.open(target).quantize(64, method=Image.Quantize.FASTOCTREE).save(target, optimize=True)
        self.stdout.write(f"{target.relative_to(settings.BASE_DIR)}: {target.stat().st_size} bytes")
