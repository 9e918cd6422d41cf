"""The last touch on every page, in memory as the generator writes it: never a re-read of the site.

French typography (typography.py), the former anchors a page keeps (brief.py) and the check that no
id is repeated (ids.py) run once on each page's HTML before it is written. Reading every built file
back after the build, twice, cost more than building the pages on a large playbook.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from .brief import insert_aliases
from .errors import Finding
from .guide import Guide
from .ids import check_page
from .slots import Slots
from .typography import fix_html

#: Typography of pages already seen in this process, by content (the preview server turns it on: most
#: pages are unchanged from one rebuild to the next). None in a build: each page is seen once.
MEMO: dict[str, str] | None = None
MEMO_SIZE = 4096


def typeset(html: str) -> str:
    """fix_html(html), from MEMO when the same page was already typeset."""
    if MEMO is None:
        return fix_html(html)
    key = hashlib.sha256(html.encode()).hexdigest()
    fixed = MEMO.get(key)
    if fixed is None:
        if len(MEMO) >= MEMO_SIZE:
            MEMO.clear()
        fixed = MEMO[key] = fix_html(html)
    return fixed


class PageOutput:
    """Handler of each page's HTML; keeps the duplicate-id findings for the end of the build."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.findings: list[Finding] = []
        self.active = False  # True once the generator has accepted the handler
        self.indexed = False  # True once the search index is written (from the sections in memory)

    def __call__(self, html: str, src: str | None) -> str:
        """The page (src: its path in docs/, None for a theme template) as it must be published."""
        html = typeset(html)
        page = self.guide.page(src) if src else None
        if page is None:
            return html
        aliases = page.meta.get("ancres")
        if isinstance(aliases, dict):
            html = insert_aliases(html, aliases)
        found = check_page(page, html)
        if found:
            self.findings.append(found)
        return html


def start(
    guide: Guide,
    config: Any,
    index: Callable[[list[dict[str, Any]]], Any] | None = None,
    slots: Slots | None = None,
) -> PageOutput:
    """The handler, registered with the generator when it can call it page by page.

    index(sections) writes the engine's search index from the search plugin's sections, at the end
    of the build and before that plugin writes its own, which the guide does not use (it is left empty).
    The components' slots are filled in each converted page, and turned on when the generator allows it.
    """
    from . import adapter
    from .search import pack

    output = PageOutput(guide)

    def write(entries: list[dict[str, Any]]) -> None:
        if index is not None:
            index(entries)
            output.indexed = True

    fill = slots.fill if slots is not None else None
    output.active = adapter.on_page_output(config, output, write if index else None, pack, fill)
    if slots is not None:
        slots.enabled = output.active
    return output
