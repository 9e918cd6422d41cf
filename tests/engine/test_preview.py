"""The preview server (`make serve`) rebuilds only what changed, and writes what a full build writes.

Rebuilds run in this process through the same session as the server; after each change the preview's
site folder is compared, file by file, with a full MkDocs build of the same sources (as MkDocs' own
server would build them). No timing here: the speed is measured by the benchmark (bench/).
"""

from __future__ import annotations

import filecmp
import logging
import re
from pathlib import Path

import pytest
from conftest import make_project

SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo guide, in a folder of its own, as the current directory."""
    folder = make_project(tmp_path, base="demo")
    monkeypatch.chdir(folder)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return folder


def full_build(project: Path, site: Path) -> None:
    """What MkDocs' own server would write for these sources, without any reuse."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only (recursively)."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def test_incremental_preview_writes_what_a_full_build_writes(project: Path, tmp_path: Path) -> None:
    from perennisation import preview
    from perennisation.incremental import Session

    session = Session(str(project / "mkdocs.yml"))
    site = tmp_path / "preview-site"
    site.mkdir()

    def rebuild_and_compare(step: str) -> None:
        preview.rebuild(session, str(site), SERVE_URL)
        reference = tmp_path / f"full-{step}"
        full_build(project, reference)
        assert differences(site, reference) == [], step

    rebuild_and_compare("first")
    assert session.rewritten == session.converted > 5
    rebuild_and_compare("unchanged")
    assert session.converted == 0 and session.rewritten == 0, "nothing changed, nothing is converted or written"

    step = project / "docs" / "methode" / "2-evaluer.md"
    step.write_text(step.read_text(encoding="utf-8") + "\n\nUn paragraphe ajouté pendant l’aperçu.\n", encoding="utf-8")
    rebuild_and_compare("page")
    assert session.converted == 1 and session.rewritten == 1

    checklist = project / "data" / "checklists" / "demarrage.yml"
    text = checklist.read_text(encoding="utf-8")
    changed, count = re.subn(r"(texte:\s*[\"']?)", r"\1Relu, ", text, count=1)
    assert count == 1
    checklist.write_text(changed, encoding="utf-8")
    rebuild_and_compare("data")
    assert 1 <= session.converted < 5, "only the pages that show the check-list are converted again"

    first = project / "docs" / "methode" / "1-cadrer.md"
    first.write_text(
        first.read_text(encoding="utf-8").replace("title: Cadrer le projet", "title: Cadrer le service"),
        encoding="utf-8",
    )
    rebuild_and_compare("title")
    assert session.rewritten > 5, "a new title changes the menu of every page"

    image = project / "docs" / "images" / "schema.svg"
    image.parent.mkdir()
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n', encoding="utf-8")
    rebuild_and_compare("new file")
    assert session.rewritten > 5, "a new file may change any link: every page is written again"
