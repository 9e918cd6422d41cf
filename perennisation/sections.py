"""Required sections of typed pages (mkdocs.yml `extra.sections_obligatoires`) and heading ids."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .errors import Finding
from .messages import _
from .pages import PageInfo

HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def headings(page: PageInfo) -> list[tuple[int, str, str | None]]:
    """(line, text, explicit id) of the level-2 and level-3 headings of a page, outside code."""
    found, fenced = [], False
    for number, line in enumerate(page.body.splitlines(), start=page.body_line):
        if FENCE.match(line):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if match:
            ident = EXPLICIT_ID.search(match.group(2))
            found.append((number, match.group(2), ident.group(1) if ident else None))
    return found


def check_sections(pages: list[PageInfo], required: Mapping[str, list[str]]) -> list[Finding]:
    """Errors for typed pages missing a required section id ('a|b' accepts either)."""
    findings = []
    for page in pages:
        ids = {ident for _, _, ident in headings(page) if ident}
        for wanted in required.get(page.type or "", []):
            choices = wanted.split("|")
            if not ids & set(choices):
                shown = _(" or ").join(f"`{{ #{c} }}`" for c in choices)
                message = _("missing required section with id {ids} (type: {type})", ids=shown, type=page.type)
                findings.append(Finding(page.file, message, line=page.body_line))
    return findings


def check_heading_ids(pages: list[PageInfo]) -> list[Finding]:
    """Warnings for section headings a coach may link to but that have no explicit stable id."""
    return [
        Finding(
            page.file,
            _("heading « {text} » has no explicit id (add {{ #un-id-stable }})", text=text),
            line=line,
            level="warning",
        )
        for page in pages
        for line, text, ident in headings(page)
        if ident is None
    ]
