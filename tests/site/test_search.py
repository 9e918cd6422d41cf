"""The guide's search, used as a reader does in Chromium: typed queries, results, snippets, keyboard.

It loads nothing until it is first used (focus, click or shortcut): the page opens without the
search script nor the index, both arrive on first use. Queries people type (no accents, no
apostrophe, English loanwords, acronyms, synonyms) put the page they look for in the top three.
The same queries run on this guide's offline edition in tests/content/test_offline.py; the queries
of QUERIES that name a page this guide lacks are skipped (a fork writes its own).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.browser

#: query -> a page (URL path from the site root) expected among the first three results; for a
#: tuple, one of those pages (both step pages about money, for "budget").
QUERIES: dict[str, str | tuple[str, ...]] = {
    "budget": ("methode/2-evaluer-les-conditions/", "methode/4-preparer-la-sortie-d-incubation/"),
    "checklist": "check-lists/",
    "check list": "check-lists/",
    "sortie d incubation": "methode/4-preparer-la-sortie-d-incubation/",
    "hebergeur": "methode/4-preparer-la-sortie-d-incubation/",
    "GIP": "trajectoires/formes-juridiques/gip/",
    "groupement d interet public": "trajectoires/formes-juridiques/gip/",
    "SCIC": "trajectoires/formes-juridiques/scic/",
    "DSI": "trajectoires/3-integration-dans-une-dsi/",
    "sponsor": "outils/formation-sponsor/",
    "commanditaire": "outils/formation-sponsor/",
    "perennisation": "comprendre/",
    "cout": "methode/2-evaluer-les-conditions/",
}
#: Requests that belong to the search: none may leave on page open.
SEARCH_DATA = re.compile(r"/search/|/assets/javascripts/search\.|/workers/search|/lunr/")


def _path(base_url: str, href: str) -> str:
    """A result's address as a path from the site root, without anchor."""
    return urlsplit(href).path[len(urlsplit(base_url).path) :]


def results(page, query: str) -> list[str]:
    """Type query in the search box (as a person does) and return the result pages, in order."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        "q => document.querySelector('input.md-search__input').value === q && window.pgSearch"
        " && document.querySelectorAll('.md-search-result__item').length > 0",
        arg=query,
        timeout=15_000,
    )
    return page.locator(".md-search-result__item > a:first-child").evaluate_all("links => links.map(a => a.href)")


@pytest.fixture(scope="module")
def search_page(browser, base_url: str):
    """One page of the guide, its search already used once."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    yield page
    context.close()


def test_nothing_of_the_search_loads_on_page_open_then_everything_on_first_focus(
    context, base_url: str, roles: dict[str, str]
) -> None:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(base_url + roles.get("step", ""), wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requests if SEARCH_DATA.search(url)], requests
    page.locator("input.md-search__input").focus()
    page.wait_for_function("() => window.pgSearch", timeout=15_000)
    loaded = [urlsplit(url).path for url in requests if SEARCH_DATA.search(url)]
    assert any(path.endswith("/search/index.js") for path in loaded), loaded
    assert any("/assets/javascripts/search." in path for path in loaded), loaded


def test_the_keyboard_shortcut_and_the_phone_button_load_the_search_too(
    browser, base_url: str, roles: dict[str, str], search_word: str
) -> None:
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(base_url + roles.get("checklist", ""), wait_until="networkidle")
        page.keyboard.press("/")
        page.wait_for_function("() => window.pgSearch", timeout=15_000)
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    finally:
        context.close()
    phone = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = phone.new_page()
        page.goto(base_url, wait_until="networkidle")
        page.locator("label.md-header__button[for='__search']").click()
        page.wait_for_function("() => window.pgSearch && document.getElementById('__search').checked", timeout=15_000)
        page.keyboard.type(search_word)
        page.locator(".md-search-result__item").first.wait_for(state="visible")
    finally:
        phone.close()


@pytest.mark.parametrize("query", list(QUERIES))
def test_a_query_puts_the_expected_page_in_the_top_three(search_page, site: Path, base_url: str, query: str) -> None:
    wanted = QUERIES[query]
    expected = [
        url for url in ((wanted,) if isinstance(wanted, str) else wanted) if (site / url / "index.html").is_file()
    ]
    if not expected:
        pytest.skip(f"{wanted} is not a page of this guide")
    top = [_path(base_url, href) for href in results(search_page, query)[:3]]
    assert set(expected) & set(top), f"{query!r}: {top}"


def test_a_word_in_a_page_title_ranks_that_page_first(search_page, base_url: str, search_word: str) -> None:
    titles = search_page.locator(".md-search-result__item h1")
    results(search_page, search_word)
    assert search_word.lower() in titles.first.inner_text().lower()


def test_results_show_readable_snippets_with_the_words_marked(search_page, search_word: str) -> None:
    """Typed without its accents, the word is found and marked as the page writes it."""
    typed = unicodedata.normalize("NFKD", search_word).encode("ascii", "ignore").decode().lower()
    results(search_page, typed)
    first = search_page.locator(".md-search-result__item").first
    marks = [m.lower() for m in first.locator("mark").all_inner_texts()]
    assert search_word.lower() in marks or any(m.startswith(search_word.lower()[:5]) for m in marks), marks
    snippet = first.locator("p").first.inner_text()
    assert 40 < len(snippet) <= 200 and "<" not in snippet, snippet
    meta = search_page.locator(".md-search-result__meta")
    assert re.match(r"^\d+ documents? trouvés?$", meta.inner_text().strip()), meta.inner_text()


def test_no_result_is_said_and_keyboard_opens_a_result(search_page, base_url: str, search_word: str) -> None:
    box = search_page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially("zzzqqq")
    search_page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.trim() === 'Aucun document trouvé'"
    )
    assert search_page.locator(".md-search-result__item").count() == 0
    hrefs = results(search_page, search_word)
    search_page.keyboard.press("Escape")
    assert not search_page.evaluate("document.getElementById('__search').checked")
    box.focus()
    box.press("Enter")
    search_page.wait_for_url(lambda url: url.split("#")[0] == hrefs[0].split("#")[0], timeout=10_000)


def test_the_index_carries_the_vocabulary_of_data_recherche_and_the_glossary(site: Path) -> None:
    script = (site / "search" / "index.js").read_text(encoding="utf-8")
    data = json.loads(script[script.index("=") + 1 : script.rindex(";")])
    groups = [set(g) for g in data["groups"]]
    vocabulary = yaml.safe_load((ROOT / "data" / "recherche.yml").read_text(encoding="utf-8"))
    for group in vocabulary.get("synonymes") or []:
        assert any(set(group) <= g for g in groups), group
    for source in vocabulary.get("sigles") or []:
        text = (ROOT / source).read_text(encoding="utf-8")
        acronym, long_form = re.search(r"^\*\[([^\]]+)\]:\s*(.+)$", text, re.M).groups()
        assert any(acronym in g and long_form.strip() in g for g in groups), acronym
    assert all(len(section) == 4 for section in data["sections"]) and data["pages"]
