"""Ready for the next generator: ProperDocs builds like MkDocs; the macro layer runs the way Zensical calls it.

ProperDocs (a drop-in continuation of MkDocs 1.x, pinned in the lock files) must build a guide strictly
and publish the same pages. Zensical calls `define_env(env)` once per page, with a plain-dict
configuration (no `config_file_path`, `root_dir` instead) and no MkDocs event hook: the engine's
macros must render there too (see docs/adr/0001-moteur-et-generateur.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
import yaml
from conftest import html, make_project, mkdocs_build, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("generators"), base="demo")


def pages(site: Path) -> dict[str, Any]:
    return {p.relative_to(site).as_posix(): html(p) for p in site.rglob("index.html")}


def test_properdocs_builds_the_same_pages_strictly(demo: Path, tmp_path: Path) -> None:
    reference = mkdocs_build(demo, tmp_path / "mkdocs")
    assert reference.code == 0, reference.output
    built = run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "-f",
            "mkdocs.yml",
            "--site-dir",
            str(tmp_path / "properdocs"),
        ],
        demo,
    )
    assert built.code == 0, built.output
    assert "WARNING" not in built.output, built.output
    ours, theirs = pages(tmp_path / "mkdocs"), pages(tmp_path / "properdocs")
    assert ours.keys() == theirs.keys()
    for name, doc in ours.items():
        a, b = doc.select_one("article"), theirs[name].select_one("article")
        assert (a is None) == (b is None), name
        if a is not None:
            assert [t.get("id") for t in a.find_all(id=True)] == [t.get("id") for t in b.find_all(id=True)], name
    assert (tmp_path / "properdocs" / "methode.json").read_text(encoding="utf-8") == (
        tmp_path / "mkdocs" / "methode.json"
    ).read_text(encoding="utf-8")


class ZensicalLikeEnv:
    """What Zensical's macros extension hands to define_env: a plain config, the page, variables, macros."""

    def __init__(self, conf: dict[str, Any], page: SimpleNamespace) -> None:
        self.conf, self.page, self.variables = conf, page, {}
        self.macros: dict[str, Any] = {}
        self.filters: dict[str, Any] = {}

    def macro(self, function: Any, name: str | None = None) -> Any:
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function: Any, name: str | None = None) -> Any:
        self.filters[name or function.__name__] = function
        return function


def zensical_config(project: Path) -> dict[str, Any]:
    """mkdocs.yml as Zensical passes it: parsed to plain data, with root_dir and no config_file_path."""

    class Loader(yaml.SafeLoader):
        """Leaves !!python/name tags (emoji settings) out: the engine does not read them."""

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    conf = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    conf.update(root_dir=str(project), docs_dir="docs")
    return conf


def test_macros_render_with_a_plain_config_and_no_event_hook(demo: Path, tmp_path: Path) -> None:
    import perennisation
    from perennisation.pages import FRONT_MATTER

    reference = mkdocs_build(demo, tmp_path / "site")
    assert reference.code == 0, reference.output
    rendered = 0
    for source in sorted((demo / "docs").rglob("*.md")):
        src = source.relative_to(demo / "docs").as_posix()
        text = source.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        meta = yaml.safe_load(match.group(1)) if match else {}
        body = text[match.end() :] if match else text
        if "{{" not in body:
            continue
        url = src.removesuffix(".md").removesuffix("index") + ("" if src.endswith("index.md") else "/")
        env = ZensicalLikeEnv(zensical_config(demo), SimpleNamespace(url=url, path=src, meta=meta, title=None))
        perennisation.define_env(env)  # once per page, as Zensical does
        jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
        jinja.globals.update(env.macros)
        output = jinja.from_string(body).render(**env.variables, extra=env.conf.get("extra", {}), **meta)
        assert "{{" not in output and "Traceback" not in output, src
        built = html(tmp_path / "site" / url / "index.html")
        for section in html_sections(output):
            assert built.find(id=section), f"{src}: #{section} rendered without hooks but absent from the build"
        rendered += 1
    assert rendered >= 3


def html_sections(output: str) -> list[str]:
    """Ids of the top-level components a macro rendered (check-lists, workshops, tables, forms…)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(output, "html.parser")
    return [
        tag["id"]
        for tag in soup.select("[data-pg-checklist], section.pg-atelier, form[id], table[id]")
        if tag.get("id")
    ]
