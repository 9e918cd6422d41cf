"""methode.json (demo fixture): the method published as data validates against its schema and points at real anchors."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import html
from jsonschema import Draft202012Validator

SITE_URL = "https://demo.example.org/guide/"  # site_url of tests/fixtures/demo


def load(site: Path) -> dict:
    return json.loads((site / "methode.json").read_text(encoding="utf-8"))


def test_methode_json_validates_against_its_published_schema(demo_site: Path) -> None:
    schema = json.loads((demo_site / "methode.schema.json").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(load(demo_site)))
    assert not errors, [e.message for e in errors]


def test_methode_json_lists_the_steps_in_order(demo_site: Path) -> None:
    steps = load(demo_site)["etapes"]
    assert [s["numero"] for s in steps] == [1, 2, 3]
    assert steps[0]["url"] == SITE_URL + "methode/1-cadrer/"


def test_every_anchor_of_methode_json_exists_in_the_site(demo_site: Path) -> None:
    method = load(demo_site)

    def ids(url: str) -> set[str]:
        return {node["id"] for node in html(demo_site / url.removeprefix(SITE_URL) / "index.html").select("[id]")}

    for checklist in method["checklists"]:
        assert checklist["urls"], checklist["id"]
        for url in checklist["urls"]:
            found = ids(url)
            for item in checklist["items"]:
                assert item["ancre"] in found, (url, item["ancre"])
    for workshop in method["ateliers"]:
        found = ids(workshop["url"])
        for question in workshop["questions"]:
            assert question["ancre"] in found
            assert question["url"] == f"{workshop['url']}#{question['ancre']}"


def test_the_schema_rejects_a_broken_document(demo_site: Path) -> None:
    """Negative control: a step without a title is invalid."""
    schema = json.loads((demo_site / "methode.schema.json").read_text(encoding="utf-8"))
    method = load(demo_site)
    del method["etapes"][0]["titre"]
    assert list(Draft202012Validator(schema).iter_errors(method))
