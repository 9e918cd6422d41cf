"""Unique anchors: a built page that repeats an id stops the build; generated heading ids give way."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import make_project, mkdocs_build

from perennisation.ids import duplicates


def test_a_duplicate_id_in_a_built_page_stops_the_build_with_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, "duplicate-html-id")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code != 0, result.output
    expected = (
        "docs/index.md:3: error: duplicate id `sortie-incubation` in the built page "
        '(<h2> heading “Sortie d\'incubation” and <section class="pg-checklist">)'
    )
    assert expected in result.output, result.output
    assert "`## Title { #other-id }`" in result.output
    assert "Traceback" not in result.output
    assert "Aborted with a BuildError!" in result.output


def test_a_generated_heading_id_gives_way_to_a_components_id(tmp_path: Path) -> None:
    """Negative control: the same page with a generated heading id builds, each anchor unique."""
    project = make_project(tmp_path, "duplicate-html-id")
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("d'incubation { #sortie-incubation }", "incubation"), encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 0, result.output
    soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h2")["id"] == "sortie-incubation_1"
    assert soup.find(id="sortie-incubation").name == "section"
    assert soup.find("pg-reserved-id") is None, "the placeholders are removed"
    assert duplicates(str(soup)) == {}


def test_duplicates_names_what_carries_each_id() -> None:
    html = (
        '<h2 id="a">Title <a class="headerlink" href="#a">¶</a></h2><table id="a"></table>'
        '<p id="b"></p><form id="c" class="pg-x y"></form>'
    )
    assert duplicates(html) == {"a": ["<h2> heading “Title”", "<table>"]}
    assert duplicates('<div id="x"></div><div id="x" class="pg-card"></div>') == {
        "x": ["<div>", '<div class="pg-card">']
    }
