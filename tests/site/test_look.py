"""The calmer look of the built guide in Chromium: a strong H1, the step tracker on one line on a laptop
and usable on a phone, one pager at the bottom of step pages, contributors' links in the footer only."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import html

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def step_urls(site: Path, guide) -> list[str]:
    """URLs of the guide's steps, which (and only which) show the step tracker."""
    if not guide.steps:
        pytest.skip("this guide has no step page")
    urls = []
    for path in sorted(site.rglob("index.html")):
        if html(path).select_one("article nav.pg-progress"):
            rel = path.parent.relative_to(site).as_posix()
            urls.append("" if rel == "." else rel + "/")
    assert sorted(urls) == sorted(p.url for p in guide.steps)
    return [p.url for p in guide.steps]


TRACKER = """() => {
  const nav = document.querySelector('nav.pg-progress');
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 2 && r.height > 2; };
  const box = e => {
    const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, w: r.width, h: r.height};
  };
  const items = [...nav.querySelectorAll('ol > li')].map(li => box(li));
  const links = [...nav.querySelectorAll('ol > li > a')].map(a => box(a));
  const count = nav.querySelector('.pg-progress__count');
  return {
    items, links,
    count: visible(count) ? box(count) : null,
    labels: [...nav.querySelectorAll('.pg-progress__label')].map(l => visible(l) ? l.textContent : null),
    current: nav.querySelector('[aria-current=step] .pg-progress__label').getBoundingClientRect().width,
    overflow: nav.scrollWidth - nav.clientWidth,
    page: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


def one_line(found: dict) -> bool:
    """All steps (and the count, when shown) share one line."""
    boxes = found["items"] + ([found["count"]] if found["count"] else [])
    top = min(b["top"] for b in boxes)
    bottom = max(b["bottom"] for b in boxes)
    return all(b["top"] < top + (bottom - top) / 2 < b["bottom"] for b in boxes) and bottom - top < 60


@pytest.mark.parametrize(("viewport", "all_labels"), [(LAPTOP, True), (PHONE, False)], ids=["laptop", "phone"])
def test_step_tracker_is_one_line(
    browser, base_url: str, step_urls: list[str], viewport: dict, all_labels: bool
) -> None:
    page = browser.new_page(viewport=viewport)
    try:
        for url in step_urls:
            page.goto(base_url + url)
            found = page.evaluate(TRACKER)
            assert one_line(found), (url, viewport, found)
            assert found["overflow"] <= 0 and found["page"] <= 0, (url, viewport, found)
            assert found["current"] > 20, "the current step keeps its label"
            if all_labels:
                assert None not in found["labels"], (url, found["labels"])
            for link in found["links"]:
                assert link["w"] >= 24 and link["h"] >= 24, (url, viewport, link)  # WCAG 2.5.8
    finally:
        page.close()


def test_h1_is_strong(browser, base_url: str, step_urls: list[str]) -> None:
    page = browser.new_page(viewport=LAPTOP)
    try:
        for url in ("", step_urls[0]):
            page.goto(base_url + url)
            weight, color, body = page.evaluate("""() => {
                const s = getComputedStyle(document.querySelector('article h1'));
                return [s.fontWeight, s.color, getComputedStyle(document.querySelector('article p')).color]; }""")
            assert int(weight) >= 700, (url, weight)
            assert color != body and color != "rgba(0, 0, 0, 0.54)", (url, color)  # not Material's grey
    finally:
        page.close()


def test_step_pages_end_with_one_pager(browser, base_url: str, step_urls: list[str]) -> None:
    page = browser.new_page(viewport=LAPTOP)
    try:
        for url in step_urls:
            page.goto(base_url + url)
            pagers = page.locator("nav.pg-step-pager:visible, nav.md-footer__inner:visible")
            assert pagers.count() == 1, url
            # The steps' pager; a method of one step has no other step to go to and keeps Material's.
            kept = "nav.pg-step-pager" if len(step_urls) > 1 else "nav.md-footer__inner"
            assert page.locator(kept).is_visible(), url
        page.goto(base_url)
        assert page.locator("nav.md-footer__inner").is_visible()  # Material's pager stays elsewhere
    finally:
        page.close()


def test_header_has_no_repository_nor_pencil_and_footer_offers_to_edit(
    browser, base_url: str, guide, step_urls: list[str]
) -> None:
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(base_url + step_urls[0])
        source = page.locator(".md-header .md-source")
        assert source.count() == 0 or not source.is_visible()
        assert page.locator(".md-content__button").count() == 0
        edit = page.locator(".md-footer-meta .pg-footer-links a[href]", has_text=guide.labels["footer_edit"])
        if guide.config.get("repo_url") and guide.config.get("edit_uri"):
            assert edit.count() == 1 and edit.is_visible()
            assert edit.get_attribute("href").endswith("/" + guide.steps[0].src)
        else:
            assert edit.count() == 0, "edit link, yet mkdocs.yml has no repo_url/edit_uri"
    finally:
        page.close()
