"""`make nouveau-guide DEST=…`: a team that does not want this guide's content starts from a minimal one.

The new guide is created as the Makefile target does, then used as its team would: `make check`, the
strict build, and its own test suite (engine and site tests, browser included) must pass as created.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, ROOT, html

pytestmark = pytest.mark.slow


def run(args: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("nouveau") / "mon-guide"
    made = run(
        [
            sys.executable,
            str(ROOT / "tools" / "nouveau_guide.py"),
            str(dest),
            "--nom",
            "Guide de l’équipe Orion",
            "--identifiant",
            "orion",
        ],
        ROOT,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # axe-core, as `make test` would install it
    return dest


def test_it_holds_the_engine_and_only_a_minimal_content(starter: Path) -> None:
    assert (starter / "perennisation" / "registry.py").exists() and (starter / "overrides" / "main.html").exists()
    assert not (starter / "tests" / "content").exists()
    pages = sorted(
        p.relative_to(starter / "docs").as_posix()
        for p in (starter / "docs").rglob("*.md")
        if not p.relative_to(starter / "docs").as_posix().startswith("_")
    )
    assert pages == ["accessibilite.md", "ateliers/premier-atelier.md", "index.md", "methode/1-premiere-etape.md"]
    assert sorted(p.name for p in (starter / "data").rglob("*.yml")) == [
        "labels.yml",
        "premier-atelier.yml",
        "premiere-check-list.yml",
        "recherche.yml",
    ]
    assert "Guide de l’équipe Orion" in (starter / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_second_run_refuses_to_overwrite(starter: Path) -> None:
    again = run([sys.executable, str(ROOT / "tools" / "nouveau_guide.py"), str(starter)], ROOT)
    assert again.returncode == 1 and "existe déjà" in again.stderr


def test_it_checks_and_builds_strictly(starter: Path, tmp_path: Path) -> None:
    check = run([sys.executable, "-m", "perennisation.check"], starter)
    assert check.returncode == 0 and ": error: " not in check.stdout and ": warning: " not in check.stdout, check.stdout
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")], starter)
    assert build.returncode == 0, build.stdout + build.stderr
    step = html(tmp_path / "site" / "methode" / "1-premiere-etape" / "index.html")
    assert step.select_one("section#premiere-check-list[data-pg-checklist]") is not None
    assert step.select_one("nav.pg-progress") is not None
    assert '"site": "orion"' in step.select_one("script#pg-config").get_text()


def test_its_own_test_suite_passes(starter: Path) -> None:
    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", "tests"],
        starter,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
