"""Links that never break: every address of data/adresses-publiques.json still exists, or is redirected."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs_redirects.plugin import write_html


def _load_tool():
    spec = importlib.util.spec_from_file_location("anchors_tool", ROOT / "tools" / "anchors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    before, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = before
    return module


anchors = _load_tool()
MANIFEST = ROOT / "data" / "adresses-publiques.json"


def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def failure(problems: list[str]) -> str:
    return (
        f"{len(problems)} public address(es) of data/adresses-publiques.json no longer resolve:\n"
        + "\n".join(f"  - {line}" for line in problems)
        + "\n"
        + anchors.ADVICE
    )


def test_manifest_is_sorted_stable_and_covers_every_kind(guide, roles: dict[str, str]) -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == anchors.dumps(data), "data/adresses-publiques.json was edited by hand: run `make anchors`"
    assert {p.url for p in guide.pages} <= set(data["pages"]), "a page of the guide is missing: run `make anchors`"
    assert sum(kind == "step" for kind in data["pages"].values()) == len(guide.steps)
    kinds = {kind for ids in data["anchors"].values() for kind in ids.values()}
    expected = {"heading"} | ({"checklist", "checklist-item"} if "checklist" in roles else set())
    expected |= {"question"} if "workshop" in roles or "sheet" in roles else set()
    assert expected <= kinds, kinds


def movable(data: dict, guide) -> tuple[str, str]:
    """(URL, docs path) of a page with public anchors that is neither the home page nor a step."""
    steps = {p.url for p in guide.steps}
    page = next(p for p in guide.pages if p.url and p.url not in steps and data["anchors"].get(p.url))
    return page.url, page.src


def test_every_public_url_and_anchor_still_resolves(site: Path) -> None:
    problems = anchors.check(anchors.Site(site), manifest())
    assert not problems, failure(problems)


@pytest.fixture()
def copy(site: Path, tmp_path: Path) -> Path:
    """A disposable copy of the built site (HTML only: enough for the checker)."""
    folder = tmp_path / "site"
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns("assets", "search", "*.xml", "*.gz"))
    return folder


def test_negative_control_removed_page_and_anchor_are_reported(copy: Path, guide) -> None:
    data = manifest()
    page, _ = movable(data, guide)
    assert page in data["pages"] and page in data["anchors"]
    shutil.rmtree(copy / page)
    step, item = next(
        (url, ident)
        for url, kind in sorted(data["pages"].items())
        if kind == "step"
        for ident, what in sorted(data["anchors"].get(url, {}).items())
        if what == "checklist-item"
    )
    html = copy / step / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace(f'id="{item}"', 'id="renamed"'), encoding="utf-8")
    problems = anchors.check(anchors.Site(copy), data, redirects={})
    assert f"page /{page} (page) is gone: there is no {page}index.html in the built site" in problems
    assert sum(line.startswith(f"anchor /{page}#") for line in problems) == len(data["anchors"][page])
    assert any(line.startswith(f"anchor /{step}#{item} (checklist-item) is gone") for line in problems), problems
    assert len(problems) == 1 + len(data["anchors"][page]) + 1, problems
    message = failure(problems)
    assert "run `make anchors`" in message and "add a redirect in mkdocs.yml" in message


def test_a_moved_page_is_fine_when_mkdocs_redirects_points_to_its_new_address(
    copy: Path, tmp_path: Path, guide
) -> None:
    data = manifest()
    old, src = movable(data, guide)
    new, new_src = old.rstrip("/") + "-renomme/", src.removesuffix(".md") + "-renomme.md"
    (copy / old).rename(copy / new)
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / src).rename(docs / new_src)
    write_html(str(copy), old + "index.html", "../" + new.rstrip("/").rsplit("/", 1)[-1] + "/")  # as mkdocs-redirects
    redirects = {old: new_src}
    site = anchors.Site(copy)
    assert anchors.check(site, data, redirects=redirects) == []
    # The stub alone is not enough: it must come from mkdocs.yml's redirect_maps.
    problems = anchors.check(site, data, redirects={})
    assert problems and all("not in mkdocs.yml's redirect_maps" in line for line in problems), problems
    # make anchors keeps the old addresses while the redirect serves them.
    updated = anchors.update(site, data, docs=docs, redirects=redirects)
    assert updated["pages"][old] == "redirect" and updated["pages"][new] == "page"
    assert updated["anchors"][old] == data["anchors"][old]
    assert updated["anchors"][new] == data["anchors"][old]


def test_a_redirect_to_a_page_without_the_anchors_is_reported(copy: Path, guide) -> None:
    data = manifest()
    old, _ = movable(data, guide)
    shutil.rmtree(copy / old)
    write_html(str(copy), old + "index.html", "../" * old.count("/"))  # to the home page
    problems = anchors.check(anchors.Site(copy), data, redirects={old: next(p.src for p in guide.pages if p.url == "")})
    lost = [ident for ident in data["anchors"][old] if ident not in data["anchors"].get("", {})]
    assert lost and len(problems) == len(lost), problems
    assert all(f"/{old} redirects to /, which has no id=" in line for line in problems), problems


def test_anchors_tool_rewrites_a_stable_manifest(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    output = tmp_path / "public-urls.json"
    assert anchors.main(["--site", str(site), "--output", str(output)]) == 0
    first = output.read_text(encoding="utf-8")
    assert anchors.main(["--site", str(site), "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == first
    assert "pages" in capsys.readouterr().out
    fresh = json.loads(first)
    assert anchors.check(anchors.Site(site), fresh) == []
    # Everything of the committed manifest is still found by a fresh scan, or it resolves (test above).
    missing = {url for url in manifest()["pages"] if url not in fresh["pages"]}
    assert not missing, f"pages of data/adresses-publiques.json unknown to `make anchors`: {sorted(missing)}"
