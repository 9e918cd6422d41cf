"""The self-diagnosis tells the whole truth (demo fixture): every gap the answers show, in the order of
the method, each with its step, why and what to do; nothing missing -> the next step. The result is a
live region, survives a reload, prints, and a link carries the answers. Mistakes in its data stop the
build with one located line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, make_project, mkdocs_build, run
from diagnosis import check_result, squeeze, walk
from paper import print_pdf, text

PAGE = "diagnostic/"
FORM = "form[data-pg-diagnostic]"
DATA = yaml.safe_load((FIXTURES / "demo/data/diagnostics/ou-en-etes-vous.yml").read_text(encoding="utf-8"))
LABELS = yaml.safe_load((Path(__file__).resolve().parents[2] / "data/labels.yml").read_text(encoding="utf-8"))["fr"]


@pytest.mark.browser
def test_every_combination_of_answers_gets_every_gap_and_only_them(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + PAGE)
    results = walk(page, DATA)
    assert len(results) == 3 ** len(DATA["questions"])
    problems = [p for answers, shown in results for p in check_result(DATA, LABELS, answers, shown)]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:20])
    # Step 3 comes before step 2 in the form: method order, not form order.
    assert any([g["id"] for g in shown["gaps"]] == ["impact", "ressources", "structure"] for _, shown in results)


@pytest.mark.browser
def test_the_result_is_a_live_region_that_follows_the_answers_and_survives_a_reload(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + PAGE)
    result = page.locator(f"{FORM} [data-pg-diagnostic-result]")
    assert result.get_attribute("role") == "status" and result.get_attribute("aria-live") == "polite"
    page.locator(f"{FORM} input[name=impact][value=non]").check()
    page.locator(f"{FORM} button[type=submit]").click()
    assert "2 sans réponse" in result.inner_text()
    page.locator(f"{FORM} input[name=structure][value=oui]").check()
    page.locator(f"{FORM} input[name=ressources][value=oui]").check()
    assert result.get_attribute("data-pg-gaps") == "impact", "a shown result follows the answers"
    page.locator(f"{FORM} input[name=impact][value=oui]").check()
    assert result.get_attribute("data-pg-gaps") == "" and result.get_attribute("data-pg-step") == "3"
    page.goto(demo_url + PAGE)  # no fragment: answers come back from the browser's storage
    assert page.locator(f"{FORM} input:checked").count() == 3
    assert result.get_attribute("data-pg-step") == "3"
    page.locator(f"{FORM} [data-pg-diagnostic-reset]").click()
    page.goto(demo_url + PAGE)
    assert page.locator(f"{FORM} input:checked").count() == 0 and result.inner_text() == ""


@pytest.mark.browser
def test_a_copied_link_opens_the_same_answers_and_result_elsewhere(browser, context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + PAGE)
    for question, answer in {"impact": "en-partie", "structure": "non", "ressources": "oui"}.items():
        page.locator(f"{FORM} input[name={question}][value={answer}]").check()
    page.locator(f"{FORM} button[type=submit]").click()
    shown = page.locator(f"{FORM} [data-pg-diagnostic-result]").inner_text()
    page.locator("[data-pg-diagnostic-link]").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.includes('#'))")
    link = page.evaluate("navigator.clipboard.readText()")
    assert "#ou-en-etes-vous?" in link and "impact=en-partie" in link
    other = browser.new_context(locale="fr-FR")
    try:
        colleague = other.new_page()
        colleague.goto(link)
        result = colleague.locator(f"{FORM} [data-pg-diagnostic-result]")
        assert result.get_attribute("data-pg-gaps") == "impact structure"
        assert result.inner_text() == shown
        assert colleague.locator(f"{FORM} input[name=structure][value=non]").is_checked()
        assert colleague.locator("[data-pg-diagnostic-notice]").is_visible()
        saved = "Object.keys(localStorage).filter(k => k.includes(':diagnostic:')).length"
        assert colleague.evaluate(saved) == 0, "saved before any change"
        colleague.locator(f"{FORM} input[name=structure][value=oui]").check()
        assert colleague.evaluate(saved) == 3
    finally:
        other.close()


@pytest.mark.browser
def test_the_result_prints_with_the_answers_given(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + PAGE + "#ou-en-etes-vous?impact=non&structure=oui&ressources=en-partie")
    printed = squeeze(text(print_pdf(page)))
    impact, structure, resources = DATA["questions"]
    given = ("Pas encore", "Une estimation existe")
    for part in (impact["a_faire"], resources["a_faire"], LABELS["diagnostic_first"], *given):
        assert squeeze(part) in printed
    assert squeeze(structure["a_faire"]) not in printed, "no gap for an answer that shows none"
    assert squeeze("Plusieurs scénarios à l’étude") not in printed, "answers not given are left off paper"


# ---------------------------------------------------------------------------
#  Mistakes in the data: one line, file:line, what to do
# ---------------------------------------------------------------------------
def broken(tmp_path: Path, change) -> tuple[str, str]:
    """Build and check the demo with its diagnostic data changed; (build output, check output)."""
    project = make_project(tmp_path, base="demo")
    path = project / "data/diagnostics/ou-en-etes-vous.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    check = run([sys.executable, "-m", "perennisation.check", "-q"], project)
    assert build.code != 0 and check.code != 0
    assert "Traceback" not in build.output + check.output
    return build.output, check.output


def _unknown_step(data: dict) -> None:
    data["questions"][1]["etape"] = 7


def _no_gap(data: dict) -> None:
    for answer in data["questions"][0]["reponses"]:
        answer.pop("ecart", None)


def _typo(data: dict) -> None:
    data["questions"][0]["reponses"][2]["ecrat"] = data["questions"][0]["reponses"][2].pop("ecart")


def _old_rules(data: dict) -> None:
    data["regles"] = [{"etape": 1, "message": "x"}]


# Fragments that do not depend on the language messages are written in (theme.language).
@pytest.mark.parametrize(
    "change, expected",
    [
        (_unknown_step, ["questions[1].etape", " 7 ", "1, 2, 3"]),
        (_no_gap, ["questions[0]", "`impact`", "ecart: true"]),
        (_typo, ["questions[0].reponses[2]", "`ecrat`", "`ecart`"]),
        (_old_rules, ["`regles`", "sans_ecart"]),
    ],
    ids=["unknown-step", "no-gap-answer", "typo", "old-rules"],
)
def test_a_mistake_in_the_diagnostic_data_is_one_located_line(tmp_path: Path, change, expected: list[str]) -> None:
    build, check = broken(tmp_path, change)
    for output in (build, check):
        lines = [line for line in output.splitlines() if ": error: " in line]
        assert len(lines) == 1, output
        for fragment in expected:
            assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
        assert re.search(r"ou-en-etes-vous\.yml:\d+: error: ", lines[0]), lines[0]
