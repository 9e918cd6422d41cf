"""What a reader can trust on the built guide, whatever its content: every dated page shows its date,
French typography, « En bref » on each step page, the « Nouveautés » list, former anchors, one pager and
contributors' links in the footer. What holds for this guide's content only is in tests/content/."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString
from conftest import html

from perennisation.pages import PageInfo

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


def url_of(name: str) -> str:
    """URL of a built file ("methode/x/index.html" -> "methode/x/", "index.html" -> "")."""
    return name.removesuffix("index.html")


def source_of(guide, name: str) -> PageInfo:
    """The page of the guide a built file comes from."""
    found = next((p for p in guide.pages if p.url == url_of(name)), None)
    assert found is not None, f"{name}: built, yet no page of docs/ has this address"
    return found


def test_every_dated_page_shows_when_it_was_updated(parsed: dict[str, BeautifulSoup], guide) -> None:
    assert len(parsed) >= len(guide.pages) >= 1
    today = dt.date.today()
    dated = 0
    for name, soup in parsed.items():
        expected = guide.dates.get(source_of(guide, name).src)
        updated = soup.select_one("article .pg-updated time[datetime]")
        if expected is None:  # neither `mis_a_jour` nor a commit: the page shows no date (make check warns)
            assert soup.select_one(".pg-updated") is None, f"{name}: dated, yet its page has no date"
            continue
        dated += 1
        assert updated is not None, f"{name}: no « {guide.labels['updated_on']} »"
        assert updated["datetime"] == expected.iso, (name, updated["datetime"], expected.iso)
        day = dt.date.fromisoformat(updated["datetime"])
        assert day <= today, f"{name}: dated {day}, in the future"
        assert str(day.year) in updated.get_text(), name
    if not dated:
        pytest.skip("no page of this guide has a date (no `mis_a_jour`, no commit)")


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
            for m in PLAIN_BEFORE.finditer(value):
                found.append(f"{name}: …{value[max(0, m.start() - 25) : m.end() + 5]!r}")
            if i and value[:1] in ";:!?»" and str(runs[i - 1]).endswith((" ", "\u00a0")):
                found.append(f"{name}: …{str(runs[i - 1])[-25:] + value[:5]!r}")
    assert found == [], f"{len(found)} plain space(s) before ; : ! ? » or after «:\n" + "\n".join(found[:40])


def step_pages(parsed: dict[str, BeautifulSoup]) -> dict[str, BeautifulSoup]:
    return {name: soup for name, soup in parsed.items() if soup.select_one("article nav.pg-progress")}


def steps_of(guide, parsed: dict[str, BeautifulSoup]) -> dict[str, tuple[PageInfo, BeautifulSoup]]:
    """Built file -> (step page, parsed HTML) of every step of the method; skips a guide without steps."""
    if not guide.steps:
        pytest.skip("this guide has no step page")
    shown = step_pages(parsed)
    steps = {name: (source_of(guide, name), soup) for name, soup in shown.items()}
    assert sorted(p.url for p, _ in steps.values()) == sorted(p.url for p in guide.steps), "step tracker pages"
    return steps


def brief_terms(step: PageInfo, labels: dict[str, str]) -> list[str]:
    """Rows « En bref » must show for a step, in order, from its front matter."""
    rows = (
        ("brief_objective", "objectif"),
        ("brief_duration", "duree"),
        ("brief_roles", "roles"),
        ("brief_deliverables", "livrables"),
        ("brief_checklists", "checklists"),
        ("brief_workshops", "ateliers"),
    )
    return [labels[label] for label, key in rows if step.meta.get(key)]


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


def test_each_step_page_opens_with_en_bref(site: Path, parsed: dict[str, BeautifulSoup], guide) -> None:
    for name, (step, soup) in steps_of(guide, parsed).items():
        article = soup.select_one("article")
        brief = article.select_one("section.pg-brief")
        assert brief is not None, name
        assert brief.select_one("h2#en-bref").get_text(strip=True) == guide.labels["brief_title"], name
        progress = article.select_one("nav.pg-progress")
        sections = [h for h in article.find_all("h2") if h.get("id") != "en-bref"]
        order = [n for n in article.find_all(True) if n is progress or n is brief or (sections and n is sections[0])]
        assert order[:2] == [progress, brief] and (not sections or order[2] is sections[0]), name
        terms = [dt_.get_text(strip=True) for dt_ in brief.select("dt")]
        assert terms[0] == guide.labels["brief_objective"] and brief.select_one("dd").get_text(strip=True), name
        assert terms == brief_terms(step, guide.labels), (name, terms)
        for link in brief.select("a[href]"):
            assert resolves(site, name, link["href"]), f"{name}: « En bref » link {link['href']} is broken"


def test_steps_link_their_deliverables_to_templates(parsed: dict[str, BeautifulSoup], guide) -> None:
    steps = steps_of(guide, parsed)
    expected = sum(isinstance(d, dict) for step in guide.steps for d in step.meta.get("livrables") or [])
    if not expected:
        pytest.skip("no step of this guide names a template for a deliverable (livrables: [{texte, modele}])")
    tags = [t for _, soup in steps.values() for t in soup.select(".pg-brief dd li > a + .pg-brief__tag")]
    assert len(tags) == expected, "deliverables with a template to fill in"
    assert {t.get_text(strip=True) for t in tags} == {guide.labels["brief_template"]}


NEWS = re.compile(r"\{\{-?\s*nouveautes\s*\(")


def test_nouveautes_lists_changes_newest_first(site: Path, parsed: dict[str, BeautifulSoup], guide) -> None:
    shown_on = [p for p in guide.pages if NEWS.search(p.body)]
    if not shown_on:
        pytest.skip("no page of this guide shows the « Nouveautés » list ({{ nouveautes() }})")
    expected = sum(bool(p.meta.get("nouveautes")) and p.src in guide.dates for p in guide.pages)
    for news in shown_on:
        name = news.url + "index.html"
        entries = parsed[name].select("ol.pg-news > li")
        if not expected:
            assert parsed[name].select_one(".pg-news--empty"), f"{name}: an empty list says so"
        days = [e.time["datetime"] for e in entries]
        assert days == sorted(days, reverse=True) and len(days) == expected, name
        for entry in entries:
            assert resolves(site, name, entry.a["href"]), entry.a["href"]


def test_former_anchors_sit_right_before_their_element(parsed: dict[str, BeautifulSoup], guide) -> None:
    kept = {p.url + "index.html": p.meta["ancres"] for p in guide.pages if isinstance(p.meta.get("ancres"), dict)}
    if not kept:
        pytest.skip("no page of this guide keeps a former anchor (ancres: in its front matter)")
    aliases = [(name, a) for name, soup in parsed.items() for a in soup.select("span.pg-alias[id]")]
    assert sorted((name, a["id"]) for name, a in aliases) == sorted((n, old) for n, m in kept.items() for old in m)
    for name, alias in aliases:
        following = alias.find_next(id=True)
        assert following is not None and following.name != "span", (name, alias["id"])
        assert following["id"] == kept[name][alias["id"]], (name, alias["id"], following["id"])


def edit_links_expected(guide) -> bool:
    """True when the guide's mkdocs.yml gives pages an edit link (repo_url with an edit_uri)."""
    return bool(guide.config.get("repo_url") and guide.config.get("edit_uri"))


def test_one_pager_on_step_pages_and_contributors_links_in_the_footer(parsed: dict[str, BeautifulSoup], guide) -> None:
    for name, soup in parsed.items():
        material_pager = soup.select_one("nav.md-footer__inner")
        if soup.select_one("article nav.pg-progress") and len(guide.steps) > 1:
            assert soup.select_one("nav.pg-step-pager") is not None, name
            assert material_pager is None or material_pager.has_attr("hidden"), name
        elif soup.select_one("article nav.pg-progress"):  # a method of one step: no step to go to
            assert soup.select_one("nav.pg-step-pager") is None, f"{name}: empty step pager"
            assert material_pager is not None and not material_pager.has_attr("hidden"), name
        assert not soup.select(".md-content__button"), f"{name}: edit pencil"
        assert not soup.select(".md-header a.md-source, .md-nav__source a"), f"{name}: repository link in the header"
        footer = soup.select(".md-footer-meta .pg-footer-links a[href]")
        edit = [a["href"] for a in footer if a.get_text(strip=True) == guide.labels["footer_edit"]]
        if edit_links_expected(guide):
            src = source_of(guide, name).src
            assert len(edit) == 1 and edit[0].endswith("/" + src), f"{name}: no edit link to {src} ({edit})"
            assert edit[0].startswith(guide.config["repo_url"].rstrip("/")), (name, edit)
        else:
            assert edit == [], f"{name}: edit link, yet mkdocs.yml has no repo_url/edit_uri"
    others = [
        s
        for s in parsed.values()
        if not s.select_one("article nav.pg-progress") and s.select_one("nav.md-footer__inner")
    ]
    assert others and not any(s.select_one("nav.md-footer__inner").has_attr("hidden") for s in others)
