"""What a reader can trust on the real build: every page dated, French typography, « En bref » on
each step page, the « Nouveautés » list, former anchors, one pager and contributors' links in the footer."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString
from conftest import html

#: Text never typeset: code, scripts, and the like.
CODE = {"code", "pre", "kbd", "samp", "script", "style", "svg", "textarea", "math"}
PLAIN_BEFORE = re.compile(r"[ \u00a0\t\n]+[;:!?»]|«[ \u00a0\t\n]")


def pages(site: Path) -> list[Path]:
    """Every built page but redirect stubs and the 404 page (which is not a page of the guide)."""
    found = []
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html" or "/assets/" in path.as_posix():
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:3000]:
            continue
        found.append(path)
    return found


@pytest.fixture(scope="module")
def parsed(site: Path) -> dict[str, BeautifulSoup]:
    return {path.relative_to(site).as_posix(): html(path) for path in pages(site)}


def test_every_page_shows_when_it_was_updated(parsed: dict[str, BeautifulSoup]) -> None:
    assert len(parsed) > 20
    today = dt.date.today()
    for name, soup in parsed.items():
        updated = soup.select_one("article .pg-updated time[datetime]")
        assert updated is not None, f"{name}: no « Mis à jour le … »"
        day = dt.date.fromisoformat(updated["datetime"])
        assert day <= today, f"{name}: dated {day}, in the future"
        assert str(day.year) in updated.get_text(), name


def french_text_runs(soup: BeautifulSoup):
    """Text nodes of the page that French typography applies to."""
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or type(text) is not NavigableString:
            continue
        parents = [p for p in text.parents if p.name]
        if any(p.name in CODE for p in parents):
            continue
        if any(p.has_attr("lang") and not p["lang"].startswith("fr") for p in parents):
            continue
        yield text


def test_no_plain_space_before_high_punctuation(parsed: dict[str, BeautifulSoup]) -> None:
    found = []
    for name, soup in parsed.items():
        if not soup.html.get("lang", "").startswith("fr"):
            continue
        runs = list(french_text_runs(soup))
        for i, text in enumerate(runs):
            value = str(text)
            found += [f"{name}: …{value[max(0, m.start() - 25):m.end() + 5]!r}" for m in PLAIN_BEFORE.finditer(value)]
            if i and value[:1] in ";:!?»" and str(runs[i - 1]).endswith((" ", "\u00a0")):
                found.append(f"{name}: …{str(runs[i - 1])[-25:] + value[:5]!r}")
    assert found == [], f"{len(found)} plain space(s) before ; : ! ? » or after «:\n" + "\n".join(found[:40])


def step_pages(parsed: dict[str, BeautifulSoup]) -> dict[str, BeautifulSoup]:
    return {name: soup for name, soup in parsed.items() if soup.select_one("article nav.pg-progress")}


def resolves(site: Path, page: str, href: str) -> bool:
    """True when an internal link of page lands on an existing file and, if any, on its anchor."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return True
    target = (site / page).parent / unquote(parts.path) if parts.path else site / page
    if target.is_dir() or not target.suffix:
        target = target / "index.html"
    if not target.is_file():
        return False
    return not parts.fragment or html(target).find(id=unquote(parts.fragment)) is not None


def test_each_step_page_opens_with_en_bref(site: Path, parsed: dict[str, BeautifulSoup]) -> None:
    steps = step_pages(parsed)
    assert len(steps) >= 2
    for name, soup in steps.items():
        article = soup.select_one("article")
        brief = article.select_one("section.pg-brief")
        assert brief is not None, name
        progress = article.select_one("nav.pg-progress")
        sections = [h for h in article.find_all("h2") if h.get("id") != "en-bref"]
        order = [n for n in article.find_all(True) if n is progress or n is brief or (sections and n is sections[0])]
        assert order[:2] == [progress, brief] and (not sections or order[2] is sections[0]), name
        terms = [dt_.get_text(strip=True) for dt_ in brief.select("dt")]
        assert terms[0] == "Objectif" and brief.select_one("dd").get_text(strip=True), name
        assert "Durée indicative" in terms and "Qui est impliqué" in terms and "Livrables" in terms, (name, terms)
        for link in brief.select("a[href]"):
            assert resolves(site, name, link["href"]), f"{name}: « En bref » link {link['href']} is broken"


def test_steps_link_their_deliverables_to_templates(parsed: dict[str, BeautifulSoup]) -> None:
    linked = [a for soup in step_pages(parsed).values() for a in soup.select(".pg-brief dd li > a + .pg-brief__tag")]
    assert len(linked) >= 3, "deliverables with a template to fill in"


def test_nouveautes_lists_changes_newest_first(site: Path, parsed: dict[str, BeautifulSoup]) -> None:
    lists = [(name, soup.select("ol.pg-news > li")) for name, soup in parsed.items() if soup.select_one("ol.pg-news")]
    assert lists, "no page shows the « Nouveautés » list"
    for name, entries in lists:
        days = [e.time["datetime"] for e in entries]
        assert days == sorted(days, reverse=True) and len(days) >= 3, name
        for entry in entries:
            assert resolves(site, name, entry.a["href"]), entry.a["href"]


def test_former_anchors_sit_right_before_their_element(parsed: dict[str, BeautifulSoup]) -> None:
    aliases = [(name, a) for name, soup in parsed.items() for a in soup.select("span.pg-alias[id]")]
    assert aliases, "no former anchor is kept"
    for name, alias in aliases:
        following = alias.find_next(id=True)
        assert following is not None and following.name != "span", (name, alias["id"])


def test_one_pager_on_step_pages_and_contributors_links_in_the_footer(parsed: dict[str, BeautifulSoup]) -> None:
    for name, soup in parsed.items():
        material_pager = soup.select_one("nav.md-footer__inner")
        if soup.select_one("article nav.pg-progress"):
            assert soup.select_one("nav.pg-step-pager") is not None, name
            assert material_pager is None or material_pager.has_attr("hidden"), name
        assert not soup.select(".md-content__button"), f"{name}: edit pencil"
        assert not soup.select(".md-header a.md-source, .md-nav__source a"), f"{name}: repository link in the header"
        footer = soup.select(".md-footer-meta .pg-footer-links a[href]")
        assert any(a["href"].endswith(".md") and "/edit/" in a["href"] for a in footer), f"{name}: no edit link"
    others = [s for s in parsed.values()
              if not s.select_one("article nav.pg-progress") and s.select_one("nav.md-footer__inner")]
    assert others and not any(s.select_one("nav.md-footer__inner").has_attr("hidden") for s in others)
