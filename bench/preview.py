"""Edit-to-preview: how long after a saved change the served page shows it (`make serve`).

The server runs on a copy of the project (the real files are never touched), started with the
command `make serve` uses. A trial writes a change, then asks the page every 20 ms until its HTML
shows the change; then the change is undone and the page waited for again, untimed.
Two kinds of change: a page's text, and a check-list item in data/ (shown by another page).
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from builds import ENV, BenchError, copy_project, progress

POLL = 0.02
TIMEOUT = 60.0
#: The command of `make serve` (Makefile), run from the project's folder.
SERVE = [sys.executable, "-m", "perennisation.preview", "--dev-addr"]


@dataclass
class Trials:
    """Seconds from a saved change to the served page showing it."""

    page: list[float] = field(default_factory=list)
    data: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median of all trials."""
        return statistics.median(self.page + self.data)


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    """The body of a served page ('' when the server does not answer yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except OSError:
        return ""


def wait_for(url: str, wanted: bool, marker: str, started: float) -> float:
    """Seconds from started until the page at url does (wanted) or does not show marker."""
    while time.perf_counter() - started < TIMEOUT:
        if (marker in fetch(url)) == wanted:
            return time.perf_counter() - started
        time.sleep(POLL)
    raise BenchError(f"aperçu : {url} n'a pas {'montré' if wanted else 'retiré'} la modification en {TIMEOUT:.0f} s")


def page_url(docs: Path, source: Path) -> str:
    """The served address of a page (directory URLs)."""
    rel = source.relative_to(docs).with_suffix("").as_posix()
    if rel == "index":
        return ""
    return (rel.removesuffix("/index") if rel.endswith("/index") else rel) + "/"


def data_change(project: Path) -> tuple[Path, str, str]:
    """(data file, page that shows it, marker-free text) for a check-list item: the first one used by a page."""
    from perennisation.templatecheck import used_ids

    docs = project / "docs"
    for source in sorted(docs.rglob("*.md")):
        if any(part.startswith("_") for part in source.relative_to(docs).parts):
            continue
        for collection, ident in sorted(used_ids(source.read_text(encoding="utf-8"))):
            data = project / "data" / collection / f"{ident}.yml"
            if collection == "checklists" and data.is_file():
                return data, page_url(docs, source), data.read_text(encoding="utf-8")
    raise BenchError("aperçu : aucune page n'affiche de check-list")


def with_marker(kind: str, text: str, marker: str) -> str:
    """The text of a page (a paragraph added) or of a check-list (its first item reworded)."""
    if kind == "page":
        return text.rstrip("\n") + f"\n\nParagraphe {marker} ajouté pour mesurer l'aperçu.\n"
    changed, count = re.subn(
        r"^(\s*-?\s*texte:\s*)([\"']?)", rf"\g<1>\g<2>{marker} ", text, count=1, flags=re.MULTILINE
    )
    if not count:
        raise BenchError("aperçu : pas de `texte:` dans la check-list")
    return changed


def measure(work: Path, trials: int = 5) -> Trials:
    """Start the preview server on a project copy and time `trials` changes of each kind."""
    project = copy_project(work / "preview")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (work / "preview.log").open("w")
    server = subprocess.Popen([*SERVE, f"127.0.0.1:{port}"], cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    found = Trials()
    try:
        started = time.perf_counter()
        while not fetch(base):
            if server.poll() is not None or time.perf_counter() - started > 120:
                raise BenchError(
                    "aperçu : le serveur ne démarre pas", (work / "preview.log").read_text(encoding="utf-8")
                )
            time.sleep(0.2)
        step = sorted((project / "docs").rglob("*.md"))
        page_source = next(p for p in step if "/methode/" in p.as_posix() and p.name[0].isdigit())
        data_file, data_page, _ = data_change(project)
        cases = [
            ("page", page_source, base + page_url(project / "docs", page_source)),
            ("data", data_file, base + data_page),
        ]
        for number in range(trials):
            for kind, path, url in cases:
                original = path.read_text(encoding="utf-8")
                marker = f"Zqxmesure{number}{kind}"
                time.sleep(0.3)  # the server is idle: the change is the only one it sees
                started = time.perf_counter()
                path.write_text(with_marker(kind, original, marker), encoding="utf-8")
                seconds = wait_for(url, True, marker, started)
                getattr(found, kind).append(seconds)
                progress(f"  aperçu ({kind}) {number + 1}: {seconds:.2f} s")
                path.write_text(original, encoding="utf-8")
                wait_for(url, False, marker, time.perf_counter())
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return found
