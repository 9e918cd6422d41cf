"""Comparison tables of the guide where a coach uses them: on a 390 px phone (nothing off-screen, no
horizontal scrolling, two options side by side), on A4 paper (every string of the data printed) and
with axe-core (no WCAG violation, light and dark)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from axe import axe_violations, open_with_axe, report
from conftest import html
from paper import open_in, print_pdf, text

from perennisation.templatecheck import used_ids

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def comparisons(site: Path, guide) -> list[tuple[str, str, dict]]:
    """(page URL, table id, data) of every comparison table the built guide shows; skips a guide without any."""
    used = {ident for p in guide.pages for folder, ident in used_ids(p.body) if folder == "comparatifs"}
    if not used:
        pytest.skip("no page of this guide shows a comparison table (comparatif(...))")
    found = []
    for file in sorted(site.rglob("index.html")):
        for node in html(file).select("[data-pg-comparatif]"):
            ident = node["data-pg-comparatif"]
            url = file.parent.relative_to(site).as_posix() + "/"
            found.append(("" if url == "./" else url, ident, guide.library.collections["comparatifs"][ident].data))
    assert {ident for _, ident, _ in found} == used, "comparison tables named in docs/ and shown in the built guide"
    return found


def strings(data: dict) -> list[str]:
    """Every text of a comparison's data: title, description, criteria, options and their values."""
    found = [data["titre"], data.get("description", "")]
    found += [c["titre"] for c in data["colonnes"]]
    for row in data["lignes"]:
        found += [row["titre"], *row["valeurs"].values()]
    return [s for s in found if s]


def squeeze(value: str) -> str:
    """A text without any whitespace: lines wrap anywhere on paper, and the engine's typography puts
    no-break spaces before French punctuation."""
    return re.sub(r"\s+", "", value)


OFF_SCREEN = """(selector) => {
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll(selector)];
  return { cells: cells.length, scroll: document.documentElement.scrollWidth - width,
           off: cells.filter(c => { const r = c.getBoundingClientRect(); return r.left < 0 || r.right > width + 0.5; })
                     .map(c => c.textContent.trim().slice(0, 40)) };
}"""


def test_every_cell_fits_a_phone_and_two_options_go_side_by_side(browser, base_url: str, site: Path, guide) -> None:
    for url, ident, data in comparisons(site, guide):
        context, page = open_in(browser, base_url + url, "light", **PHONE)
        try:
            table = f"[data-pg-comparatif='{ident}']"
            layout = page.evaluate(OFF_SCREEN, f"{table} :is(th, td)")
            assert layout["cells"] == (len(data["lignes"]) + 1) * (len(data["colonnes"]) + 1), layout
            assert layout["scroll"] <= 0 and not layout["off"], f"/{url}#{ident} on a phone: {layout}"
            chooser = page.locator(".pg-compare").filter(has=page.locator(f"select[id^='{ident}-']"))
            first, second = chooser.locator("select").nth(0), chooser.locator("select").nth(1)
            for a, b in itertools.combinations(range(len(data["lignes"])), 2):
                first.select_option(str(a))
                second.select_option(str(b))
                result = chooser.locator("table[data-pg-compare-result]")
                headers = [squeeze(result.locator("thead th").nth(i).inner_text()) for i in (1, 2)]
                assert headers == [squeeze(data["lignes"][i]["titre"]) for i in (a, b)]
                for k, column in enumerate(data["colonnes"]):
                    cells = result.locator("tbody tr").nth(k).locator("td")
                    expected = [squeeze(data["lignes"][i]["valeurs"].get(column["id"], "—")) for i in (a, b)]
                    assert [squeeze(cells.nth(0).inner_text()), squeeze(cells.nth(1).inner_text())] == expected
                side_by_side = page.evaluate(OFF_SCREEN, ".pg-compare :is(th, td, select)")
                assert side_by_side["scroll"] <= 0 and not side_by_side["off"], side_by_side
                boxes = [cells.nth(i).bounding_box() for i in (0, 1)]
                assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"], "the two options are not side by side"
        finally:
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_string_of_a_comparison_prints_on_a4(browser, base_url: str, site: Path, guide, scheme: str) -> None:
    for url, ident, data in comparisons(site, guide):
        context, page = open_in(browser, base_url + url, scheme)
        try:
            printed = squeeze(text(print_pdf(page)))
        finally:
            context.close()
        missing = [s for s in strings(data) if squeeze(s) not in printed]
        assert not missing, f"/{url}#{ident}: {len(missing)} of {len(strings(data))} strings not printed: {missing}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_comparison_pages_have_no_axe_violation(browser, base_url: str, site: Path, guide, scheme: str) -> None:
    for url, _, _ in comparisons(site, guide):
        for options in ({}, PHONE):
            context = browser.new_context(locale="fr-FR", color_scheme=scheme, **options)
            try:
                page = context.new_page()
                open_with_axe(page, base_url + url, scheme)
                violations = axe_violations(page)
            finally:
                context.close()
            assert not violations, report({f"/{url} ({scheme}, {options or 'desktop'})": violations})
