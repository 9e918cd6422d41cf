"""Build speed: what the engine decides once per page instead of redoing it.

A page whose source holds no Jinja mark (`{{`, `{%`, `{#`) is left out of mkdocs-macros' Jinja
rendering altogether: rendering it would only give back the same Markdown, after parsing and
compiling it as a template.
"""

from __future__ import annotations

from typing import Any

#: The page keys the engine sets on a page it keeps away from Jinja, then removes again.
SKIPPED = "perennisation_plain_page"
JINJA_MARKS = ("{{", "{%", "{#")


def uses_jinja(text: str) -> bool:
    """True when text may hold Jinja (a variable, a statement or a comment)."""
    return any(mark in text for mark in JINJA_MARKS)


def skip_plain_page(page: Any, markdown: str) -> bool:
    """Keep a page without Jinja away from mkdocs-macros' renderer (its `render_macros: false`).

    An author's own `render_macros` is left as written. Returns True when the page is skipped.
    """
    meta = page.meta
    if "render_macros" in meta or uses_jinja(markdown) or uses_jinja(str(page.title or "")):
        return False
    meta["render_macros"] = False
    setattr(page, SKIPPED, True)
    return True


def restore_page(page: Any) -> None:
    """Remove the `render_macros` key skip_plain_page() set, so templates see the author's meta."""
    if getattr(page, SKIPPED, False):
        page.meta.pop("render_macros", None)
        setattr(page, SKIPPED, False)
