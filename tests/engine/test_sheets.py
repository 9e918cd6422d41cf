"""Workshop sheets on paper (demo fixture): a QR code that scales and decodes to the published address,
a masthead (guide name, address, date), the number of A4 pages the sheet promises, in both palettes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import html, make_project, mkdocs_build, serve
from paper import margin_colours, open_in, pages, print_pdf, qr_codes, text

pytestmark = pytest.mark.browser

SHEET = "ateliers/premier-atelier/"
PUBLISHED = "https://demo.example.org/guide/" + SHEET


def test_the_qr_code_scales_with_css_and_keeps_its_quiet_zone(demo_site: Path) -> None:
    svg = html(demo_site / SHEET / "index.html").select_one(".pg-sheet__qr svg")
    assert svg is not None
    assert not svg.has_attr("width") and not svg.has_attr("height"), "a fixed size gets the code clipped by CSS"
    x, y, width, height = (float(v) for v in svg["viewbox"].split())
    assert (x, y) == (0, 0) and width == height
    assert svg["role"] == "img" and svg.find("title").get_text(strip=True)
    # Four white modules on each side: the first module of the code is drawn at (4, 4).
    assert svg.select_one("path[fill='#fff']") is not None
    assert svg.select_one("path.qrline")["d"].startswith("M4 4.5")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_printed_sheet_has_a_readable_qr_code_and_a_masthead(browser, demo_url: str, scheme: str) -> None:
    context, page = open_in(browser, demo_url + SHEET, scheme)
    try:
        pdf = print_pdf(page)
    finally:
        context.close()
    codes = qr_codes(pdf)
    assert [c.text for c in codes] == [PUBLISHED], f"{scheme}: decoded {codes}"
    assert codes[0].width_mm >= 25, f"QR code printed {codes[0].width_mm:.1f} mm wide, 25 mm at least"
    printed = text(pdf)
    assert "Guide de démonstration" in printed and PUBLISHED in printed
    assert pages(pdf) == 2, "default sheet: the plan, then the questions to write on"
    assert margin_colours(pdf) == {(255, 255, 255)}, f"{scheme}: margins are not white paper"


def test_a_sheet_that_promises_one_page_prints_on_one_with_its_date(browser, tmp_path: Path) -> None:
    project = make_project(tmp_path, base="demo")
    data = project / "data/ateliers/premier-atelier.yml"
    workshop = yaml.safe_load(data.read_text(encoding="utf-8"))
    workshop["fiche"] = {"pages": 1, "questions": "liste"}
    data.write_text(yaml.safe_dump(workshop, allow_unicode=True), encoding="utf-8")
    md = project / "docs" / (SHEET.rstrip("/") + ".md")
    front = md.read_text(encoding="utf-8").replace("type: atelier\n", "type: atelier\nmis_a_jour: 2026-01-15\n", 1)
    md.write_text(front, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.code == 0, result.output
    sheet = html(site / SHEET / "index.html")
    assert sheet.select_one(".pg-sheet")["data-pg-pages"] == "1"
    assert "une page A4" in sheet.select_one(".pg-sheet__pages").get_text()
    server, url = serve(site)
    context, page = open_in(browser, url + SHEET, "dark")
    try:
        pdf = print_pdf(page)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert pages(pdf) == 1
    printed = text(pdf)
    shown = re.search(r"Mis à jour le (\S+(?: \S+ 2026)?)", printed)
    assert shown and "2026" in shown.group(1) and "15" in shown.group(1), f"no date of the content in: {printed}"
    assert [c.text for c in qr_codes(pdf)] == [PUBLISHED]
