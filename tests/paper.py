"""Print as a reader does: Chromium's PDF of a page (A4, print media, chosen palette), read back with
pypdfium2 (text, page images) and zxing-cpp (QR codes), and the contrast of every printed text."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp

DPI = 150
MM_PER_INCH = 25.4


# Colour transitions started by the switch to print media must end before colours are measured.
SETTLE = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))"""


@dataclass(frozen=True)
class Code:
    """A QR code found on a printed page: its text and its printed width in millimetres."""

    page: int
    text: str
    width_mm: float


def open_in(browser, url: str, scheme: str, **options):
    """A new context and page showing url in the light or the dark palette (the reader's choice)."""
    context = browser.new_context(locale="fr-FR", color_scheme=scheme, **options)
    page = context.new_page()
    page.goto(url)
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme], f"{url}: palette {palette!r}, not {scheme}"
    return context, page


def print_pdf(page, landscape: bool = False) -> bytes:
    """The page printed to A4 with background graphics, as the browser's print dialog would."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.evaluate(SETTLE)
    return page.pdf(format="A4", print_background=True, landscape=landscape, prefer_css_page_size=True)


def pages(pdf: bytes) -> int:
    """Number of pages of a PDF."""
    return len(pdfium.PdfDocument(pdf))


def text(pdf: bytes) -> str:
    """All the text of a PDF, whitespace collapsed (words cut at a line end are joined back)."""
    document = pdfium.PdfDocument(pdf)
    found = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    return " ".join(found.replace("\r", " ").replace("\n", " ").replace("\u00ad", "").split())


def images(pdf: bytes, dpi: int = DPI) -> list:
    """Each page of a PDF rendered to a PIL image."""
    document = pdfium.PdfDocument(pdf)
    return [document[i].render(scale=dpi / 72).to_pil() for i in range(len(document))]


def qr_codes(pdf: bytes, dpi: int = DPI) -> list[Code]:
    """The QR codes a phone could read on each printed page, with their printed size."""
    found = []
    for number, image in enumerate(images(pdf, dpi)):
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            corners = result.position
            dx, dy = corners.top_right.x - corners.top_left.x, corners.top_right.y - corners.top_left.y
            width_px = (dx**2 + dy**2) ** 0.5
            found.append(Code(number, result.text, width_px / dpi * MM_PER_INCH))
    return found


def margin_colours(pdf: bytes) -> set[tuple[int, int, int]]:
    """Colours of the four corners of every page (the paper's margins)."""
    colours = set()
    for image in images(pdf, 50):
        rgb = image.convert("RGB")
        w, h = rgb.size
        colours |= {rgb.getpixel((x, y)) for x in (2, w - 3) for y in (2, h - 3)}
    return colours


# Every visible text node under print media: its colour (alpha and ancestors' opacity applied) over
# white paper, and its contrast ratio with white (WCAG 2 relative luminance).
CONTRAST = """() => {
  const parse = (value) => {
    const m = value.match(/^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const lum = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  const problems = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || element.closest('script, style, noscript, svg, template')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width <= 1 || box.height <= 1) continue;
    if (style.visibility !== 'visible' || !element.getClientRects().length) continue;
    const colour = parse(style.color);
    if (!colour) {
      problems.push({ text: node.textContent.trim().slice(0, 60), colour: style.color, ratio: 0 });
      continue;
    }
    let alpha = colour[3];
    for (let e = element; e; e = e.parentElement) alpha *= parseFloat(getComputedStyle(e).opacity);
    const [r, g, b] = colour.slice(0, 3).map((c) => c * alpha + 255 * (1 - alpha));
    const L = 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b);
    const ratio = 1.05 / (L + 0.05);
    checked++;
    if (ratio < 4.5) {
      problems.push({ text: node.textContent.trim().slice(0, 60), colour: style.color,
                      ratio: Math.round(ratio * 100) / 100, where: element.className || element.tagName });
    }
  }
  return { checked, problems };
}"""


def low_contrast(page) -> tuple[int, list[dict]]:
    """(texts checked, texts under 4.5:1 against white) of a page, under print media."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.evaluate(SETTLE)
    result = page.evaluate(CONTRAST)
    return result["checked"], result["problems"]
