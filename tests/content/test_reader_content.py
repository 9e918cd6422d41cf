"""This guide's reader features, as its content uses them: tests/site/ checks them on any guide (and skips
what a guide does not use); here, that this guide does use them, with the figures of its content."""

from __future__ import annotations

import math
from pathlib import Path

from conftest import html


def test_the_guide_plays_every_role(roles: dict[str, str]) -> None:
    """The site tests skip a kind of page a guide lacks: this guide has every kind."""
    assert set(roles) == {"home", "step", "checklist", "workshop", "sheet", "table", "diagnostic", "statement"}


def test_more_than_twenty_pages_all_dated(site: Path, guide) -> None:
    built = [p for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:3000]]
    assert len(built) > 20 and len(guide.pages) > 20
    undated = [p.src for p in guide.pages if p.src not in guide.dates]
    assert not undated, f"pages without `mis_a_jour` nor commit: {undated}"


def test_every_step_brief_gives_duration_people_and_deliverables(page, guide) -> None:
    assert len(guide.steps) >= 2
    for step in guide.steps:
        terms = [dt.get_text(strip=True) for dt in page(step.url).select("article section.pg-brief dt")]
        assert terms[0] == "Objectif", (step.src, terms)
        assert {"Durée indicative", "Qui est impliqué", "Livrables"} <= set(terms), (step.src, terms)


def test_at_least_three_deliverables_link_to_their_template(page, guide) -> None:
    linked = [a for step in guide.steps for a in page(step.url).select(".pg-brief dd li > a + .pg-brief__tag")]
    assert len(linked) >= 3, "deliverables with a template to fill in"


def test_the_nouveautes_page_lists_at_least_three_changes(page) -> None:
    entries = page("nouveautes/").select("article ol.pg-news > li")
    assert len(entries) >= 3


def test_step_four_keeps_the_anchors_of_its_former_sections(page) -> None:
    """Anchors of the former site's exit check-list (#produit…): links already shared still land on its parts."""
    doc = page("methode/4-preparer-la-sortie-d-incubation/")
    for old in ("produit", "equipe", "ressources", "documentation"):
        alias = doc.find(id=old)
        assert alias is not None and "pg-alias" in alias.get("class", []), old
        assert alias.find_next(id=True)["id"] == f"sortie-incubation-{old}", old


def test_the_self_diagnosis_asks_five_questions_with_two_answers_showing_a_gap(site: Path, guide) -> None:
    forms = [f for p in site.rglob("index.html") for f in html(p).select("form[data-pg-diagnostic]")]
    assert len(forms) == 1
    data = guide.item("diagnostics", forms[0]["data-pg-diagnostic"])
    assert len(data["questions"]) == 5
    assert math.prod(len(q["reponses"]) for q in data["questions"]) == 3**5  # 243 combinations walked
    assert all(sum(bool(r.get("ecart")) for r in q["reponses"]) == 2 for q in data["questions"])


def test_contributors_can_edit_every_page_from_its_footer(page, guide) -> None:
    assert guide.config["repo_url"] and guide.config["edit_uri"]
    for step in guide.steps:
        links = page(step.url).select(".md-footer-meta .pg-footer-links a[href*='/edit/']")
        assert len(links) == 1 and links[0]["href"].endswith(step.src), step.src
