"""Cross-checks of the whole guide, run once when it is loaded: `make check` and the build share them.

Everything a page or a data file refers to is checked here, before any page is rendered, so the
build and `make check` stop on the same findings with the same messages.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from jinja2 import Environment

from .errors import Finding, suggest
from .guide import Guide
from .links import EXTERNAL
from .messages import _
from .perf import uses_jinja
from .registry import COMPONENTS
from .steps import icon_problem
from .templatecheck import check_source
from .yamlfile import JsonPath, YamlDoc

#: Names mkdocs-macros gives every page besides the engine's macros and `extra`.
MACROS_BUILTINS = frozenset(
    {
        "config",
        "page",
        "navigation",
        "files",
        "environment",
        "plugin",
        "git",
        "extra",
        "macros",
        "filters",
        "filters_builtin",
        "context",
        "macros_info",
        "now",
        "fix_url",
    }
)


def known_names(guide: Guide, extra_names: set[str] | None = None) -> set[str]:
    """Every name a page may use: the engine's macros, mkdocs-macros' builtins and `extra`."""
    names = {c.macro for c in COMPONENTS} | MACROS_BUILTINS | set(guide.extra) | set(Environment().globals)
    return names | (extra_names or set())


def page_sources(guide: Guide, extra_names: set[str] | None = None) -> list[Finding]:
    """Jinja syntax, undefined names and unknown ids of every page that renders macros."""
    known = known_names(guide, extra_names)
    findings = []
    for page in guide.pages:
        if page.meta.get("render_macros") is False or not uses_jinja(page.body):
            continue
        findings += check_source(page.body, page.file, page.body_line, known | set(page.meta), guide.library)
    return findings


def _links(node: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """(path, target) of every link of a data document: `{texte, url}` mappings and `lien` keys."""
    if isinstance(node, dict):
        if isinstance(node.get("url"), str) and "texte" in node:
            yield (*path, "url"), node["url"]
        if isinstance(node.get("lien"), str):
            yield (*path, "lien"), node["lien"]
        for key, value in node.items():
            yield from _links(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _links(value, (*path, i))


def link_problem(guide: Guide, target: str) -> str | None:
    """Why a link of a data file does not resolve to a page of the guide, or None."""
    if target.startswith(EXTERNAL):
        return None
    path = target.partition("#")[0]
    if guide.page(path) is None:
        return _("link to `{path}`: no such page in docs/", path=path) + suggest(path, (p.src for p in guide.pages))
    return None


def data_links(guide: Guide) -> list[Finding]:
    """Every internal link written in data/ names an existing page."""
    findings = []
    docs: list[YamlDoc] = [doc for items in guide.library.collections.values() for doc in items.values()]
    for doc in docs:
        if doc.file in guide.library.invalid:
            continue
        for path, target in _links(doc.data):
            problem = link_problem(guide, target)
            if problem:
                findings.append(Finding(doc.file, problem, line=doc.line(path)))
    return findings


#: A Markdown inline link or image to a local .md file: [text](path.md#anchor "title").
MD_LINK = re.compile(r"\]\(<?(?P<target>[^()\s<>]+?\.md)(?:#[^()\s>]*)?>?(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def page_links(guide: Guide) -> list[Finding]:
    """Markdown links between pages name existing pages (the build checks anchors too)."""
    sources = {p.src for p in guide.pages}
    findings = []
    for page in guide.pages:
        fenced = False
        for number, line in enumerate(page.body.splitlines(), start=page.body_line):
            if FENCE.match(line):
                fenced = not fenced
            if fenced:
                continue
            for match in MD_LINK.finditer(line):
                target = match.group("target")
                if target.startswith(EXTERNAL) or "://" in target:
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), target)).lstrip("/")
                if resolved not in sources:
                    message = _("link to `{path}`: no such page in docs/", path=target)
                    message += suggest(resolved, sources, listing=False)
                    findings.append(Finding(page.file, message, line=number))
    return findings


def step_icons(guide: Guide) -> list[Finding]:
    """The `icone` of each step names an icon the theme ships."""
    findings = []
    for page in guide.steps:
        name = page.meta.get("icone")
        problem = icon_problem(str(name)) if name else None
        if problem:
            findings.append(Finding(page.file, problem, line=page.lines.line(("icone",)) if page.lines else None))
    return findings


def diagnostics(guide: Guide) -> list[Finding]:
    """Rules of each self-diagnosis name existing questions, answers and steps."""
    from .diagnostic import check_rules

    items = guide.library.collections.get("diagnostics", {})
    return [
        f for ident, doc in items.items() if doc.file not in guide.library.invalid for f in check_rules(guide, ident)
    ]


def cross_checks(guide: Guide) -> list[Finding]:
    """Every check of references between pages, data, the theme and the nav."""
    from . import adapter

    nav = adapter.nav(guide.config)
    findings = page_sources(guide) + page_links(guide) + step_icons(guide) + nav_entries(guide, nav)
    if not any(f.level == "error" for f in guide.library.findings):
        findings += data_links(guide) + diagnostics(guide)
    return findings


def nav_entries(guide: Guide, nav: Any) -> list[Finding]:
    """Pages missing from the nav, and nav entries naming no page."""
    if not nav:
        return []
    named = _nav_sources(nav)
    findings = [
        Finding(p.file, _("page is not in the navigation (nav in mkdocs.yml)"))
        for p in guide.pages
        if p.src not in named
    ]
    sources = {p.src for p in guide.pages}
    for entry in sorted(named - sources):
        if not entry.startswith(EXTERNAL) and entry.endswith(".md"):
            findings.append(
                Finding("mkdocs.yml", "nav: " + _("no page `{path}` in docs/", path=entry) + suggest(entry, sources))
            )
    return findings


def _nav_sources(nav: Any) -> set[str]:
    """Every path named in the nav."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_sources(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_nav_sources(v) for v in nav.values())) if nav else set()
    return set()
