"""Components' HTML skips Markdown (slots.py): same pages, anchors still known to link checks."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import make_project, mkdocs_build

from perennisation.slots import Slots

COMPONENT = '\n<section id="a-b" class="pg-x">\n<h3 id=\'c\'>Titre</h3>\n</section>\n'


def test_a_slot_is_a_comment_that_the_component_replaces_once_converted() -> None:
    slots = Slots()
    assert slots.put(COMPONENT) == COMPONENT, "off until the generator can fill slots"
    slots.enabled = True
    mark = slots.put(COMPONENT)
    assert mark.strip().startswith("<!--pg-slot:") and "section" not in mark
    assert slots.ids(mark) == ["a-b", "c"]
    html, anchors = slots.fill(f"<p>Avant</p>\n<p>{mark.strip()}</p>\n<p>Après</p>")
    assert html == f"<p>Avant</p>\n{COMPONENT.strip()}\n<p>Après</p>", "the paragraph around a lone slot goes"
    assert anchors == {"a-b", "c"}
    assert slots.html == {}, "a page's slots are freed once it is filled"
    kept, none = slots.fill(f"<p>{mark.strip()}</p>")
    assert kept == f"<p>{mark.strip()}</p>" and none == set(), "a slot of another build is left as written"


def test_a_slot_key_follows_the_html_so_unchanged_pages_keep_their_markdown() -> None:
    slots = Slots()
    slots.enabled = True
    assert slots.put(COMPONENT) == slots.put(COMPONENT)
    assert slots.put(COMPONENT) != slots.put(COMPONENT.replace("Titre", "Autre"))
    assert slots.put("  \n") == "  \n", "empty output needs no slot"


def test_links_to_a_components_anchor_pass_the_strict_check_and_wrong_ones_do_not(tmp_path: Path) -> None:
    """MkDocs checks anchors against the converted page: the components' ids are added to it."""
    project = make_project(tmp_path, "duplicate-html-id")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(" { #sortie-incubation }", ""), encoding="utf-8")
    second = project / "docs" / "methode" / "2-seconde.md"
    text = second.read_text(encoding="utf-8")
    second.write_text(text + "\n[La check-list](../index.md#sortie-incubation)\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 0, result.output
    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="sortie-incubation").name == "section", "the component is in the page"
    assert "pg-slot" not in str(page), "no slot is left"
    assert page.select_one("article section.pg-checklist").find_parent("p") is None, "not wrapped in a paragraph"

    second.write_text(text + "\n[La check-list](../index.md#pas-la)\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site2")
    assert result.code != 0 and "pas-la" in result.output, "a wrong anchor still stops the strict build"
