"""Each content mistake stops the build and `make check` with one located, helpful line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import make_project, mkdocs_build, run

#: One mistake per scenario (tests/fixtures/<scenario>/ overlaid on _base) -> its one finding.
SCENARIOS = {
    "unknown-checklist-id": ["docs/index.md:5", "sortie-incubaton", "vouliez-vous dire `sortie-incubation` ?"],
    "yaml-syntax": ["data/ateliers/vision-commune.yml:5", "YAML invalide à la colonne"],
    "schema-violation": ["data/ateliers/vision-commune.yml:6", "questions[0]: `texte` manquant"],
    "duplicate-id": ["data/checklists/sortie-incubation.yml:5", "identifiant `budget` en double"],
    "invalid-id": [
        "data/checklists/sortie-incubation.yml:3",
        "`Ligne Budgétaire` n’est pas un identifiant valide",
        "`ligne-budgetaire`",
    ],
    "step-front-matter": ["docs/methode/2-seconde.md", "`objectif` manquant"],
    "undefined-variable": ["docs/index.md:3", "variable ou macro inconnue `nom_du_servise`"],
    "data-link-missing-page": [
        "data/checklists/sortie-incubation.yml:7",
        "methode/3-troisieme.md",
        "vouliez-vous dire",
    ],
    "unknown-icon": [
        "docs/methode/1-premiere.md:6",
        "icône inconnue `material/targett`",
        "vouliez-vous dire `material/target`",
    ],
    "nav-missing-page": ["mkdocs.yml", "nav: aucune page `methode/3-troisieme.md`"],
    "step-without-front-matter": ["docs/methode/3-troisieme.md:3", "l’étape 3 existe mais pas l’étape 2"],
    "unknown-page-type": ["docs/methode/2-seconde.md:2", "type de page inconnu `etap`", "vouliez-vous dire `etape`"],
    "broken-link": ["docs/index.md:3", "lien vers `disparue.md` : cette page n’existe pas dans docs/"],
    "unknown-card-type": ["docs/index.md:5", 'cartes("cass")', "vouliez-vous dire `cas`"],
}
ERROR = re.compile(r"(?:ERROR\s+-\s+)?(?P<finding>\S+: error: .+)$")


def error_lines(output: str) -> list[str]:
    """The findings of a command's output, without the logger's prefix."""
    return [m.group("finding") for m in map(ERROR.search, output.splitlines()) if m]


def assert_clean_failure(result, expected: list[str]) -> None:
    """Non-zero exit, every expected fragment, no traceback, no absolute path of this machine."""
    assert result.code != 0, result.output
    for fragment in expected:
        assert fragment in result.output, f"{fragment!r} not in:\n{result.output}"
    assert "Traceback" not in result.output
    assert str(Path.home()) + "/" not in result.output.replace(str(Path.cwd()), "")


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_one_mistake_stops_check_and_build_with_the_same_single_finding(tmp_path: Path, scenario: str) -> None:
    project = make_project(tmp_path, scenario)
    build = mkdocs_build(project, tmp_path / "site")
    check = run([sys.executable, "-m", "perennisation.check", "-q"], project)
    assert_clean_failure(build, SCENARIOS[scenario])
    assert_clean_failure(check, SCENARIOS[scenario])
    assert "Aborted with a BuildError!" in build.output
    assert not (tmp_path / "site" / "index.html").exists()
    found = error_lines(check.output)
    assert len(found) == 1, f"one mistake, one finding:\n{check.output}"
    assert error_lines(build.output) == found, build.output


@pytest.mark.parametrize(
    ("scenario", "fragment"),
    [("broken-anchor", "#plan-inexistant")],
)
def test_broken_internal_links_fail_the_strict_build(tmp_path: Path, scenario: str, fragment: str) -> None:
    project = make_project(tmp_path, scenario)
    result = mkdocs_build(project, tmp_path / "site")
    assert_clean_failure(result, [fragment, "docs" if False else "index.md", "in strict mode"])


def test_negative_control_the_base_fixture_builds(tmp_path: Path) -> None:
    """Without a mistake, the same fixture builds: the failures above come from the mistakes."""
    project = make_project(tmp_path)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code == 0, result.output
    assert "WARNING" not in result.output
    assert run([sys.executable, "-m", "perennisation.check"], project).code == 0


def test_messages_follow_the_guides_language(tmp_path: Path) -> None:
    """The same mistake in an English guide (theme.language: en) is reported in English."""
    project = make_project(tmp_path, base="en-playbook")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ checklist("discovery-basic") }}\n', encoding="utf-8")
    check = run([sys.executable, "-m", "perennisation.check", "-q"], project)
    build = mkdocs_build(project, tmp_path / "site")
    for result in (check, build):
        assert result.code != 0
        assert "unknown check-list id `discovery-basic` (did you mean `discovery-basics`?" in result.output, (
            result.output
        )
    assert error_lines(build.output) == error_lines(check.output)
    assert "error(s)" in check.output and "erreur" not in check.output
