"""`make check`: one line per finding, `file:line: level: message`, non-zero exit on errors."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from conftest import ROOT, make_project, run

LINE = re.compile(r"^(?P<file>[^:\s]+)(?::(?P<line>\d+))?: (?P<level>error|warning): (?P<message>.+)$")


def findings(output: str) -> list[dict[str, str]]:
    return [m.groupdict() for m in map(LINE.match, output.splitlines()) if m]


def test_check_reports_every_kind_of_finding(tmp_path: Path) -> None:
    project = make_project(tmp_path, "check-findings")
    result = run([sys.executable, "-m", "perennisation.check"], project)
    assert result.code == 1, result.output
    found = findings(result.output)
    lines = [f for f in result.output.splitlines() if f.strip()]
    assert len(found) == len(lines) - 1, "one line per finding, plus the summary"

    def has(file: str, level: str, fragment: str) -> bool:
        return any(f["file"] == file and f["level"] == level and fragment in f["message"] for f in found)

    assert has("data/ateliers/vision-commune.yml", "error", "id `vision-commune` is already used by data/checklists/vision-commune.yml")
    assert has("docs/methode/2-seconde.md", "error", "steps must be numbered 1..N without gaps; step 3 found but 2 missing")
    assert has("docs/methode/1-premiere.md", "error", "missing required section with id `{ #plan-d-actions }`")
    assert has("data/checklists/inutilisee.yml", "warning", "`inutilisee` is defined but no page uses it")
    assert has("docs/hors-navigation.md", "error", "page is not in the navigation")
    assert has("docs/methode/2-seconde.md", "warning", "« Une section sans identifiant » has no explicit id")
    gap = next(f for f in found if "without gaps" in f["message"])
    assert gap["line"] == "3"


def test_check_is_clean_and_fast_on_the_guide(tmp_path: Path) -> None:
    """The real guide has no finding; make check takes well under a full build (ratio, not seconds)."""
    started = time.perf_counter()
    check = run([sys.executable, "-m", "perennisation.check"], ROOT)
    check_time = time.perf_counter() - started
    assert check.code == 0, check.output
    assert check.output.strip().endswith("0 error(s), 0 warning(s) in main") or "0 error(s), 0 warning(s)" in check.output
    started = time.perf_counter()
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")], ROOT)
    build_time = time.perf_counter() - started
    assert build.code == 0, build.output
    assert check_time < build_time, (check_time, build_time)
