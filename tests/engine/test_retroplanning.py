"""The back-planning in Chromium, on a fixture project: dates counted back from a target exit date,
today's status, state in the address, sharing, printing and accessibility of the computed table.

Expected dates are computed here with dateutil's calendar arithmetic, from the YAML of the fixture."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import yaml
from conftest import FIXTURES, ROOT, make_project, mkdocs_build, serve
from dateutil.relativedelta import relativedelta

pytestmark = pytest.mark.browser

PLAN = yaml.safe_load((FIXTURES / "reader-facts" / "data" / "retroplanning" / "sortie.yml").read_text(encoding="utf-8"))
TODAY = dt.datetime(2026, 3, 15, 12, 0)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def expected(target: dt.date) -> dict[str, tuple[str, str, str]]:
    """Row id -> (earliest start, latest start, status today), counted independently of the engine."""
    rows: dict[str, tuple[str, str, str]] = {}
    phases = PLAN["phases"]
    for i, phase in enumerate(phases):
        longest = sum(p["duree_max_mois"] for p in phases[i:])
        shortest = sum(p["duree_min_mois"] for p in phases[i:])
        rows[phase["id"]] = window(target, longest, shortest)
    for item in PLAN.get("jalons_longs") or []:
        rows[item["id"]] = window(target, item["duree_max_mois"], item["duree_min_mois"])
    return rows


def window(target: dt.date, longest: int, shortest: int) -> tuple[str, str, str]:
    earliest = target - relativedelta(months=longest)
    latest = target - relativedelta(months=shortest)
    today = TODAY.date()
    status = "late" if today > latest else ("now" if today >= earliest else "later")
    return earliest.isoformat(), latest.isoformat(), status


@pytest.fixture(scope="module")
def plan_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("retroplanning")
    project = make_project(tmp, "reader-facts")
    site = tmp / "site"
    result = mkdocs_build(project, site)
    assert result.code == 0, result.output
    server, url = serve(site)
    yield url + "retroplanning/"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def page(context):
    page = context.new_page()
    page.clock.set_fixed_time(TODAY)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == []


def rows(page) -> dict[str, tuple[str, str, str]]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-pg-rp-row]')].map(row => [
        row.id.replace(/^sortie-/, ''),
        [row.querySelector('[data-pg-rp-earliest] time').getAttribute('datetime'),
         row.querySelector('[data-pg-rp-latest] time').getAttribute('datetime'),
         row.getAttribute('data-pg-rp-state')]]))""")


@pytest.mark.parametrize("target", ["2027-08-31", "2026-09-30", "2028-02-29"])
def test_dates_are_counted_back_from_the_exit(page, plan_url: str, target: str) -> None:
    page.goto(plan_url)
    section = page.locator("[data-pg-retroplanning=sortie]")
    assert section.locator("[data-pg-rp-form]").is_visible()
    assert not section.locator("th.pg-rp__date").first.is_visible()  # no date columns before a date is given
    section.locator("input[type=date]").fill(target)
    section.locator("button[type=submit]").click()
    found = {key: tuple(value) for key, value in rows(page).items()}
    assert found == expected(dt.date.fromisoformat(target))
    assert section.locator("th.pg-rp__date").first.is_visible()
    assert page.evaluate("location.hash") == f"#sortie={target}"
    status = section.locator("[data-pg-rp-status]").first.inner_text()
    assert status in ("En retard", "À lancer maintenant", "Plus tard")


def test_summary_names_the_first_phase_window(page, plan_url: str) -> None:
    page.goto(plan_url)
    page.fill("#sortie-date", "2027-08-31")
    page.click("[data-pg-retroplanning=sortie] button[type=submit]")
    summary = page.locator("[data-pg-rp-summary]").inner_text().replace("\u202f", " ")
    assert summary == (
        "Sortie visée le 31 août 2027 : commencez au plus tard le 31 août 2026, et au mieux dès le 31 août 2025."
    )
    page.fill("#sortie-date", "2025-01-10")
    page.click("[data-pg-retroplanning=sortie] button[type=submit]")
    assert "déjà passée" in page.locator("[data-pg-rp-summary]").inner_text()


def test_a_shared_address_restores_the_plan(page, plan_url: str, context) -> None:
    page.goto(plan_url)
    page.fill("#sortie-date", "2027-06-15")
    page.click("[data-pg-retroplanning=sortie] button[type=submit]")
    page.click("[data-pg-retroplanning=sortie] [data-pg-copy]")
    page.wait_for_function("(document.getElementById('pg-live') || {}).textContent")
    shared = page.evaluate("navigator.clipboard.readText()")
    assert shared == plan_url + "#sortie=2027-06-15"
    other = context.new_page()
    other.clock.set_fixed_time(TODAY)
    other.goto(shared)
    assert other.input_value("#sortie-date") == "2027-06-15"
    assert {k: tuple(v) for k, v in rows(other).items()} == expected(dt.date(2027, 6, 15))
    other.goto(plan_url + "#sortie=2027-02-30")  # not a date: ignored, nothing computed
    other.reload()
    assert other.input_value("#sortie-date") == ""
    assert other.locator("[data-pg-rp-earliest]").first.inner_text() == "—"


def test_the_calendar_prints_without_the_form(page, plan_url: str) -> None:
    page.goto(plan_url + "#sortie=2027-08-31")
    page.emulate_media(media="print")
    section = page.locator("[data-pg-retroplanning=sortie]")
    assert not section.locator("[data-pg-rp-form]").is_visible()
    assert not section.locator("[data-pg-rp-actions]").is_visible()
    assert section.locator("table").is_visible()
    assert section.locator("[data-pg-rp-latest] time").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_without_javascript_the_months_remain(browser, plan_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(plan_url)
        assert not page.locator("[data-pg-rp-form]").is_visible()
        first = page.locator("[data-pg-rp-row]").first.inner_text()
        assert "1 à 3 mois" in first and "entre 24 et 12 mois avant la sortie" in first.replace("\u202f", " ")
    finally:
        context.close()


def test_the_computed_table_has_no_axe_violation(page, plan_url: str) -> None:
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)"
    page.goto(plan_url + "#sortie=2027-08-31")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run('[data-pg-retroplanning]', {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))
        .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(', '))""")
    assert violations == []
