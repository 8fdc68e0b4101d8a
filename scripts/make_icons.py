"""Draw the portal's icons from static/bestuurderspool/icons/favicon.svg with Chromium.

Writes favicon.ico (16, 32 and 48 px, PNG inside ICO) and apple-touch-icon.png (180 px, opaque:
iOS fills transparent corners with black). Run after changing the SVG:
    .venv/bin/python scripts/make_icons.py
"""

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "static" / "bestuurderspool" / "icons"
CHROMIUM = "/usr/bin/chromium"


def render(page, svg: str, size: int) -> bytes:
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(f"<style>*{{margin:0}}svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}")
    return page.screenshot(omit_background=True, clip={"x": 0, "y": 0, "width": size, "height": size})


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding PNG images (supported by every browser in use)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in pngs.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def main() -> None:
    svg = (ICONS / "favicon.svg").read_text()
    square = svg.replace(' rx="12"', "")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        (ICONS / "favicon.ico").write_bytes(ico({size: render(page, svg, size) for size in (16, 32, 48)}))
        (ICONS / "apple-touch-icon.png").write_bytes(render(page, square, 180))
        browser.close()


if __name__ == "__main__":
    main()
