"""Unique anchors: a copied link must land on one element only.

Two guards. While a page is converted, the ids of the components' HTML are reserved before the
Markdown `toc` extension gives headings their generated ids, so a heading never takes a component's
id (it gets `_1`, as for two equal headings). After the build, every published page is read back and
a duplicate id (an explicit `{ #id }` equal to a component's, two components…) stops the build with
one line naming the page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .errors import Finding
from .pages import PageInfo
from .schemas import slugify
from .slots import Slots, component_ids

RESERVED_TAG = "pg-reserved-id"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Reserve(Treeprocessor):
    """Before `toc`: adds placeholder elements carrying the ids of the page's raw HTML blocks."""

    def __init__(self, md: Markdown, slots: Slots | None) -> None:
        super().__init__(md)
        self.slots = slots

    def run(self, root: etree.Element) -> None:
        """Reserve every id found in the stashed raw HTML of the page, components' slots included."""
        for block in self.md.htmlStash.rawHtmlBlocks:
            ids = (
                component_ids(block) + (self.slots.ids(block) if self.slots else [])
                if isinstance(block, str)
                else [el.get("id") for el in block.iter() if el.get("id")]
            )
            for ident in ids:
                etree.SubElement(root, RESERVED_TAG, {"id": str(ident)})


class _Release(Treeprocessor):
    """After `toc`: removes the placeholders."""

    def run(self, root: etree.Element) -> None:
        """Drop the placeholder elements added by _Reserve."""
        for el in root.findall(RESERVED_TAG):
            root.remove(el)


class ReservedIds(Extension):
    """Markdown extension: headings' generated ids never repeat a component's id."""

    def __init__(self, slots: Slots | None = None) -> None:
        super().__init__()
        self.slots = slots

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        """Register the two tree processors around `toc` (priority 5), after `attr_list` (8)."""
        md.treeprocessors.register(_Reserve(md, self.slots), "pg_reserve_ids", 6)
        md.treeprocessors.register(_Release(md), "pg_release_ids", 4)


class _Ids(HTMLParser):
    """Every element with an id: id -> descriptions ('<h2> heading “Title”', '<form class="pg-x">')."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = defaultdict(list)
        self.open: list[tuple[str, str, list[str]]] = []  # tag, id, text of the headings being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record an element's id; start collecting a heading's text."""
        values = {name: value or "" for name, value in attrs}
        ident = values.get("id")
        if tag in HEADINGS:
            self.open.append((tag, ident or "", []))
        elif ident:
            classes = [c for c in values.get("class", "").split() if c.startswith("pg-")][:1]
            self.found[ident].append(f'<{tag} class="{classes[0]}">' if classes else f"<{tag}>")

    def handle_data(self, data: str) -> None:
        """Text inside headings."""
        for _, _, text in self.open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        """Close a heading: record it with its text."""
        if tag in HEADINGS and self.open and self.open[-1][0] == tag:
            _, ident, text = self.open.pop()
            if ident:
                title = " ".join("".join(text).replace("¶", "").split())
                self.found[ident].append(f"<{tag}> heading “{title}”")


#: Any `id=` in the document, attribute or not: a superset of the ids the parser finds. Written in lower
#: case, the pattern starts with a literal that the regular-expression engine finds fast; a page with
#: an upper-case `ID` anywhere is read with the case-insensitive one.
_ANY_ID = re.compile(r"""id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ANY_ID_ANY_CASE = re.compile(_ANY_ID.pattern, re.I)


def _upper_case_id(html: str) -> bool:
    """True when `ID=`, `Id=` or `iD=` (spaces allowed before `=`) appears: rare, and searched as text."""
    for form in ("ID", "Id", "iD"):
        start = html.find(form)
        while start >= 0:
            if html[start + 2 : start + 40].lstrip().startswith("="):
                return True
            start = html.find(form, start + 2)
    return False


def _maybe_repeated(html: str) -> bool:
    """False when no id can be repeated: every `id=` of the text names a different value (fast)."""
    pattern = _ANY_ID_ANY_CASE if _upper_case_id(html) else _ANY_ID
    seen: set[str] = set()
    for match in pattern.finditer(html):
        ident = match.group(1) or match.group(2) or match.group(3) or ""
        if ident in seen:
            return True
        seen.add(ident)
    return False


def duplicates(html: str) -> dict[str, list[str]]:
    """Ids used more than once in an HTML document, with what carries them."""
    if not _maybe_repeated(html):
        return {}
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return {ident: where for ident, where in parser.found.items() if len(where) > 1}


def source_line(page: PageInfo, ident: str) -> int | None:
    """Line of the Markdown source that gives a heading this id (explicit `{ #id }` or its title)."""
    lines = page.body.splitlines()
    for pattern in (
        re.compile(r"\{[^}]*#" + re.escape(ident) + r"(?![\w-])"),
        re.compile(r"\bid\s*=\s*[\"']" + re.escape(ident) + r"[\"']"),
    ):
        for number, line in enumerate(lines):
            if pattern.search(line):
                return page.body_line + number
    for number, line in enumerate(lines):
        heading = re.match(r"^#{1,6}\s+(.+?)\s*(\{.*\})?\s*$", line)
        if heading and slugify(heading.group(1)) == ident:
            return page.body_line + number
    return None


def built_file(site: Path, url: str) -> Path:
    """The HTML file of a page URL ('' and 'x/' are folders with an index.html)."""
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def check_page(page: PageInfo, html: str) -> Finding | None:
    """The first id a built page repeats, as a finding on its source, or None."""
    for ident, where in sorted(duplicates(html).items()):
        message = (
            f"duplicate id `{ident}` in the built page ({' and '.join(where)}): a link to #{ident} "
            "lands on the first one only; give one of them another id, e.g. `## Title { #other-id }`"
        )
        return Finding(page.file, message, source_line(page, ident))
    return None


def check_site(site: Path, pages: list[PageInfo]) -> list[Finding]:
    """One finding per built page that repeats an id (when pages could not be checked as they were written)."""
    findings = []
    for page in pages:
        path = built_file(site, page.url)
        if not path.is_file():
            continue
        found = check_page(page, path.read_text(encoding="utf-8"))
        if found:
            findings.append(found)
    return findings


def markdown_extension(slots: Slots | None = None) -> Any:
    """The extension the engine adds to the site's Markdown extensions."""
    return ReservedIds(slots)
