"""Each content mistake stops the build and `make check` with one located, helpful line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import make_project, mkdocs_build, run

#: One mistake per scenario (tests/fixtures/<scenario>/ overlaid on _base) -> its one finding.
SCENARIOS = {
    "unknown-checklist-id": ["docs/index.md:5", "sortie-incubaton", "did you mean `sortie-incubation`?"],
    "yaml-syntax": ["data/ateliers/vision-commune.yml:5", "invalid YAML at column"],
    "schema-violation": ["data/ateliers/vision-commune.yml:6", "questions[0]: missing `texte`"],
    "duplicate-id": ["data/checklists/sortie-incubation.yml:5", "duplicate item id `budget`"],
    "invalid-id": ["data/checklists/sortie-incubation.yml:3", "`Ligne Budgétaire` is not a valid id", "`ligne-budgetaire`"],
    "step-front-matter": ["docs/methode/2-seconde.md", "missing `objectif`"],
    "undefined-variable": ["docs/index.md:3", "undefined variable or macro `nom_du_servise`"],
    "data-link-missing-page": ["data/checklists/sortie-incubation.yml:7", "methode/3-troisieme.md", "did you mean"],
    "unknown-icon": ["docs/methode/1-premiere.md:6", "unknown icon `material/targett`", "did you mean `material/target`"],
    "nav-missing-page": ["mkdocs.yml", "nav: no page `methode/3-troisieme.md`"],
    "step-without-front-matter": ["docs/methode/3-troisieme.md:3", "step 3 found but 2 missing"],
    "unknown-page-type": ["docs/methode/2-seconde.md:2", "unknown page type `etap`", "did you mean `etape`"],
    "broken-link": ["docs/index.md:3", "link to `disparue.md`: no such page in docs/"],
    "unknown-card-type": ["docs/index.md:5", "cartes(\"cass\")", "did you mean `cas`"],
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
