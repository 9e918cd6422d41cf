"""Accessibility gate of the built guide (WCAG 2.0 and 2.1, levels A and AA).

* axe-core (npm package pinned in package.json) runs in Chromium on every page, in the light and
  the dark palette, with the rules tagged wcag2a, wcag2aa, wcag21a and wcag21aa: zero violations
  (and on a phone-sized screen for the pages richest in components);
* every page has lang="fr", one <h1>, no heading level skipped going down in the main content,
  a skip link to an existing id, and a link to the accessibility statement in its footer;
* links, check-list boxes, buttons, tabs and menus show a focus outline of at least 2px;
* the search dialog has a name, and axe finds nothing once it is open with results.

The fixes live in overrides/assets/stylesheets/accessibilite.css and overrides/main.html.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from axe import ALLOW_LIST, SETTLE, axe_page, axe_violations, open_with_axe, report, site_pages, violations_on
from bs4 import BeautifulSoup
from conftest import html

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------------------
#  The pages of the built site
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    urls = site_pages(site)
    assert "" in urls and "404.html" in urls and len(urls) >= 3, urls
    return urls


@pytest.fixture(scope="module")
def home(site: Path) -> str:
    """Published address of the home page (site_url), read from the sitemap."""
    locs = [loc.text or "" for loc in ET.parse(site / "sitemap.xml").getroot().iter() if loc.tag.endswith("loc")]
    assert locs, "sitemap.xml lists no page"
    return min(locs, key=len)


@pytest.fixture(scope="module")
def parsed(site: Path, pages: list[str]) -> dict[str, BeautifulSoup]:
    return {url: html(site / url / "index.html" if not url.endswith(".html") else site / url) for url in pages}


# ---------------------------------------------------------------------------
#  axe-core on every page, light and dark
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_on_any_page(browser, base_url: str, pages: list[str], scheme: str) -> None:
    context, page = axe_page(browser, scheme)
    assert not (found := violations_on(context, page, [base_url + url for url in pages], scheme)), report(found)


def test_axe_finds_no_wcag_violation_on_a_phone(
    browser, base_url: str, pages: list[str], roles: dict[str, str]
) -> None:
    """Phone layout (drawer menu, search button, narrow content tabs), on the pages richest in components."""
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    urls = [base_url + url for url in dict.fromkeys(roles.values()) if url in pages]
    assert not (found := violations_on(context, context.new_page(), urls, "light")), report(found)


def test_allow_list_entries_are_justified() -> None:
    for rule, reason in ALLOW_LIST.items():
        assert len(reason) > 40, f"allow-listed axe rule {rule} needs its proof of false positive"


def test_open_search_dialog_has_a_name_and_no_violation(browser, base_url: str, search_word: str) -> None:
    for scheme in ("light", "dark"):
        context, page = axe_page(browser, scheme)
        try:
            open_with_axe(page, base_url, scheme)
            page.locator(".md-search__input").click()
            page.keyboard.type(search_word)
            page.locator(".md-search-result__item").first.wait_for(state="visible")
            page.evaluate(SETTLE)
            dialog = page.locator(".md-search[role=dialog]")
            assert (dialog.get_attribute("aria-label") or "").strip(), "the search dialog has no accessible name"
            violations = axe_violations(page)
            # aria-dialog-name is a "best practice" rule of axe, run on its own here (WCAG 4.1.2).
            violations += axe_violations(page, options={"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}})
        finally:
            context.close()
        assert not violations, report({f" (search open, {scheme})": violations})


# ---------------------------------------------------------------------------
#  Page structure: language, headings, skip link, statement (built HTML)
# ---------------------------------------------------------------------------
def test_every_page_is_in_the_guides_language(parsed: dict[str, BeautifulSoup], guide) -> None:
    language = guide.config["theme"]["language"]
    wrong = {url: soup.html.get("lang") for url, soup in parsed.items() if soup.html.get("lang") != language}
    assert not wrong, f'pages without lang="{language}": {wrong}'


def heading_problems(soup: BeautifulSoup) -> Iterator[str]:
    h1 = soup.find_all("h1")
    if len(h1) != 1:
        yield f"{len(h1)} <h1> instead of one"
    main = soup.select_one("article.md-content__inner")
    if main is None:
        yield "no main content (article.md-content__inner)"
        return
    levels = [(int(h.name[1]), h.get_text(" ", strip=True)) for h in main.find_all(re.compile(r"^h[1-6]$"))]
    if levels and levels[0][0] != 1:
        yield f"the main content starts with an <h{levels[0][0]}>, not the <h1>"
    for (before, _), (level, text) in zip(levels, levels[1:], strict=False):
        if level > before + 1:
            yield f"<h{before}> followed by <h{level}> «{text}» (level {before + 1} skipped)"


def test_one_h1_and_no_skipped_heading_level(parsed: dict[str, BeautifulSoup]) -> None:
    problems = [f"/{url}: {p}" for url, soup in parsed.items() for p in heading_problems(soup)]
    assert not problems, "\n".join(problems)


def test_every_page_has_a_skip_link_to_an_existing_id(parsed: dict[str, BeautifulSoup]) -> None:
    problems = []
    for url, soup in parsed.items():
        links = soup.select("a.md-skip")
        if len(links) != 1:
            problems.append(f"/{url}: {len(links)} skip links")
            continue
        href = links[0].get("href", "")
        if not href.startswith("#") or soup.find(id=href[1:]) is None:
            problems.append(f"/{url}: skip link to {href!r}, no element has this id")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["home", "step", "sheet", "404"])
def test_skip_link_is_the_first_tab_stop_and_is_shown(context, base_url: str, roles: dict[str, str], role: str) -> None:
    url = "404.html" if role == "404" else roles.get(role)
    if url is None:
        pytest.skip(f"this guide has no {role} page")
    page = context.new_page()
    page.goto(base_url + url)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
      return { skip: a.classList.contains('md-skip'), opacity: getComputedStyle(a).opacity, width: r.width,
               target: !!document.getElementById(decodeURIComponent(new URL(a.href).hash.slice(1))) }; }""")
    assert focused["skip"], f"/{url}: the first Tab does not reach the skip link"
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    assert focused["width"] > 0 and focused["target"], f"/{url}: {focused}"


def test_accessibility_statement_is_built_and_linked_from_every_footer(
    site: Path, parsed: dict[str, BeautifulSoup], home: str, roles: dict[str, str], guide
) -> None:
    assert "statement" in roles, "extra.organisation.accessibilite.page names no page of the guide"
    statement_url = roles["statement"]
    assert (site / statement_url / "index.html").exists(), "the accessibility statement is not in the built site"
    statement = urljoin(home, statement_url)
    missing, statuses = [], set()
    for url, soup in parsed.items():
        links = [
            a
            for a in soup.select("footer .md-footer-meta a[href]")
            if urljoin(urljoin(home, url), a["href"]) == statement
        ]
        if not links:
            missing.append(f"/{url}")
        statuses.update(re.sub(r"\s+", " ", a.get_text(" ", strip=True).replace("\u202f", " ")) for a in links)
    assert not missing, f"pages whose footer does not link to the accessibility statement: {missing}"
    # RGAA wording "Accessibilité : <status>", the status being the one the statement declares.
    assert len(statuses) == 1, statuses
    label = statuses.pop()
    prefix = guide.labels["footer_accessibility"].split("{status}")[0].replace("\u202f", " ")
    assert label.startswith(prefix.strip()), label
    section = parsed[statement_url].find(id="etat-de-conformite")
    assert section is not None, "the statement has no « État de conformité » section (#etat-de-conformite)"
    declared = " ".join(s.get_text(" ", strip=True) for s in section.find_next_siblings(["p", "ul"], limit=2))
    assert label.removeprefix(prefix.strip()).strip() in declared, (
        f"footer says «{label}», the statement says «{declared}»"
    )


def test_search_dialog_has_a_name_on_every_page(parsed: dict[str, BeautifulSoup]) -> None:
    unnamed = [
        f"/{url}"
        for url, soup in parsed.items()
        if not (soup.select_one(".md-search[role=dialog]") or {}).get("aria-label")
    ]
    assert not unnamed, f"search dialog without aria-label: {unnamed}"


# ---------------------------------------------------------------------------
#  Visible focus
# ---------------------------------------------------------------------------
FOCUS_TARGETS = {
    "link in the text": "article.md-content__inner p a[href]:not(.headerlink)",
    "check-list control": ".pg-checklist input",
    "button": ".pg-checklist__actions button",
    "header tab": ".md-tabs__link",
    "navigation link": ".md-sidebar--primary .md-nav__link[href]",
    "footer link": ".md-footer-meta a[href]",
    "palette switch": ".md-option + label:not([hidden])",
}

FOCUS = """(selector) => {
  const target = Array.from(document.querySelectorAll(selector)).find(e => e.getClientRects().length);
  if (!target) return null;
  // The palette switch is a hidden radio button whose visible label carries the outline.
  const focusable = target.tagName === 'LABEL' ? target.previousElementSibling : target;
  focusable.scrollIntoView({ block: 'center' });
  focusable.focus();
  const style = getComputedStyle(target);
  return { focused: document.activeElement === focusable, visible: focusable.matches(':focus-visible'),
           style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible_on_links_checkboxes_and_buttons(
    browser, base_url: str, roles: dict[str, str], scheme: str
) -> None:
    if "checklist" not in roles:
        pytest.skip("this guide shows no check-list")
    context, page = axe_page(browser, scheme)
    problems = []
    try:
        open_with_axe(page, base_url + roles["checklist"], scheme)
        page.keyboard.press("Tab")  # keyboard use: focus() now shows :focus-visible, as tabbing would
        for name, selector in FOCUS_TARGETS.items():
            result = page.evaluate(FOCUS, selector)
            if result is None:
                problems.append(f"{name}: no visible element matches {selector}")
            elif not (result["focused"] and result["visible"]):
                problems.append(f"{name}: could not be focused from the keyboard ({result})")
            elif result["style"] == "none" or result["width"] < 2:
                problems.append(f"{name}: focus outline {result['style']} {result['width']}px, at least 2px needed")
            elif name in ("link in the text", "button"):
                # Focused colours must keep the contrast too (WCAG 1.4.3).
                page.evaluate(SETTLE)
                focused = axe_violations(page, ":focus", {"runOnly": {"type": "rule", "values": ["color-contrast"]}})
                problems += [f"{name} when focused: {report({roles['checklist']: focused})}"] if focused else []
    finally:
        context.close()
    assert not problems, f"/{roles['checklist']} ({scheme}):\n" + "\n".join(problems)
