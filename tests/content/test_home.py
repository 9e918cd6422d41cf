"""This guide's home page: « Par où commencer » (diagnostic, method, coach's kit) above the fold."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["laptop", "phone"]
)
def test_where_to_start_is_above_the_fold(browser, base_url: str, viewport: dict) -> None:
    page = browser.new_page(viewport=viewport)
    try:
        page.goto(base_url)
        heading = page.locator("article h2#par-ou-commencer")
        assert heading.is_visible()
        cards = page.locator("article .grid.cards.pg-start > ul > li")
        assert cards.count() == 3
        targets = [cards.nth(i).locator("a").first.evaluate("a => a.href").removeprefix(base_url) for i in range(3)]
        assert targets == ["diagnostic/", "methode/", "ateliers/"]
        boxes = [heading.bounding_box()] + [cards.nth(i).bounding_box() for i in range(3)]
        for box in boxes:
            assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (viewport, boxes)
        first_h2 = page.locator("article h2").first
        assert first_h2.get_attribute("id") == "par-ou-commencer"  # the home page starts with it
    finally:
        page.close()
