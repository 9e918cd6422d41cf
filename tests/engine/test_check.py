"""`make check`: one line per finding, `file:line: level: message`, non-zero exit on errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conftest import make_project, run

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

    assert has(
        "data/ateliers/vision-commune.yml",
        "error",
        "l’identifiant `vision-commune` est déjà utilisé par data/checklists/vision-commune.yml",
    )
    assert has("docs/methode/2-seconde.md", "error", "l’étape 3 existe mais pas l’étape 2")
    assert has(
        "docs/methode/1-premiere.md", "error", "section obligatoire manquante, d’identifiant `{ #plan-d-actions }`"
    )
    assert has("data/checklists/inutilisee.yml", "warning", "`inutilisee` est défini mais aucune page ne l’utilise")
    assert has("docs/hors-navigation.md", "error", "la page n’est pas dans la navigation")
    assert has(
        "docs/methode/2-seconde.md",
        "warning",
        "le titre « Une section sans identifiant » n’a pas d’identifiant explicite",
    )
    gap = next(f for f in found if "sans trou" in f["message"])
    assert gap["line"] == "3"
