"""The real guide, built once (strict), checked on its parsed HTML."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import yaml
from conftest import ROOT, Run, html, run


def step_urls(guide) -> list[str]:
    """URLs of the method's steps, in order."""
    return [p.url for p in guide.steps]


def fill(label: str, **values: object) -> str:
    for name, value in values.items():
        label = label.replace("{" + name + "}", str(value))
    return label


def test_strict_build_is_clean(built: tuple[Path, Run]) -> None:
    _, result = built
    assert result.code == 0, result.output
    assert "WARNING" not in result.output and "ERROR" not in result.output, result.output
    assert "Traceback" not in result.output


def test_every_page_is_in_the_guides_language_with_one_h1(site: Path, guide) -> None:
    pages = [p for p in site.rglob("index.html") if "/assets/" not in str(p)]
    assert len(pages) >= len(guide.pages)
    language = guide.config["theme"]["language"]
    for path in pages:
        doc = html(path)
        if doc.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # redirect stubs
        assert doc.html["lang"] == language, path
        assert len(doc.find_all("h1")) == 1, path


def test_step_pages_show_progress_from_front_matter(page, guide) -> None:
    urls = step_urls(guide)
    assert urls, "the guide has no step page"
    for number, url in enumerate(urls, start=1):
        doc = page(url)
        nav = doc.select_one("nav.pg-progress")
        assert nav is not None, url
        expected = fill(guide.labels["step_of"], n=number, total=len(urls))
        assert nav.select_one(".pg-progress__count").get_text(" ", strip=True) == expected
        links = nav.select("ol > li > a")
        assert len(links) == len(urls)
        current = nav.select('a[aria-current="step"]')
        assert len(current) == 1 and current[0].select_one(".pg-progress__number").get_text() == str(number)
        pager = doc.select_one("nav.pg-step-pager")
        if len(urls) == 1:  # a method of one step keeps Material's pager: the steps' would be empty
            assert pager is None, url
            continue
        assert bool(pager.select_one('a[rel="prev"]')) == (number > 1)
        assert bool(pager.select_one('a[rel="next"]')) == (number < len(urls))


def test_progress_titles_follow_the_step_front_matter(page, guide) -> None:
    for number, step in enumerate(guide.steps, start=1):
        source = (ROOT / "docs" / step.src).read_text(encoding="utf-8")
        meta = yaml.safe_load(source.split("---")[1])
        url = step.url
        assert meta["etape"] == number
        label = page(url).select_one('a[aria-current="step"] .pg-progress__label').get_text()
        assert label == meta.get("titre_court", meta["title"])


def test_every_checklist_item_and_workshop_question_has_its_stable_anchor(page, guide) -> None:
    """The anchors coaches share: <checklist>-<item> and <workshop>-<question> on the pages using them."""
    from perennisation.checklists import item_anchor, sections
    from perennisation.templatecheck import used_ids
    from perennisation.workshops import question_anchor

    checked = 0
    for source in guide.pages:
        doc = None
        for collection, ident in used_ids(source.body):
            if collection not in ("checklists", "ateliers"):
                continue
            doc = doc or page(source.url)
            data = guide.item(collection, ident)
            if collection == "checklists":
                wanted = [item_anchor(ident, i["id"]) for s in sections(data) for i in s["items"]]
            else:
                wanted = [question_anchor(ident, n, q) for n, q in enumerate(data["questions"])]
            missing = [a for a in wanted if doc.find(id=a) is None]
            assert not missing, f"{source.src}: {missing}"
            checked += len(wanted)
    assert checked > 0


def test_home_lists_the_steps_as_cards_from_front_matter(page, guide) -> None:
    cards = page("").select(".pg-step-cards li")
    assert len(cards) == len(guide.steps)
    first = guide.steps[0]
    assert first.title in cards[0].get_text() or first.meta.get("titre_court", first.title) in cards[0].get_text()


def test_abbreviations_get_tooltips(site: Path) -> None:
    """Each abbreviation of docs/_includes/abreviations.md gets its title wherever it is used."""
    source = (ROOT / "docs" / "_includes" / "abreviations.md").read_text(encoding="utf-8")
    definitions = dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", source, re.MULTILINE))
    assert definitions
    seen = {}
    for path in site.rglob("index.html"):
        for abbr in html(path).find_all("abbr"):
            seen.setdefault(abbr.get_text(), abbr.get("title"))
    assert seen, "no abbreviation is used"
    for text, title in seen.items():
        if text in definitions:
            assert title == definitions[text].strip(), text


def test_no_unrendered_jinja_or_gitbook_tag_is_published(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = re.sub(r"<code>.*?</code>", "", path.read_text(encoding="utf-8"), flags=re.S)  # shown as code
        assert not re.search(r"\{\{|\{%", text), path


def test_nothing_is_fetched_from_google_fonts(site: Path) -> None:
    for path in site.rglob("*.html"):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8"), path


def test_check_is_clean_and_fast_on_the_guide(tmp_path: Path) -> None:
    """This guide has no finding; make check takes well under a full build (ratio, not seconds)."""
    started = time.perf_counter()
    check = run([sys.executable, "-m", "perennisation.check"], ROOT)
    check_time = time.perf_counter() - started
    assert check.code == 0, check.output
    assert ": error: " not in check.output and ": warning: " not in check.output, check.output
    started = time.perf_counter()
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")], ROOT)
    build_time = time.perf_counter() - started
    assert build.code == 0, build.output
    assert check_time < build_time, (check_time, build_time)
