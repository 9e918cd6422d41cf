"""The guide's self-diagnoses, every combination of answers (the product of each question's answer
count): no answer is contradicted, no gap is left out, gaps come in the order of the method; and axe-core
finds no WCAG violation once a result is shown, in the light and the dark palette, on a desktop and a phone."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from axe import axe_violations, open_with_axe, report
from conftest import html
from diagnosis import check_result, walk

from perennisation.templatecheck import used_ids

pytestmark = pytest.mark.browser


def diagnostics(site: Path, guide) -> list[tuple[str, dict]]:
    """(page URL, data) of every self-diagnosis the built guide shows; skips a guide without any."""
    used = {ident for p in guide.pages for folder, ident in used_ids(p.body) if folder == "diagnostics"}
    if not used:
        pytest.skip("no page of this guide shows a self-diagnosis (diagnostic(...))")
    found, shown = [], set()
    for file in sorted(site.rglob("index.html")):
        for form in html(file).select("form[data-pg-diagnostic]"):
            url = file.parent.relative_to(site).as_posix() + "/"
            data = guide.library.collections["diagnostics"][form["data-pg-diagnostic"]].data
            shown.add(form["data-pg-diagnostic"])
            found.append(("" if url == "./" else url, data))
    assert shown == used, "self-diagnoses named in docs/ and shown in the built guide"
    return found


def test_every_combination_of_answers_tells_the_whole_truth(context, base_url: str, site: Path, guide) -> None:
    for url, data in diagnostics(site, guide):
        page = context.new_page()
        page.goto(base_url + url)
        results = walk(page, data)
        assert len(results) == math.prod(len(q["reponses"]) for q in data["questions"])
        problems = [p for answers, shown in results for p in check_result(data, guide.labels, answers, shown)]
        assert not problems, f"/{url}: {len(problems)} problems:\n" + "\n".join(problems[:20])
        every_gap = [shown for answers, shown in results if len(shown["gaps"]) == len(data["questions"])]
        gap_answers = [sum(bool(r.get("ecart")) for r in q["reponses"]) for q in data["questions"]]
        assert len(every_gap) == math.prod(gap_answers), f"/{url}: every gap shown at once ({gap_answers} answers)"


def some_answer(question: dict, index: int, count: int) -> str:
    """An answer to a question: one that shows its gap for every other question (for the only one if alone)."""
    gap = index % 2 == 1 or count == 1
    fitting = [r["id"] for r in question["reponses"] if bool(r.get("ecart")) == gap] or [question["reponses"][0]["id"]]
    return fitting[-1] if gap else fitting[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_diagnostic_with_its_result_has_no_axe_violation(
    browser, base_url: str, site: Path, guide, scheme: str
) -> None:
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    for url, data in diagnostics(site, guide):
        some_gaps = "&".join(
            f"{q['id']}={some_answer(q, i, len(data['questions']))}" for i, q in enumerate(data["questions"])
        )
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
