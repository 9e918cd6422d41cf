"""One registry (perennisation/registry.py) declares each component; everything else follows from it."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import pytest
from conftest import ROOT

from perennisation import adapter, define_env
from perennisation.registry import COMPONENTS, collections, id_arguments, scripts


class Recorder:
    """Stands in for mkdocs-macros: records what define_env registers."""

    def __init__(self, conf: object) -> None:
        self.conf, self.variables, self.names = conf, {}, []

    def macro(self, function: object, name: str | None = None) -> None:
        self.names.append(name or function.__name__)  # type: ignore[attr-defined]


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.macro)
def test_each_component_has_its_function_template_schema_and_script(component) -> None:
    assert callable(component.function())
    assert (adapter.TEMPLATES / f"{component.template}.html").is_file()
    if component.data:
        assert (adapter.SCHEMAS / f"{component.data.schema}.schema.json").is_file()
    if component.script:
        assert (adapter.THEME / "assets" / "javascripts" / f"{component.script}.js").is_file()
        assert component.selector, "a script is loaded where its selector matches"


def test_define_env_registers_exactly_the_registry(tmp_path: Path) -> None:
    from conftest import make_project
    from mkdocs.config import load_config

    project = make_project(tmp_path, base="demo")
    recorder = Recorder(load_config(str(project / "mkdocs.yml")))
    define_env(recorder)
    assert sorted(recorder.names) == sorted(c.macro for c in COMPONENTS)


def test_derived_tables_follow_the_registry() -> None:
    assert set(id_arguments()) == {c.macro for c in COMPONENTS if c.data}
    assert set(collections()) == {c.data.folder for c in COMPONENTS if c.data}
    assert set(scripts().values()) == {c.script for c in COMPONENTS if c.script}


def test_editor_settings_give_every_data_file_its_schema() -> None:
    """.vscode/settings.json: each data folder of the registry, and every file of data/, has a schema."""
    mapping = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for data in collections().values():
        assert mapping.get(f"./perennisation/schemas/{data.schema}.schema.json") == f"data/{data.folder}/*.yml", data
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    for path in sorted((ROOT / "data").rglob("*.yml")):
        name = path.relative_to(ROOT).as_posix()
        assert any(fnmatch.fnmatch(name, pattern) for pattern in mapping.values()), (
            f"{name} has no schema in the editor"
        )


def test_the_contributors_guide_names_every_macro() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [c.macro for c in COMPONENTS if f"{c.macro}(" not in text]
    assert not missing, f"CONTRIBUTING.md does not document {missing}"
