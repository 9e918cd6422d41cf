"""Components in a real headless Chromium: saved ticks, export, links to questions, diagnostic, sheets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import make_project, mkdocs_build, serve

pytestmark = pytest.mark.browser

STEP4 = "methode/4-preparer-la-sortie-d-incubation/"
STEP1 = "methode/1-definir-les-objectifs/"
CHECKLIST = "section#sortie-incubation"


def boxes(page, scope: str = CHECKLIST):
    return page.locator(f"{scope} input[type=checkbox]")


def test_ticks_survive_a_reload(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + STEP4)
    boxes(page).nth(0).check()
    boxes(page).nth(2).check()
    page.reload()
    states = [boxes(page).nth(i).is_checked() for i in range(4)]
    assert states == [True, False, True, False]
    assert re.match(r"2 / \d+ faits", page.locator(f"{CHECKLIST} [data-pg-status]").inner_text())


def test_storage_keys_are_versioned_per_site_checklist_and_item(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + STEP4)
    item = boxes(page).nth(1).get_attribute("data-pg-item")
    boxes(page).nth(1).check()
    keys = page.evaluate("Object.keys(localStorage)")
    assert f"pg:v1:perenniser-un-service-numerique-public:checklist:sortie-incubation:{item}" in keys


def test_corrupted_or_foreign_storage_is_ignored(context, base_url: str) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + STEP4)
    item = boxes(page).nth(0).get_attribute("data-pg-item")
    page.evaluate(
        """item => {
            localStorage.setItem(`pg:v1:perenniser-un-service-numerique-public:checklist:sortie-incubation:${item}`, '{corrupt');
            localStorage.setItem('pg:v1:perenniser-un-service-numerique-public:checklist:sortie-incubation:', 'x');
            localStorage.setItem('pg:v0:old', '[[[');
            localStorage.setItem('some-other-site', 'value');
        }""",
        item,
    )
    page.reload()
    assert not boxes(page).nth(0).is_checked()
    boxes(page).nth(0).check()
    page.reload()
    assert boxes(page).nth(0).is_checked()
    assert errors == []


def test_export_copies_the_checklist_as_markdown(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + STEP4)
    boxes(page).nth(0).check()
    first_label = page.locator(f"{CHECKLIST} label").nth(0).inner_text().strip()
    second_label = page.locator(f"{CHECKLIST} label").nth(1).inner_text().strip()
    page.locator(f"{CHECKLIST} [data-pg-export]").click()
    page.wait_for_function("document.querySelector('#sortie-incubation [data-pg-status]').textContent.includes('copiée')")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("## ")
    assert f"- [x] {first_label}" in markdown
    assert f"- [ ] {second_label}" in markdown
    assert "### " in markdown  # sections become sub-headings
    assert re.search(r"_1 / \d+ faits_", markdown)


def test_export_falls_back_to_a_selected_text_area_without_clipboard(context, base_url: str) -> None:
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    page.goto(base_url + STEP4)
    page.locator(f"{CHECKLIST} [data-pg-export]").click()
    area = page.locator(f"{CHECKLIST} textarea[data-pg-export-text]")
    assert area.is_visible()
    assert area.input_value().startswith("## ")
    assert "Ctrl+C" in page.locator(f"{CHECKLIST} [data-pg-status]").inner_text()


def test_reset_asks_for_confirmation(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + STEP4)
    boxes(page).nth(0).check()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(f"{CHECKLIST} [data-pg-reset]").click()
    assert boxes(page).nth(0).is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"{CHECKLIST} [data-pg-reset]").click()
    assert not boxes(page).nth(0).is_checked()
    page.reload()
    assert not boxes(page).nth(0).is_checked()


def test_copy_link_puts_the_exact_question_url_on_the_clipboard(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + STEP1)
    button = page.locator("section#vision-commune button.pg-copy-link").nth(1)
    anchor = button.get_attribute("data-pg-copy")
    button.click()
    page.wait_for_function("document.getElementById('pg-live') && document.getElementById('pg-live').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}{STEP1}#{anchor}"
    assert "copié" in page.locator("#pg-live").inner_text()


def test_a_question_anchor_scrolls_to_and_highlights_the_question(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + STEP1)
    anchor = page.locator("section#vision-commune li.pg-question").nth(2).get_attribute("id")
    page.goto(f"{base_url}{STEP1}#{anchor}")
    question = page.locator(f"#{anchor}")
    page.wait_for_function(f"document.getElementById('{anchor}').classList.contains('pg-highlight')")
    box = question.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    assert page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).outlineStyle") != "none"


def test_instant_navigation_keeps_components_working(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "methode/3-choisir-la-structure-d-accueil/")
    page.locator('.pg-step-pager a[rel="next"]').click()
    page.wait_for_url("**/" + STEP4)
    assert page.evaluate("document.querySelectorAll('script[src*=guide]').length") == 1
    boxes(page).nth(0).check()
    assert page.locator(f"{CHECKLIST} [data-pg-status]").inner_text().startswith("1 / ")
    page.go_back()
    page.wait_for_url("**/methode/3-choisir-la-structure-d-accueil/")
    page.locator("a[href*='4-preparer-la-sortie']").first.click()
    page.wait_for_url("**/" + STEP4)
    assert boxes(page).nth(0).is_checked()
    assert page.locator(f"{CHECKLIST} [data-pg-actions]").is_visible()


def test_every_control_works_with_the_keyboard(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + STEP4)
    first = boxes(page).nth(0)
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")  # the item's own anchor link
    assert page.evaluate("document.activeElement.classList.contains('pg-anchor')")
    page.locator(f"{CHECKLIST} [data-pg-reset]").focus()
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    assert not first.is_checked()
    page.goto(base_url + STEP1)
    page.locator("section#vision-commune button.pg-copy-link").nth(0).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('pg-live').textContent.length > 0")


def test_the_diagnostic_recommends_the_expected_step(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "diagnostic/")
    form = page.locator("form[data-pg-diagnostic]")
    answers = {"impact": "oui", "sponsors": "oui", "ressources": "oui", "structure": "en-discussion", "sortie": "non"}
    for question, answer in answers.items():
        form.locator(f"input[name={question}][value={answer}]").check()
    form.locator("button[type=submit]").click()
    result = form.locator("[data-pg-diagnostic-result]")
    assert result.get_attribute("data-pg-step") == "3"
    assert "étape 3" in result.inner_text()
    assert result.locator("a").first.get_attribute("href").endswith("methode/3-choisir-la-structure-d-accueil/")
    page.reload()  # answers are kept and the recommendation shown again
    assert page.locator("[data-pg-diagnostic-result]").get_attribute("data-pg-step") == "3"
    page.locator("form[data-pg-diagnostic] input[name=structure][value=oui]").check()
    page.locator("form[data-pg-diagnostic] button[type=submit]").click()
    assert page.locator("[data-pg-diagnostic-result]").get_attribute("data-pg-step") == "4"
    page.locator("[data-pg-diagnostic-reset]").click()
    page.reload()
    assert page.locator("form[data-pg-diagnostic] input:checked").count() == 0


def test_the_diagnostic_asks_for_missing_answers(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "diagnostic/")
    page.locator("form[data-pg-diagnostic] input[name=impact][value=non]").check()
    page.locator("form[data-pg-diagnostic] button[type=submit]").click()
    assert "4 sans réponse" in page.locator("[data-pg-diagnostic-result]").inner_text()


def test_case_study_cards_filter_without_reload(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "cas/")
    cards = page.locator("[data-pg-cards=cas] .grid.cards > ul > li")
    total = cards.count()
    filters = page.locator("[data-pg-filters=trajectory] button[data-pg-filter]")
    assert filters.count() >= 3
    page.evaluate("window.pgMarker = 1")
    filters.nth(1).click()
    value = filters.nth(1).get_attribute("data-pg-filter")
    visible = [cards.nth(i) for i in range(total) if cards.nth(i).is_visible()]
    assert 0 < len(visible) < total
    assert all(card.get_attribute("data-pg-trajectory") == value for card in visible)
    assert filters.nth(1).get_attribute("aria-pressed") == "true"
    filters.nth(0).click()
    assert sum(cards.nth(i).is_visible() for i in range(total)) == total
    assert page.evaluate("window.pgMarker") == 1  # no reload
    steps = page.locator("[data-pg-filters=step] button[data-pg-filter]")
    assert steps.count() >= 3
    steps.nth(1).click()
    number = steps.nth(1).get_attribute("data-pg-filter")
    shown = [cards.nth(i) for i in range(total) if cards.nth(i).is_visible()]
    assert 0 < len(shown) < total
    assert all(number in card.get_attribute("data-pg-steps").split() for card in shown)
    assert page.evaluate("window.pgMarker") == 1


def test_a_workshop_sheet_prints_on_at_most_two_a4_pages_with_its_qr_code(context, base_url: str, tmp_path: Path) -> None:
    page = context.new_page()
    for workshop in ("vision-commune", "futurespective", "matrice-scenarios", "bilan-sortie", "rythme-gouvernance", "atelier-grille-analyse"):
        page.goto(f"{base_url}ateliers/{workshop}/")
        assert page.locator(".pg-sheet__qr svg").count() == 1
        pdf = page.pdf(format="A4", print_background=True)  # print media, as from the browser's menu
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        page.emulate_media(media="print")
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".md-footer").is_visible()
        assert page.locator(".pg-sheet__qr svg").is_visible()
        tips = page.locator("details.pg-sheet__tips li")
        if tips.count():
            assert tips.first.is_visible(), "details must print expanded"
        page.emulate_media(media="null")
        assert 1 <= pages <= 2, f"{workshop}: {pages} pages"


def test_ticks_follow_item_ids_when_the_checklist_is_reordered(context, tmp_path: Path) -> None:
    project = make_project(tmp_path)
    served = tmp_path / "served"
    assert mkdocs_build(project, served).code == 0
    server, url = serve(served)
    try:
        page = context.new_page()
        page.goto(url)
        page.locator("#sortie-incubation-equipe input").check()
        checklist = project / "data/checklists/sortie-incubation.yml"
        data = yaml.safe_load(checklist.read_text(encoding="utf-8"))
        data["items"] = [data["items"][1], {"id": "nouveau", "texte": "Nouvel élément."}, data["items"][0]]
        checklist.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert mkdocs_build(project, served).code == 0
        page.reload()
        assert page.locator("input[data-pg-item]").nth(0).get_attribute("data-pg-item") == "equipe"
        assert page.locator("#sortie-incubation-equipe input").is_checked()
        assert not page.locator("#sortie-incubation-nouveau input").is_checked()
        assert not page.locator("#sortie-incubation-budget input").is_checked()
        data["items"] = [item for item in data["items"] if item["id"] != "equipe"]
        checklist.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert mkdocs_build(project, served).code == 0
        page.reload()
        keys = page.evaluate("Object.keys(localStorage)")
        assert not [k for k in keys if k.endswith(":equipe")], "removed items are dropped quietly"
        assert page.locator("[data-pg-status]").inner_text().startswith("0 / 2")
    finally:
        server.shutdown()
        server.server_close()


def test_published_search_is_french_and_ignores_accents(context, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    for query in ("pérennisation", "perennisation"):
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=15)
        page.wait_for_function("q => window.pgSearch && document.querySelector('input.md-search__input').value === q"
                               " && document.querySelectorAll('.md-search-result__item').length > 0", arg=query)
        hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")
        assert any("/methode/" in href and re.search(r"/methode/\d-", href) for href in hrefs), (query, hrefs)
    box.fill("")
    box.press_sequentially("peremiser", delay=15)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() === 'Aucun document trouvé'")
