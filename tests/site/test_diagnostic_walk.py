"""The guide's self-diagnoses, every combination of answers (3^5 = 243 for this guide's): no answer is
contradicted, no gap is left out, gaps come in the order of the method; and axe-core finds no WCAG
violation once a result is shown, in the light and the dark palette, on a desktop and a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import html
from diagnosis import check_result, walk
from axe import axe_violations, open_with_axe, report

pytestmark = pytest.mark.browser


def diagnostics(site: Path, guide) -> list[tuple[str, dict]]:
    """(page URL, data) of every self-diagnosis the built guide shows."""
    found = []
    for file in sorted(site.rglob("index.html")):
        for form in html(file).select("form[data-pg-diagnostic]"):
            url = file.parent.relative_to(site).as_posix() + "/"
            data = guide.library.collections["diagnostics"][form["data-pg-diagnostic"]].data
            found.append(("" if url == "./" else url, data))
    assert found, "the guide shows no self-diagnosis"
    return found


def test_every_combination_of_answers_tells_the_whole_truth(context, base_url: str, site: Path, guide) -> None:
    for url, data in diagnostics(site, guide):
        page = context.new_page()
        page.goto(base_url + url)
        results = walk(page, data)
        combinations = 1
        for question in data["questions"]:
            combinations *= len(question["reponses"])
        assert len(results) == combinations
        problems = [p for answers, shown in results for p in check_result(data, guide.labels, answers, shown)]
        assert not problems, f"/{url}: {len(problems)} problems:\n" + "\n".join(problems[:20])
        every_gap = [shown for answers, shown in results if len(shown["gaps"]) == len(data["questions"])]
        assert len(every_gap) == 2 ** len(data["questions"]), "each question has two answers that show its gap"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_diagnostic_with_its_result_has_no_axe_violation(
    browser, base_url: str, site: Path, guide, scheme: str
) -> None:
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    for url, data in diagnostics(site, guide):
        some_gaps = "&".join(f"{q['id']}={q['reponses'][i % 2 * -1]['id']}" for i, q in enumerate(data["questions"]))
        for options in ({}, phone):
            context = browser.new_context(locale="fr-FR", color_scheme=scheme, **options)
            try:
                page = context.new_page()
                form = html(site / url / "index.html").select_one("form[data-pg-diagnostic]")["id"]
                open_with_axe(page, f"{base_url}{url}#{form}?{some_gaps}", scheme)
                assert page.locator("[data-pg-diagnostic-result] [data-pg-gap]").count() > 0
                violations = axe_violations(page)
            finally:
                context.close()
            assert not violations, report({f"/{url} ({scheme}, {options or 'desktop'})": violations})
