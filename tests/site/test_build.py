"""The real guide, built once (strict), checked on its parsed HTML."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT, Run, html

STEP_URLS = [
    "methode/1-definir-les-objectifs/",
    "methode/2-evaluer-les-conditions/",
    "methode/3-choisir-la-structure-d-accueil/",
    "methode/4-preparer-la-sortie-d-incubation/",
    "methode/5-mettre-en-oeuvre/",
]


def test_strict_build_is_clean(built: tuple[Path, Run]) -> None:
    _, result = built
    assert result.code == 0, result.output
    assert "WARNING" not in result.output and "ERROR" not in result.output, result.output
    assert "Traceback" not in result.output


def test_every_page_is_french_with_one_h1(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if "/assets/" not in str(p)]
    assert len(pages) > 30
    for path in pages:
        doc = html(path)
        if doc.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # redirect stubs
        assert doc.html["lang"] == "fr", path
        assert len(doc.find_all("h1")) == 1, path


def test_step_pages_show_progress_from_front_matter(page) -> None:
    for number, url in enumerate(STEP_URLS, start=1):
        doc = page(url)
        nav = doc.select_one("nav.pg-progress")
        assert nav is not None, url
        assert nav.select_one(".pg-progress__count").get_text(strip=True) == f"Étape {number} sur {len(STEP_URLS)}"
        links = nav.select("ol > li > a")
        assert len(links) == len(STEP_URLS)
        current = nav.select('a[aria-current="step"]')
        assert len(current) == 1 and current[0].select_one(".pg-progress__number").get_text() == str(number)
        pager = doc.select_one("nav.pg-step-pager")
        assert bool(pager.select_one('a[rel="prev"]')) == (number > 1)
        assert bool(pager.select_one('a[rel="next"]')) == (number < len(STEP_URLS))


def test_progress_titles_follow_the_step_front_matter(page) -> None:
    for number, url in enumerate(STEP_URLS, start=1):
        source = (ROOT / "docs" / (url.rstrip("/") + ".md")).read_text(encoding="utf-8")
        meta = yaml.safe_load(source.split("---")[1])
        assert meta["etape"] == number
        label = page(url).select_one('a[aria-current="step"] .pg-progress__label').get_text()
        assert label == meta.get("titre_court", meta["title"])


def test_checklists_are_real_labelled_checkboxes(page) -> None:
    doc = page("methode/4-preparer-la-sortie-d-incubation/")
    section = doc.select_one("section#sortie-incubation[data-pg-checklist]")
    assert section is not None
    boxes = section.select("input[type=checkbox]")
    assert len(boxes) >= 15
    for box in boxes:
        assert not box.has_attr("disabled")
        assert doc.select_one(f'label[for="{box["id"]}"]') is not None
        assert box.find_parent("li")["id"] == f"sortie-incubation-{box['data-pg-item']}"


def test_workshop_blocks_have_numbered_anchored_questions(page) -> None:
    doc = page("methode/1-definir-les-objectifs/")
    block = doc.select_one("section.pg-atelier#vision-commune")
    assert block is not None
    data = yaml.safe_load((ROOT / "data/ateliers/vision-commune.yml").read_text(encoding="utf-8"))
    expected = [f"vision-commune-{q.get('id') or f'q{i}'}" for i, q in enumerate(data["questions"], start=1)]
    assert [q["id"] for q in block.select("li.pg-question")] == expected and len(expected) >= 4
    assert [b["data-pg-copy"] for b in block.select("button.pg-copy-link")] == expected


def test_home_lists_the_steps_as_cards_from_front_matter(page) -> None:
    cards = page("").select(".pg-step-cards li")
    assert len(cards) == len(STEP_URLS)
    assert "Définir les objectifs" in cards[0].get_text()


def test_abbreviations_get_tooltips(page) -> None:
    doc = page("methode/4-preparer-la-sortie-d-incubation/")
    titles = {a.get_text(): a.get("title") for a in doc.find_all("abbr")}
    assert titles.get("DINUM", "").startswith("Direction interministérielle du numérique")


def test_no_unrendered_jinja_or_gitbook_tag_is_published(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\{\{|\{%", text), path


def test_nothing_is_fetched_from_google_fonts(site: Path) -> None:
    for path in site.rglob("*.html"):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8"), path
