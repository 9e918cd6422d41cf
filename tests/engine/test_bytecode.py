"""Compiled templates kept between builds (bytecode.py): same site, and never a reason to fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project, mkdocs_build

from perennisation import bytecode


def build(project: Path, site: Path, cache: str) -> None:
    """Strict build with PERENNISATION_CACHE set to cache; fails the test when the build fails."""
    result = mkdocs_build(project, site, {bytecode.VARIABLE: cache})
    assert result.code == 0, result.output


def pages(site: Path) -> dict[str, bytes]:
    """Every built file, by path."""
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_from_compiled_templates_gives_the_same_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, "duplicate-html-id")
    (project / "docs" / "index.md").write_text("# Accueil\n\n{{ checklist('sortie-incubation') }}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    build(project, tmp_path / "cold", str(cache))
    compiled = list(cache.rglob("*.cache"))
    assert len(compiled) > 10, "Material's, the engine's and the components' templates are kept"
    build(project, tmp_path / "warm", str(cache))
    build(project, tmp_path / "none", "off")
    assert pages(tmp_path / "warm") == pages(tmp_path / "cold") == pages(tmp_path / "none")


def test_an_edited_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jinja2 import DictLoader, Environment

    monkeypatch.setenv(bytecode.VARIABLE, str(tmp_path))
    templates = {"t.html": "un"}
    first = Environment(loader=DictLoader(templates))
    bytecode.attach(first)
    assert first.get_template("t.html").render() == "un"
    templates["t.html"] = "deux"
    second = Environment(loader=DictLoader(templates))
    bytecode.attach(second)
    assert second.get_template("t.html").render() == "deux"


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    build(project, tmp_path / "site", str(blocker / "cache"))
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_cache_file_that_is_not_bytecode_is_ignored(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    cache = tmp_path / "cache"
    build(project, tmp_path / "first", str(cache))
    for file in cache.rglob("*.cache"):
        file.write_bytes(b"not bytecode")
    build(project, tmp_path / "second", str(cache))
    assert pages(tmp_path / "second") == pages(tmp_path / "first")


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(bytecode.VARIABLE, "off")
    assert bytecode.folder() is None
    monkeypatch.setenv(bytecode.VARIABLE, str(tmp_path))
    assert bytecode.folder() == tmp_path
    monkeypatch.delenv(bytecode.VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert bytecode.folder() == tmp_path / "xdg" / "perennisation"
