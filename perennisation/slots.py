"""Components' HTML kept out of Markdown's way.

A macro's HTML is finished: converting it as Markdown only re-parses it, twice (Python-Markdown's
raw-HTML blocks and MkDocs' anchor scan), which cost a good part of the engine's build time. When the
generator lets the engine touch each converted page (adapter.on_page_output), a macro leaves a short
HTML comment in the Markdown instead, and its HTML replaces the comment once the page is converted.
The comment's key is a digest of the HTML, so a page's Markdown after the macros changes exactly when
its components do (the preview server's conversion cache is keyed by it).
"""

from __future__ import annotations

import hashlib
import re

#: The id attributes of a component's HTML: they are anchors links may point to.
HTML_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]+)"|'([^']+)')""")
#: A slot in converted HTML; a slot written inline in a paragraph comes back alone in a <p>.
_FILLED = re.compile(r"(<p>)?<!--pg-slot:([0-9a-f]{20})-->(</p>)?")
_MARK = re.compile(r"<!--pg-slot:([0-9a-f]{20})-->")


class Slots:
    """The components of the page being converted, by key; off until the generator can fill them."""

    def __init__(self) -> None:
        self.enabled = False
        self.html: dict[str, str] = {}

    def put(self, html: str) -> str:
        """What a macro writes into the Markdown: a slot when enabled, else the HTML itself."""
        if not self.enabled or not html.strip():
            return html
        key = hashlib.blake2b(html.encode(), digest_size=10).hexdigest()
        self.html[key] = html.strip()
        return f"\n<!--pg-slot:{key}-->\n"

    def ids(self, text: str) -> list[str]:
        """The ids of the components whose slots text holds (for ids.py, before headings get theirs)."""
        return [i for key in _MARK.findall(text) for i in component_ids(self.html.get(key, ""))]

    def fill(self, html: str) -> tuple[str, set[str]]:
        """The converted page with its components in place, and their ids; the page's slots are freed."""
        found: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            component = self.html.get(match.group(2))
            if component is None:  # not a slot of this build: left as written
                return match.group(0)
            found.update(component_ids(component))
            if match.group(1) and match.group(3):  # alone in a paragraph: the paragraph goes
                return component
            return (match.group(1) or "") + component + (match.group(3) or "")

        filled = _FILLED.sub(replace, html) if "<!--pg-slot:" in html else html
        self.html.clear()
        return filled, found


def component_ids(html: str) -> list[str]:
    """The values of the id attributes of an HTML fragment."""
    return [m.group(1) or m.group(2) for m in HTML_ID.finditer(html)]
