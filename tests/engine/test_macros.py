"""Unit tests of the macros on small data: rendering, anchors, escaping, clear errors."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import make_project
from mkdocs.config import load_config

from perennisation.checklists import render_checklist
from perennisation.guide import Guide, load_guide
from perennisation.render import fill
from perennisation.steps import render_progress, render_step_cards
from perennisation.tables import render_table
from perennisation.workshops import qr_svg, render_questions, render_workshop

HOSTILE = '<script>alert("x")</script> & "quotes"'


def guide_for(tmp_path: Path, files: dict[str, object] | None = None) -> Guide:
    """A guide loaded from the base fixture, with data files replaced by `files`."""
    project = make_project(tmp_path)
    for name, content in (files or {}).items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.safe_dump(content, allow_unicode=True) if not isinstance(content, str) else content, encoding="utf-8"
        )
    guide = load_guide(load_config(str(project / "mkdocs.yml")))
    assert not [f for f in guide.findings if f.level == "error"], guide.findings
    return guide


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_checklist_items_have_a_state_group_owner_due_date_and_stable_anchors(tmp_path: Path) -> None:
    html = soup(render_checklist(guide_for(tmp_path), "", "sortie-incubation"))
    items = html.select("li.pg-checklist__item")
    assert [i["data-pg-item"] for i in items] == ["budget", "equipe"]
    assert [i["id"] for i in items] == ["sortie-incubation-budget", "sortie-incubation-equipe"]
    for item in items:
        radios = item.select("fieldset input[type=radio]")
        assert [r["value"] for r in radios] == ["a-lancer", "en-cours", "acquis"]
        assert len({r["name"] for r in radios}) == 1, "one group per item"
        assert radios[0].has_attr("checked") and not any(r.has_attr("checked") for r in radios[1:])
        for control in [*radios, *item.select("input[data-pg-field]")]:
            assert html.select_one(f'label[for="{control["id"]}"]').get_text(strip=True)
        assert item.select_one("[data-pg-fields]").has_attr("hidden"), "a plain list without JavaScript"
    assert html.select_one("section#sortie-incubation")["data-pg-checklist"] == "sortie-incubation"


def test_hostile_data_is_escaped_everywhere(tmp_path: Path) -> None:
    checklist = {"titre": HOSTILE, "description": HOSTILE, "items": [{"id": "a", "texte": HOSTILE, "aide": HOSTILE}]}
    atelier = {
        "titre": HOSTILE,
        "objectif": HOSTILE,
        "duree": HOSTILE,
        "participants": [HOSTILE],
        "questions": [{"texte": HOSTILE, "aide": HOSTILE}],
    }
    table = {
        "titre": HOSTILE,
        "colonnes": [{"id": "c", "titre": HOSTILE}],
        "lignes": [{"id": "l", "titre": HOSTILE, "valeurs": {"c": HOSTILE}}],
    }
    guide = guide_for(
        tmp_path,
        {
            "data/checklists/sortie-incubation.yml": checklist,
            "data/ateliers/vision-commune.yml": atelier,
            "data/comparatifs/formes.yml": table,
        },
    )
    outputs = [
        render_checklist(guide, "", "sortie-incubation"),
        render_workshop(guide, "", "vision-commune"),
        render_questions(guide, "", "vision-commune"),
        render_table(guide, "", "formes"),
    ]
    for output in outputs:
        assert "<script>" not in output
        assert "&lt;script&gt;" in output
        assert soup(output).find("script") is None
        assert HOSTILE in soup(output).get_text()


def test_workshop_questions_have_anchors_and_copy_buttons(tmp_path: Path) -> None:
    html = soup(render_workshop(guide_for(tmp_path), "", "vision-commune"))
    questions = html.select("li.pg-question")
    assert [q["id"] for q in questions] == ["vision-commune-q1", "vision-commune-q2"]
    buttons = html.select("button[data-pg-copy]")
    assert [b["data-pg-copy"] for b in buttons] == ["vision-commune-q1", "vision-commune-q2"]
    assert all(b.get_text(" ", strip=True) for b in buttons)


def test_question_ids_from_data_replace_numbers(tmp_path: Path) -> None:
    atelier = {
        "titre": "T",
        "objectif": "O",
        "duree": "1 h",
        "participants": ["P"],
        "questions": [{"id": "impact", "texte": "Q"}],
    }
    html = soup(
        render_questions(guide_for(tmp_path, {"data/ateliers/vision-commune.yml": atelier}), "", "vision-commune")
    )
    assert html.select_one("li.pg-question")["id"] == "vision-commune-impact"


def test_progress_comes_from_front_matter(tmp_path: Path) -> None:
    guide = guide_for(tmp_path)
    second = guide.steps[1]
    html = soup(render_progress(guide, second, second.url))
    assert html.select_one(".pg-progress__count").get_text() == "Étape 2 sur 2"
    current = html.select("a[aria-current=step]")
    assert len(current) == 1 and "Seconde étape" in current[0].get_text()
    cards = soup(render_step_cards(guide, ""))
    assert len(cards.select("li")) == 2


def test_data_link_to_a_missing_page_is_found_when_the_guide_loads(tmp_path: Path) -> None:
    """Found before any page renders, so `make check` and the build report it alike."""
    checklist = {
        "titre": "T",
        "items": [{"id": "a", "texte": "A", "liens": [{"texte": "x", "url": "methode/3-absente.md"}]}],
    }
    project = make_project(tmp_path)
    (project / "data/checklists/sortie-incubation.yml").write_text(yaml.safe_dump(checklist), encoding="utf-8")
    guide = load_guide(load_config(str(project / "mkdocs.yml")))
    errors = [str(f) for f in guide.findings if f.level == "error"]
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/checklists/sortie-incubation.yml:5: error: lien vers `methode/3-absente.md`")
    assert "vouliez-vous dire" in errors[0]


def test_data_link_resolves_relative_to_the_current_page(tmp_path: Path) -> None:
    checklist = {
        "titre": "T",
        "items": [{"id": "a", "texte": "A", "liens": [{"texte": "x", "url": "methode/2-seconde.md#plan"}]}],
    }
    guide = guide_for(tmp_path, {"data/checklists/sortie-incubation.yml": checklist})
    html = soup(render_checklist(guide, "methode/1-premiere/", "sortie-incubation"))
    assert html.select_one(".pg-links a")["href"] == "../2-seconde/#plan"


def test_fill_escapes_values() -> None:
    assert str(fill("Étape {n} sur {total}", n="<b>", total=5)) == "Étape &lt;b&gt; sur 5"


def test_qr_code_is_inline_svg_with_a_title() -> None:
    svg = qr_svg("https://example.org/ateliers/x/", "QR")
    assert svg.startswith("<svg") and "<title>QR</title>" in svg and "http" not in svg.split(">", 1)[1]
