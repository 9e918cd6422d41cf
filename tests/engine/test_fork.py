"""A fork in another language: the English playbook fixture builds on the same engine, in English only.

tests/fixtures/en-playbook/ is a complete project (its own mkdocs.yml, pages and data, `theme.language: en`)
that shares macros/ and overrides/ with the guide. These tests prove that a fork only edits mkdocs.yml,
docs/ and data/: step navigation, check-lists and workshops follow its content, and no French string of
the engine leaks into its pages.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURES, ROOT, Run, html, make_project, mkdocs_build, run

FIXTURE = FIXTURES / "en-playbook"
STEPS = {1: "steps/1-discover/", 2: "steps/2-decide/", 3: "steps/3-deliver/"}
WORKSHOP = "option-mapping"
WORKSHOP_PAGE = f"workshops/{WORKSHOP}/"
CHECKLIST_PAGES = {"discovery-basics": STEPS[1], "launch-readiness": STEPS[3]}


@dataclass
class Build:
    """A fixture project and the result of its strict build."""

    project: Path
    site: Path
    result: Run

    def page(self, url: str) -> BeautifulSoup:
        """Parsed HTML of a built URL ('steps/1-discover/' or '')."""
        return html(self.site / url / "index.html")


def build(tmp: Path, base: str) -> Build:
    project = make_project(tmp, base=base)
    site = tmp / "site"
    return Build(project, site, mkdocs_build(project, site))


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The English playbook, built once for this module; fails every test when the build failed."""
    built = build(tmp_path_factory.mktemp("fork"), "en-playbook")
    assert built.result.code == 0, built.result.output
    return built


def fixture_data(collection: str, ident: str) -> dict:
    """Data file of the fork (the source of truth for the expected anchors)."""
    return yaml.safe_load((FIXTURE / "data" / collection / f"{ident}.yml").read_text(encoding="utf-8"))


def step_front_matter(number: int) -> dict:
    source = next((FIXTURE / "docs" / "steps").glob(f"{number}-*.md")).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---")[1])


# ---------------------------------------------------------------------------
#  French label detection: only our component markup and the pg-config JSON
# ---------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{\w+\}")


def french_fragments() -> dict[str, list[str]]:
    """label key -> fixed parts of its `fr` value that its `en` value lacks ('Étape {n} sur {total}' -> ['Étape'])."""
    labels = yaml.safe_load((ROOT / "data" / "labels.yml").read_text(encoding="utf-8"))
    fragments = {}
    for key, french in labels["fr"].items():
        english = labels["en"][key]
        if french == english:
            continue
        parts = [p.strip() for p in PLACEHOLDER.split(french)]
        kept = [p for p in parts if len(p) >= 4 and p not in english]
        if kept:
            fragments[key] = kept
    return fragments


def is_component(tag: Tag) -> bool:
    return any(c.startswith("pg-") for c in tag.get("class") or [])


def component_texts(soup: BeautifulSoup) -> list[str]:
    """Markup of the engine's components (outermost elements whose class starts with pg-), unescaped."""
    outermost = [t for t in soup.find_all(is_component) if t.find_parent(is_component) is None]
    return [htmllib.unescape(str(t)) for t in outermost]


def config_strings(soup: BeautifulSoup) -> list[str]:
    """Every string of the JSON in <script id="pg-config"> (parsed: tojson escapes non-ASCII)."""
    script = soup.find("script", id="pg-config")
    assert script is not None, "no <script id=pg-config> in the page"
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(script.string))
    return found


def french_leaks(site: Path) -> set[tuple[str, str, str]]:
    """(page, 'markup' | 'pg-config', label key) for each French engine label found in the built site."""
    fragments = french_fragments()
    leaks = set()
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)
    assert pages, f"no HTML page in {site}"
    for path in pages:
        soup = html(path)
        name = path.relative_to(site).as_posix()
        for source, texts in (("markup", component_texts(soup)), ("pg-config", config_strings(soup))):
            text = "\n".join(texts).replace("\u202f", " ")  # French typography's narrow no-break spaces
            leaks |= {(name, source, key) for key, parts in fragments.items() if any(p in text for p in parts)}
    return leaks


# ---------------------------------------------------------------------------
#  The fork builds strictly, in English
# ---------------------------------------------------------------------------


def test_fork_builds_strict_clean(fork: Build) -> None:
    assert fork.result.code == 0, fork.result.output
    assert "WARNING" not in fork.result.output, fork.result.output
    for url in [*STEPS.values(), "", WORKSHOP_PAGE, "trajectories/in-house/", "cases/", "cases/city-permits/"]:
        assert (fork.site / url / "index.html").is_file(), url


def test_fork_passes_make_check(fork: Build) -> None:
    result = run([sys.executable, "-m", "perennisation.check"], fork.project)
    assert result.code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output, result.output


def test_every_page_is_in_english(fork: Build) -> None:
    for path in fork.site.rglob("index.html"):
        if "assets" in path.relative_to(fork.site).parts:
            continue
        root = html(path).find("html")
        assert root is not None and root.get("lang") == "en", path


# ---------------------------------------------------------------------------
#  Steps: progress, pager and cards come from the fork's own step pages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("number", sorted(STEPS))
def test_step_progress(fork: Build, number: int) -> None:
    soup = fork.page(STEPS[number])
    progress = soup.select("nav.pg-progress")
    assert len(progress) == 1
    nav = progress[0]
    assert nav.get("aria-label") == "Progress through the method"
    assert nav.select_one(".pg-progress__count").get_text(strip=True) == f"Step {number} of 3"
    items = nav.select("ol.pg-progress__steps > li")
    assert len(items) == 3
    assert [li.select_one(".pg-progress__label").get_text(strip=True) for li in items] == [
        step_front_matter(n)["titre_court"] for n in (1, 2, 3)
    ]
    current = nav.select('[aria-current="step"]')
    assert len(current) == 1
    assert current[0].find_parent("li") is items[number - 1]
    assert "pg-progress__step--current" in items[number - 1]["class"]


@pytest.mark.parametrize("number", sorted(STEPS))
def test_step_pager(fork: Build, number: int) -> None:
    pager = fork.page(STEPS[number]).select_one("nav.pg-step-pager")
    assert pager is not None and pager.get("aria-label") == "Step navigation"
    previous = pager.select_one('a[rel="prev"]')
    following = pager.select_one('a[rel="next"]')
    if number == 1:
        assert previous is None
    else:
        assert previous.select_one(".pg-step-pager__direction").get_text(strip=True) == "Previous step"
        assert (
            previous.select_one(".pg-step-pager__title").get_text(strip=True)
            == f"{number - 1}. {step_front_matter(number - 1)['title']}"
        )
    if number == 3:
        assert following is None
    else:
        assert following.select_one(".pg-step-pager__direction").get_text(strip=True) == "Next step"
        assert following["href"] == f"../{STEPS[number + 1].split('/')[1]}/"


def test_home_cards_list_the_forks_steps(fork: Build) -> None:
    cards = fork.page("").select(".pg-step-cards li")
    assert len(cards) == 3
    titles = [c.select_one(".pg-card__title").get_text(" ", strip=True) for c in cards]
    assert titles == [f"Step {n} — {step_front_matter(n)['title']}" for n in (1, 2, 3)]
    assert cards[0].select_one("svg") is not None, "icone material/compass is inlined"
    assert cards[0].select_one(".pg-card__meta").get_text(strip=True) == "Typical duration: 2 to 4 weeks"


# ---------------------------------------------------------------------------
#  Check-lists and workshops from the fork's data/
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("checklist", sorted(CHECKLIST_PAGES))
def test_checklists_render_items_with_states_owner_and_due_date_in_english(fork: Build, checklist: str) -> None:
    data = fixture_data("checklists", checklist)
    items = [item for section in data.get("sections") or [{"items": data.get("items")}] for item in section["items"]]
    soup = fork.page(CHECKLIST_PAGES[checklist])
    section = soup.select_one(f'section.pg-checklist[data-pg-checklist="{checklist}"]')
    assert section is not None and section.get("id") == checklist
    assert section.select_one(".pg-checklist__title-text").get_text(strip=True) == data["titre"]
    rows = section.select("li.pg-checklist__item")
    assert len(rows) == len(items)
    for item, row in zip(items, rows, strict=True):
        anchor = f"{checklist}-{item['id']}"
        assert row.get("id") == anchor and row["data-pg-item"] == item["id"]
        assert row.select_one(".pg-checklist__text").get_text(strip=True) == item["texte"]
        radios = row.select("fieldset input[type=radio]")
        assert [r["value"] for r in radios] == ["a-lancer", "en-cours", "acquis"]
        labels = [section.find("label", attrs={"for": r["id"]}).get_text(strip=True) for r in radios]
        assert labels == ["To start", "In progress", "Done"]
        assert row.select_one("legend").get_text() == f"Status: {item['texte']}"
        owner = row.select_one("input[data-pg-field=owner]")
        assert section.find("label", attrs={"for": owner["id"]}).get_text() == "Owner"
        due = row.select_one("input[data-pg-field=due]")
        assert due["type"] == "date" and section.find("label", attrs={"for": due["id"]}).get_text() == "Due date"
        button = row.select_one("button.pg-copy-link")
        assert button["data-pg-copy"] == anchor
        assert button.select_one(".pg-visually-hidden").get_text() == f"Copy the link to the item “{item['texte']}”"
    for section_data in data.get("sections") or []:
        heading = section.find(id=f"{checklist}-{section_data['id']}")
        assert heading is not None
        assert heading.select_one(".pg-checklist__section-text").get_text() == section_data["titre"]
    actions = [b.get_text(strip=True) for b in section.select(".pg-checklist__actions button")]
    assert actions == ["Download (CSV)", "Import", "Share", "Print", "Clear all"]
    total = len(items)
    assert section.select_one(".pg-checklist__status").get_text(strip=True) == (
        f"0 done, 0 in progress, {total} to start, out of {total}"
    )


@pytest.mark.parametrize("url", [STEPS[2], WORKSHOP_PAGE])
def test_workshop_questions_have_anchors(fork: Build, url: str) -> None:
    data = fixture_data("ateliers", WORKSHOP)
    soup = fork.page(url)
    questions = soup.select(f'[data-pg-atelier="{WORKSHOP}"] li.pg-question')
    assert len(questions) == len(data["questions"])
    expected = [f"{WORKSHOP}-{q.get('id') or f'q{i + 1}'}" for i, q in enumerate(data["questions"])]
    assert [q["id"] for q in questions] == expected
    assert expected[0] == f"{WORKSHOP}-q1"
    for number, (question, anchor) in enumerate(zip(questions, expected, strict=True), start=1):
        button = question.select_one("button.pg-copy-link")
        assert button["data-pg-copy"] == anchor
        assert "Copy link" in button.get_text()
        assert button.select_one(".pg-visually-hidden").get_text() == f"Copy the link to question {number}"


def test_workshop_summary_on_step_page(fork: Build) -> None:
    block = fork.page(STEPS[2]).select_one(f"section.pg-atelier#{WORKSHOP}")
    assert block is not None
    terms = [dt.get_text(strip=True) for dt in block.select(".pg-summary dt")]
    assert terms == ["Goal", "Duration", "Participants"]
    sheet = block.select_one(".pg-atelier__sheet a")
    assert sheet.get_text(strip=True) == "Open the printable workshop sheet"
    assert sheet["href"] == f"../../{WORKSHOP_PAGE}"


def test_workshop_sheet_is_in_english(fork: Build) -> None:
    soup = fork.page(WORKSHOP_PAGE)
    sheet = soup.select_one(".pg-sheet")
    assert sheet is not None
    headings = [h.get_text(strip=True) for h in sheet.find_all("h2")]
    assert sorted(headings) == ["Agenda", "Expected output", "Further reading", "Questions"]
    assert [th.get_text(strip=True) for th in sheet.select(".pg-agenda th")] == ["Time", "Activity"]
    assert sheet.select_one("svg.pg-qr title").get_text() == "QR code leading to the online version of this sheet"
    assert sheet.select_one(".pg-sheet__url").get_text() == f"https://example.org/playbook/{WORKSHOP_PAGE}"
    assert sheet.select_one(".pg-sheet__tips summary").get_text(strip=True) == "Facilitation tips"
    assert soup.find("title").get_text().startswith(fixture_data("ateliers", WORKSHOP)["titre"])


def test_case_cards_name_the_forks_trajectory(fork: Build) -> None:
    cards = fork.page("cases/").select('.pg-cards[data-pg-cards="cas"] li')
    assert len(cards) == 1
    assert cards[0]["data-pg-trajectory"] == "in-house"
    assert cards[0].select_one(".pg-card__meta").get_text(strip=True) == "Trajectory: Keep the service in-house"
    assert cards[0].select_one("a")["href"] == "city-permits/"


# ---------------------------------------------------------------------------
#  No French string of the engine in the fork, and the check can fail
# ---------------------------------------------------------------------------


def test_english_labels_appear(fork: Build) -> None:
    text = {url: fork.page(url).get_text(" ") for url in ["", *STEPS.values(), WORKSHOP_PAGE]}
    assert "Step 1 of 3" in text[STEPS[1]]
    assert "Next step" in text[STEPS[1]]
    assert "Previous step" in text[STEPS[3]]
    assert "Copy link" in text[STEPS[2]]
    assert "Copy link" in text[WORKSHOP_PAGE]
    config = json.loads(fork.page(STEPS[1]).find("script", id="pg-config").string)
    labels = yaml.safe_load((ROOT / "data" / "labels.yml").read_text(encoding="utf-8"))
    assert config["labels"] == labels["en"]
    assert config["site"] == "service-playbook"


def test_french_fragments_are_meaningful() -> None:
    fragments = french_fragments()
    assert fragments["step_of"] == ["Étape"]
    assert fragments["copy_link"] == ["Copier le lien"]
    assert "question" not in fragments  # same word in both languages: not a leak


def test_no_french_engine_label_in_the_fork(fork: Build) -> None:
    pages = [p for p in fork.site.rglob("*.html") if "assets" not in p.relative_to(fork.site).parts]
    assert sum(len(component_texts(html(p))) for p in pages) >= 10, "the check must see components"
    assert french_leaks(fork.site) == set()


def test_negative_control_the_french_base_leaks(tmp_path: Path) -> None:
    """The same check on the French _base fixture finds French labels, in markup and in pg-config."""
    base = build(tmp_path, "_base")
    assert base.result.code == 0, base.result.output
    leaks = french_leaks(base.site)
    in_markup = {key for _, source, key in leaks if source == "markup"}
    in_config = {key for _, source, key in leaks if source == "pg-config"}
    assert {"step_of", "step_next", "copy_link", "checklist_csv", "workshop_goal"} <= in_markup
    assert in_config == set(french_fragments())
