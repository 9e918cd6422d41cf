"""The engine is a real package: its wheel, installed in a fresh environment, builds a guide alone."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ENV, ROOT, html, make_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The engine's wheel, built offline from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        env=ENV,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("perennisation_guide-*.whl"))


def test_the_wheel_carries_templates_schemas_theme_css_and_js(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "perennisation/__init__.py",
        "perennisation/registry.py",
        "perennisation/adapter.py",
        "perennisation/py.typed",
        "perennisation/schemas/checklist.schema.json",
        "perennisation/templates/checklist.html",
        "perennisation/theme/main.html",
        "perennisation/theme/404.html",
        "perennisation/theme/assets/javascripts/guide.js",
        "perennisation/theme/assets/stylesheets/guide.css",
    }
    assert expected <= names, sorted(expected - names)
    from perennisation.registry import COMPONENTS

    for component in COMPONENTS:
        assert f"perennisation/templates/{component.template}.html" in names, component.macro
        if component.script:
            assert f"perennisation/theme/assets/javascripts/{component.script}.js" in names, component.macro
        if component.data:
            assert f"perennisation/schemas/{component.data.schema}.schema.json" in names, component.macro


def test_a_fresh_environment_with_the_wheel_builds_a_guide(tmp_path: Path, wheel: Path) -> None:
    """A new venv holds only the wheel (dependencies come from this one's site-packages, not the checkout)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Dependencies only: a plain path line, so this environment's own .pth files (the editable
    # install of the checkout) are not read.
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(purelib), str(wheel)],
        check=True,
        env=ENV,
        capture_output=True,
        timeout=300,
    )
    project = make_project(tmp_path, base="demo")
    assert not (project / "perennisation").exists() and not (project / "overrides").exists()
    where = subprocess.run(
        [str(python), "-c", "import perennisation; print(perennisation.__file__)"],
        cwd=project,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(purelib)), where
    result = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    home = html(tmp_path / "site" / "index.html")
    assert home.select_one("script#pg-config"), "the engine's main.html (package data) was not used"
    assert (tmp_path / "site" / "assets" / "javascripts" / "guide.js").exists() or list(
        (tmp_path / "site" / "assets" / "javascripts").glob("guide.*.js")
    ), "the engine's scripts (package data) were not published"
