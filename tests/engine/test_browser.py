"""Components in a real headless Chromium, on the demo fixture project (tests/fixtures/demo):
links to questions and headings, instant navigation, keyboard, diagnostic, cards, workshop sheets, search.

Check-lists have their own file: test_checklist_browser.py.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

STEP1 = "methode/1-cadrer/"
STEP2 = "methode/2-evaluer/"
WORKSHOP = "section#premier-atelier"
CHECKLIST = "section#demarrage"


def test_copy_link_puts_the_exact_question_url_on_the_clipboard(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + STEP1)
    button = page.locator(f"{WORKSHOP} li.pg-question button.pg-copy-link").nth(1)
    anchor = button.get_attribute("data-pg-copy")
    assert anchor == "premier-atelier-demain"
    button.click()
    page.wait_for_function("(document.getElementById('pg-live') || {textContent: ''}).textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == f"{demo_url}{STEP1}#{anchor}"
    assert "copié" in page.locator("#pg-live").inner_text()
    assert page.locator(f"#{anchor} .pg-copied").inner_text() == "Lien copié"


def test_a_components_heading_gets_one_copy_button_to_its_section(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + STEP1)
    heading = page.locator(f"{WORKSHOP} h3.pg-atelier__title")
    heading.locator("button.pg-copy-link").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{demo_url}{STEP1}#premier-atelier"
    assert heading.locator("button, a").count() == 1
    page.goto(demo_url + STEP2)  # instant navigation back and forth adds no second button
    page.goto(demo_url + STEP1)
    assert page.locator(f"{WORKSHOP} h3.pg-atelier__title button").count() == 1


def test_a_question_anchor_scrolls_to_and_highlights_the_question(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + STEP1)
    anchor = page.locator(f"{WORKSHOP} li.pg-question").nth(2).get_attribute("id")
    page.goto(f"{demo_url}{STEP1}#{anchor}")
    question = page.locator(f"#{anchor}")
    page.wait_for_function(f"document.getElementById('{anchor}').classList.contains('pg-highlight')")
    box = question.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    assert page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).outlineStyle") != "none"


def test_instant_navigation_keeps_components_working(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + STEP1)
    page.locator('.pg-step-pager a[rel="next"]').click()
    page.wait_for_url("**/" + STEP2)
    page.wait_for_selector(f"{CHECKLIST}[data-pg-ready]")
    assert page.evaluate("document.querySelectorAll('script[src*=guide]').length") == 1
    page.locator("label[for=demarrage-porteur-acquis]").click()
    assert page.locator(f"{CHECKLIST} [data-pg-status]").inner_text().startswith("1 acquis")
    page.go_back()
    page.wait_for_url("**/" + STEP1)
    page.locator(f"a[href*='{STEP2}']").first.click()
    page.wait_for_url("**/" + STEP2)
    page.wait_for_selector(f"{CHECKLIST}[data-pg-ready]")
    assert page.locator("#demarrage-porteur-acquis").is_checked()
    assert page.locator(f"{CHECKLIST} [data-pg-actions]").is_visible()
    assert page.locator("h2#plan-d-actions a.headerlink").get_attribute("aria-label") == "Copier le lien"


def test_every_control_works_with_the_keyboard(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + STEP2)
    page.wait_for_selector(f"{CHECKLIST}[data-pg-ready]")
    first = page.locator("#demarrage-porteur-a-lancer")
    first.focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("#demarrage-porteur-en-cours").is_checked()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")  # from the radio group to the name of the person responsible
    assert page.evaluate("document.activeElement.id") == "demarrage-porteur-responsable"
    page.keyboard.type("Alice")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back past the radio group: the item's copy-link button
    assert page.evaluate("document.activeElement.getAttribute('data-pg-copy')") == "demarrage-porteur"
    page.keyboard.press("Enter")
    page.wait_for_function("(document.getElementById('pg-live') || {textContent: ''}).textContent.length > 0")
    page.locator(f"{CHECKLIST} [data-pg-reset]").focus()
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    assert first.is_checked()
    assert page.locator("#demarrage-porteur-responsable").input_value() == ""
    page.goto(demo_url + STEP1)
    page.locator("h2#plan-d-actions a.headerlink").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h2#plan-d-actions .pg-copied")


def test_the_diagnostic_recommends_the_expected_step(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + "diagnostic/")
    form = page.locator("form[data-pg-diagnostic]")
    for question, answer in {"impact": "oui", "ressources": "oui", "structure": "en-discussion"}.items():
        form.locator(f"input[name={question}][value={answer}]").check()
    form.locator("button[type=submit]").click()
    result = form.locator("[data-pg-diagnostic-result]")
    assert result.get_attribute("data-pg-step") == "3"
    assert "étape 3" in result.inner_text()
    assert result.locator("a").first.get_attribute("href").endswith("methode/3-choisir/")
    page.reload()  # answers are kept and the recommendation shown again
    assert page.locator("[data-pg-diagnostic-result]").get_attribute("data-pg-step") == "3"
    page.locator("form[data-pg-diagnostic] input[name=ressources][value=non]").check()
    page.locator("form[data-pg-diagnostic] button[type=submit]").click()
    assert page.locator("[data-pg-diagnostic-result]").get_attribute("data-pg-step") == "2"
    page.locator("[data-pg-diagnostic-reset]").click()
    page.reload()
    assert page.locator("form[data-pg-diagnostic] input:checked").count() == 0


def test_the_diagnostic_asks_for_missing_answers(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + "diagnostic/")
    page.locator("form[data-pg-diagnostic] input[name=impact][value=non]").check()
    page.locator("form[data-pg-diagnostic] button[type=submit]").click()
    assert "2 sans réponse" in page.locator("[data-pg-diagnostic-result]").inner_text()


def test_the_diagnostic_results_link_is_copied_with_a_visible_confirmation(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + "diagnostic/")
    form = page.locator("form[data-pg-diagnostic]")
    for question, answer in {"impact": "oui", "ressources": "non", "structure": "oui"}.items():
        form.locator(f"input[name={question}][value={answer}]").check()
    form.locator("button[type=submit]").click()
    button = page.locator("[data-pg-diagnostic-link]")
    assert button.is_visible()
    box = button.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24
    button.click()
    page.locator("[data-pg-diagnostic-link] + .pg-copied").wait_for()
    assert page.locator("[data-pg-diagnostic-link] + .pg-copied").inner_text() == "Lien copié"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == button.get_attribute("data-pg-diagnostic-link")
    assert copied.startswith(f"{demo_url}diagnostic/#")


def test_a_heading_never_takes_a_components_id(context, demo_url: str) -> None:
    """The page's title "Où en êtes-vous ?" and the diagnostic "ou-en-etes-vous" keep distinct anchors."""
    page = context.new_page()
    page.goto(demo_url + "diagnostic/")
    assert page.locator("form#ou-en-etes-vous[data-pg-diagnostic]").count() == 1
    assert page.locator("h1").get_attribute("id") == "ou-en-etes-vous_1"
    assert (
        page.evaluate(
            "[...document.querySelectorAll('[id]')].map(e => e.id).filter((id, i, all) => all.indexOf(id) !== i)"
        )
        == []
    )


def test_case_study_cards_filter_without_reload(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + "cas/")
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


def test_a_workshop_sheet_prints_on_at_most_two_a4_pages_with_its_qr_code(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(f"{demo_url}ateliers/premier-atelier/")
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
    assert 1 <= pages <= 2, f"{pages} pages"


def test_published_search_is_french_and_ignores_accents(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url)
    box = page.locator("input.md-search__input")
    for query in ("évaluer", "evaluer"):
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=15)
        page.wait_for_function(
            "q => window.pgSearch && document.querySelector('input.md-search__input').value === q"
            " && document.querySelectorAll('.md-search-result__item').length > 0",
            arg=query,
        )
        hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")
        assert any(href.split("#")[0].endswith("/methode/2-evaluer/") for href in hrefs), (query, hrefs)
    box.fill("")
    box.press_sequentially("peremiser", delay=15)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.trim() === 'Aucun document trouvé'"
    )
