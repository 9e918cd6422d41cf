"""Shared fixtures: the real guide built once per session, fixture projects, and a browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from chromium import CHROMIUM, CHROMIUM_ARGS  # tools/chromium.py

from perennisation.adapter import quiet_env

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ENV = quiet_env()


@dataclass
class Run:
    """Result of a command: exit code and combined output."""

    code: int
    output: str


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command of the project's virtualenv (with env added to its environment) and capture its output."""
    done = subprocess.run(args, cwd=cwd, env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=600)
    return Run(done.returncode, done.stdout + done.stderr)


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None) -> Run:
    """`mkdocs build --strict` of a project into site (with env added to the environment)."""
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project, env)


def make_project(tmp: Path, scenario: str | None = None, base: str = "_base") -> Path:
    """A project made of a fixture base overlaid with a scenario, sharing the real engine."""
    project = tmp / (scenario or base)
    shutil.copytree(FIXTURES / base, project)
    if scenario:
        shutil.copytree(FIXTURES / scenario, project, dirs_exist_ok=True)
    if not (project / "data" / "labels.yml").exists():
        shutil.copy(ROOT / "data" / "labels.yml", project / "data" / "labels.yml")
    return project


def html(path: Path) -> BeautifulSoup:
    """Parsed HTML of a built file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """The real guide, built once per test session (strict)."""
    site = tmp_path_factory.mktemp("site")
    return site, mkdocs_build(ROOT, site)


@pytest.fixture(scope="session")
def site(built: tuple[Path, Run]) -> Path:
    """The built site folder; fails every dependent test when the build failed."""
    folder, result = built
    assert result.code == 0, result.output
    return folder


@pytest.fixture(scope="session")
def guide():
    """This repository's guide as the engine loads it: pages by type, steps, data, labels.

    Tests of tests/site/ find the pages they need here (the first step, a page with a check-list…)
    rather than naming this guide's pages, so that they pass on a fork's content too.
    """
    from mkdocs.config import load_config

    from perennisation.guide import load_guide

    return load_guide(load_config(str(ROOT / "mkdocs.yml")))


@pytest.fixture(scope="session")
def roles(guide) -> dict[str, str]:
    """URL of the page that plays each role in this guide (whatever its content): `home`, `step`
    (the first step), `checklist`, `workshop` (a page showing a workshop block), `sheet` (a printable
    workshop sheet), `table` (a comparison), `diagnostic`, `statement` (accessibility). A role the
    guide has no page for is absent."""
    from perennisation.templatecheck import used_ids

    found = {"home": ""}
    if guide.steps:
        found["step"] = guide.steps[0].url
    for role, folder in (
        ("checklist", "checklists"),
        ("workshop", "ateliers"),
        ("table", "comparatifs"),
        ("diagnostic", "diagnostics"),
    ):
        page = next(
            (p for p in guide.pages if p.type != "atelier" and any(c == folder for c, _ in used_ids(p.body))), None
        )
        if page is not None:
            found[role] = page.url
    sheet = next(iter(guide.pages_of_type("atelier")), None)
    if sheet is not None:
        found["sheet"] = sheet.url
    statement = guide.page(((guide.extra.get("organisation") or {}).get("accessibilite") or {}).get("page") or "")
    if statement is not None:
        found["statement"] = statement.url
    return found


@pytest.fixture(scope="session")
def search_word(guide) -> str:
    """A word the guide's search must find, whatever its content: the longest of its first step's title."""
    title = guide.steps[0].title if guide.steps else next(p.title for p in guide.pages if p.url == "")
    return max(title.replace("’", " ").replace("'", " ").split(), key=len)


@pytest.fixture(scope="session")
def page(site: Path):
    """page('methode/1-definir-les-objectifs/') -> parsed HTML of that URL."""

    def parse(url: str) -> BeautifulSoup:
        path = site / url / "index.html" if url.endswith("/") or not url else site / url
        return html(path)

    return parse


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # noqa: D401 - silence the access log
        pass

    def send_head(self) -> object:
        """Always the file as it is now: a site rebuilt within the same second as the one the browser
        holds has the same Last-Modified, to which this server would answer "304 Not Modified"."""
        del self.headers["If-Modified-Since"]
        return super().send_head()


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on 127.0.0.1 (random port) in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def served(folder: Path) -> Iterator[str]:
    """Serve a folder for the time of a fixture, then stop the server."""
    server, url = serve(folder)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """URL of the built guide served on loopback."""
    yield from served(site)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo fixture project (tests/fixtures/demo), built once per session (strict)."""
    tmp = tmp_path_factory.mktemp("demo")
    project = make_project(tmp, base="demo")
    folder = tmp / "site"
    result = mkdocs_build(project, folder)
    assert result.code == 0, result.output
    return folder


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    """URL of the built demo project served on loopback."""
    yield from served(demo_site)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by playwright; skipped locally, mandatory in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: browser tests must run in CI (make test installs it)")
        pytest.skip(f"{CHROMIUM} is missing: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()


@pytest.fixture()
def context(browser):
    """A fresh browser context (empty storage) with clipboard access."""
    ctx = browser.new_context(locale="fr-FR")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    yield ctx
    ctx.close()
