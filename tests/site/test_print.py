"""Printing from Chromium (A4): no site chrome, details and tabs expanded, external link targets shown;
`make pdf` gives one PDF of the whole guide with a table of contents."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, ROOT

pytestmark = pytest.mark.browser
ROLES = ["home", "step", "checklist", "workshop", "sheet", "table", "diagnostic", "statement"]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("role", ROLES)
def test_print_hides_chrome_and_expands_content(context, base_url: str, roles: dict[str, str], role: str) -> None:
    if role not in roles:
        pytest.skip(f"this guide has no {role} page")
    url = roles[role]
    page = context.new_page()
    page.goto(base_url + url)
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".pg-step-pager",
    ):
        for i in range(page.locator(chrome).count()):
            assert not page.locator(chrome).nth(i).is_visible(), f"{url}: {chrome} printed"
    hidden_details = page.evaluate(
        "Array.from(document.querySelectorAll('article details')).filter(d => "
        "Array.from(d.children).some(c => c.tagName !== 'SUMMARY' && c.getBoundingClientRect().height === 0)).length"
    )
    assert hidden_details == 0, f"{url}: collapsed <details> content is not printed"
    hidden_tabs = page.evaluate(
        "Array.from(document.querySelectorAll('.tabbed-block'))"
        ".filter(b => b.getBoundingClientRect().height === 0).length"
    )
    assert hidden_tabs == 0, f"{url}: tab content hidden in print"
    external = page.locator("article a[href^='https://']").first
    if external.count():
        after = external.evaluate("a => getComputedStyle(a, '::after').content")
        assert external.get_attribute("href") in after
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) >= 1


def test_tabs_all_print(context, base_url: str, site: Path) -> None:
    """Every tab of content tabs prints, not only the selected one (on the first page that has tabs)."""
    with_tabs = next(
        (p for p in sorted(site.rglob("index.html")) if 'class="tabbed-set' in p.read_text(encoding="utf-8")), None
    )
    if with_tabs is None:
        pytest.skip("no page of this guide has content tabs")
    page = context.new_page()
    folder = with_tabs.parent.relative_to(site).as_posix()
    page.goto(base_url + ("" if folder == "." else folder + "/"))
    blocks = page.locator(".tabbed-block")
    assert blocks.count() >= 2
    page.emulate_media(media="print")
    assert all(blocks.nth(i).is_visible() for i in range(blocks.count()))


@pytest.mark.slow
def test_make_pdf_prints_the_whole_guide_with_a_table_of_contents(tmp_path: Path) -> None:
    out = tmp_path / "guide.pdf"
    done = subprocess.run(
        [sys.executable, "tools/pdf.py", "--out", str(out)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = out.read_bytes()
    assert pdf_pages(pdf) > len(list((ROOT / "docs").rglob("*.md")))
    assert b"/Outlines" in pdf  # bookmarks: the PDF's own table of contents
