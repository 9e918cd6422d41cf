"""A team forks this guide by following docs/adapter.md (« Votre version en sept étapes »), literally.

The test copies the project and does what the page says, as a person would in an editor: a new name,
address, stable id, hex colour and logo; one page of the guide removed (links to it mended where
`make check` points); one check-list added; this guide's own content tests removed and the public
address manifest remade. Then, in the copy: `make check`, the strict build and the engine and site
tests must pass, without touching perennisation/ or overrides/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, ROOT, html

pytestmark = pytest.mark.slow

NAME = "Manuel de l’incubateur Exemple"
ADDRESS = "https://manuel.exemple.org/"
IDENT = "manuel-exemple"
COLOUR = "#1d6b5f"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n'
CHECKLIST = """titre: Lancer notre manuel
items:
  - id: equipe
    texte: L’équipe éditoriale est nommée.
  - id: relecture
    texte: Une relecture par un sponsor est prévue.
"""
MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)]+)\)")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command in the copy; `python -m` puts the copy first on sys.path, so its engine is used."""
    return subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=900)


def copy_project(dest: Path) -> Path:
    """The files of the working tree that git knows or does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


def set_key(text: str, key: str, value: str) -> str:
    """Replace the value of a top-level `key:` line of mkdocs.yml, keeping the rest of the file."""
    new, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
    assert count == 1, key
    return new


def remove_page(fork: Path, src: str) -> None:
    """Step 5: delete the page, remove it from nav, then mend each link make check points at."""
    (fork / "docs" / src).unlink()
    config = fork / "mkdocs.yml"
    config.write_text(
        "".join(
            line
            for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.rstrip().endswith(src)
        ),
        encoding="utf-8",
    )
    check = run([sys.executable, "-m", "perennisation.check", "-q"], fork)
    name = Path(src).name
    for match in re.finditer(r"^(\S+?):(\d+): error: [^`]*`([^`]+\.md)`", check.stdout, re.MULTILINE):
        file, line, target = match.group(1), int(match.group(2)), match.group(3)
        assert target.endswith(name), check.stdout
        path = fork / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[line - 1] = MD_LINK.sub(
            lambda m, target=target: m.group(1) if m.group(2).split("#")[0] == target else m.group(0), lines[line - 1]
        )
        path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory, guide) -> Path:
    fork = copy_project(tmp_path_factory.mktemp("fork") / "mon-guide")
    # Step 2: identity, with a stable id for readers' data.
    config = fork / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = set_key(text, "site_name", NAME)
    text = set_key(text, "site_url", ADDRESS)
    text = re.sub(r"(?m)^(\s+identifiant:).*$", rf"\1 {IDENT}", text)
    # Step 3: a hex colour, light and dark. Step 4: a logo under theme.
    text = re.sub(r"(?m)^(\s+primary:).*$", rf'\1 "{COLOUR}"', text)
    text = re.sub(r"(?m)^(theme:\n)", r"\1  logo: assets/logo.svg\n", text)
    config.write_text(text, encoding="utf-8")
    (fork / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (fork / "docs" / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
    # Step 5: one page removed (a case study when the guide has some), one check-list added.
    removable = [p for p in guide.pages if p.type == "cas"] or [p for p in guide.pages if p.type is None and p.url]
    remove_page(fork, removable[-1].src)
    (fork / "data" / "checklists" / "lancer-notre-manuel.yml").write_text(CHECKLIST, encoding="utf-8")
    home = fork / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + '\n{{ checklist("lancer-notre-manuel") }}\n', encoding="utf-8")
    # Step 6: this guide's content tests go; the manifest of public addresses is remade.
    shutil.rmtree(fork / "tests" / "content")
    anchors = run([sys.executable, "tools/anchors.py"], fork)
    assert anchors.returncode == 0, anchors.stdout + anchors.stderr
    return fork


def test_adapter_page_names_every_step_the_test_takes() -> None:
    page = (ROOT / "docs" / "adapter.md").read_text(encoding="utf-8")
    for words in (
        "site_name",
        "site_url",
        "extra.identifiant",
        "theme.palette",
        '"#000091"',
        "logo: assets/logo.svg",
        "nav",
        "make check",
        "tests/content/",
        "make anchors",
        "make build",
        "make test",
    ):
        assert words in page, words


def test_make_check_is_clean_on_the_fork(fork: Path) -> None:
    result = run([sys.executable, "-m", "perennisation.check", "-q"], fork)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_fork_builds_strictly_with_its_identity(fork: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], fork)
    assert result.returncode == 0, result.stdout + result.stderr
    home = html(site / "index.html")
    assert NAME in home.title.get_text()
    assert home.select_one('img[src$="assets/logo.svg"]') is not None
    assert home.select_one("section#lancer-notre-manuel") is not None
    assert f'"site": "{IDENT}"' in home.select_one("script#pg-config").get_text()
    assert any("--md-primary-fg-color" in style.get_text() for style in home.find_all("style")), "hex colour ignored"


def test_engine_and_site_tests_pass_in_the_fork(fork: Path) -> None:
    result = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not browser and not slow",
            "tests/engine",
            "tests/site",
        ],
        fork,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
