"""The guide on paper, as a coach prints it from Chromium, in the light and the dark palette:
every workshop sheet scans (its QR code decodes to the sheet's published address), carries the guide's
name, its address and its date, and keeps to the pages it promises; every page prints dark on white."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import html
from paper import low_contrast, margin_colours, open_in, pages, print_pdf, qr_codes, text

from perennisation.dates import format_date

pytestmark = pytest.mark.browser


def sheets(guide) -> list:
    """The workshop pages (front matter type: atelier) of the guide; skips a guide without any."""
    found = guide.pages_of_type("atelier")
    if not found:
        pytest.skip("this guide has no workshop sheet (page of type: atelier)")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_workshop_sheet_scans_and_keeps_its_page_promise(
    browser, base_url: str, site: Path, guide, scheme: str
) -> None:
    site_url = guide.config["site_url"].rstrip("/") + "/"
    updated = guide.labels["sheet_updated"].split("{")[0].strip()
    problems = []
    for sheet in sheets(guide):
        promised = int(html(site / sheet.url / "index.html").select_one(".pg-sheet")["data-pg-pages"])
        context, page = open_in(browser, base_url + sheet.url, scheme)
        try:
            pdf = print_pdf(page)
        finally:
            context.close()
        published = site_url + sheet.url
        codes = qr_codes(pdf)
        printed = text(pdf)
        if [c.text for c in codes] != [published]:
            problems.append(f"{sheet.url}: QR code decodes to {[c.text for c in codes]}, not {published}")
        elif codes[0].width_mm < 25:
            problems.append(f"{sheet.url}: QR code {codes[0].width_mm:.1f} mm wide (25 mm at least)")
        if not 1 <= pages(pdf) <= promised:
            problems.append(f"{sheet.url}: {pages(pdf)} pages, the sheet promises {promised}")
        for expected in (guide.config["site_name"], published):
            if expected not in printed:
                problems.append(f"{sheet.url}: «{expected}» is not printed")
        dated = guide.dates.get(sheet.src)
        if dated is None:
            problems.append(f"{sheet.url}: the page has no date (mis_a_jour, or a commit)")
        elif " ".join(f"{updated} {format_date(dated.iso, guide.labels)}".split()) not in printed:
            problems.append(f"{sheet.url}: the date of the content ({dated.iso}) is not printed after «{updated}»")
        if margin_colours(pdf) != {(255, 255, 255)}:
            problems.append(f"{sheet.url}: the margins are not white ({margin_colours(pdf)})")
    assert not problems, f"{scheme} palette:\n" + "\n".join(problems)


def printable_pages(site: Path) -> list[str]:
    """URL of every page of the built site (redirect stubs left out)."""
    urls = []
    for file in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' not in file.read_text(encoding="utf-8")[:2000]:
            urls.append(file.parent.relative_to(site).as_posix().removeprefix(".") + "/" if file.parent != site else "")
    return [u.lstrip("/") for u in urls]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_prints_dark_ink_on_white_paper(browser, base_url: str, site: Path, scheme: str) -> None:
    """Help texts, links, muted texts and admonitions: 4.5:1 or more against the white paper."""
    urls = printable_pages(site)
    context, page = open_in(browser, base_url, scheme)
    problems, checked = [], 0
    try:
        for url in urls:
            page.goto(base_url + url)
            count, low = low_contrast(page)
            checked += count
            problems += [f"/{url}: «{p['text']}» {p['colour']} ({p.get('where', '')}) {p['ratio']}:1" for p in low]
    finally:
        context.close()
    assert checked > 5 * len(urls), f"only {checked} texts checked on {len(urls)} pages"
    assert not problems, f"{scheme} palette, printed texts under 4.5:1 on white:\n" + "\n".join(problems[:40])
