"""mkdocs-macros hooks: load the guide, check each page before rendering, add step navigation."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import adapter
from .assets import collect as collect_assets
from .assets import module_names
from .assets import write as write_assets
from .brief import insert_aliases, render_brief
from .dates import theme_dates
from .errors import ContentError, Finding
from .guide import Guide, load_guide
from .ids import check_site as duplicate_ids
from .ids import markdown_extension as reserved_ids
from .methode import write as write_method
from .output import start as start_output
from .palette import build as build_palette
from .perf import restore_page, skip_plain_page
from .registry import scripts
from .schemas import slugify
from .search import load_vocabulary
from .search import publish as publish_search
from .slots import Slots
from .steps import render_pager, render_progress
from .typography import fix_site, fix_text

GUIDE = "perennisation_guide"
PENDING = "perennisation_pending"
VOCABULARY = "perennisation_search_vocabulary"
ASSETS = "perennisation_assets"
OUTPUT = "perennisation_output"
SLOTS = "perennisation_slots"
H1 = re.compile(r"^#\s+.*$", re.MULTILINE)
# mkdocs-macros logs its set-up at INFO on every build; authors only need its warnings.
logging.getLogger("mkdocs.plugins.mkdocs_macros.util").setLevel(logging.WARNING)
LOG = logging.getLogger("mkdocs.plugins.perennisation")


def start(env: Any) -> Guide:
    """Load data and pages; stop the build on the first content error; set up the theme layer."""
    config = env.conf
    adapter.add_theme_dir(config, adapter.THEME)
    slots = Slots()  # components' HTML stays out of Markdown (slots.py)
    adapter.add_markdown_extension(config, reserved_ids(slots))  # headings never take a component's id
    guide = load_guide(config)
    vocabulary = load_vocabulary(adapter.project_dir(config))
    stop_on_errors(guide.findings + vocabulary.findings)
    setattr(env, GUIDE, guide)
    setattr(env, PENDING, None)
    setattr(env, VOCABULARY, vocabulary)
    # Typography, anchors, ids page by page; the search index before the search plugin writes its own.
    index = lambda entries: publish_search(config, guide.pages, vocabulary, guide.labels, entries)  # noqa: E731
    setattr(env, SLOTS, slots)
    setattr(env, OUTPUT, start_output(guide, config, index, slots))
    extra = adapter.extra(config)
    if adapter.language(config).startswith("fr"):  # labels reach the page through scripts too
        guide.library.labels = {key: fix_text(value) for key, value in guide.labels.items()}
    extra["pg_labels"] = guide.labels
    extra["pg_dates"] = theme_dates(guide.dates, guide.labels)  # "Mis à jour le …" (overrides/main.html)
    extra["pg_site"] = storage_id(config)
    assets = collect_assets(adapter.THEME)  # minified, fingerprinted: overrides/partials/pg-assets.html
    setattr(env, ASSETS, assets)
    extra["pg_assets"] = assets.manifest
    extra["pg_scripts"] = module_names(scripts(), assets)
    extra["pg_palette"] = build_palette(config).css  # brand colours, accessible (overrides/main.html)
    return guide


def storage_id(config: Any) -> str:
    """The key of readers' saved data: `extra.identifiant` (chosen once), else the site name's slug."""
    chosen = adapter.extra(config).get("identifiant")
    return slugify(str(chosen or adapter.site_name(config))) or "site"


def register(env: Any, guide: Guide, name: str, function: Callable[..., str]) -> None:
    """Expose function(guide, page_url, *args) to pages as macro `name`.

    A content error raised while rendering is kept and re-raised after the page, where MkDocs
    reports it as one line: mkdocs-macros would otherwise print a Python traceback.
    """

    def macro(*args: Any, **kwargs: Any) -> str:
        try:
            return embed(env, function(guide, env.page.url, *args, **kwargs))
        except ContentError as error:
            setattr(env, PENDING, getattr(env, PENDING) or error)
            return ""

    macro.__name__ = name
    macro.__doc__ = function.__doc__
    env.macro(macro, name)


def embed(env: Any, html: str) -> str:
    """What the Markdown of the page gets for a component's HTML: its slot (slots.py) or the HTML."""
    slots: Slots | None = getattr(env, SLOTS, None)
    return slots.put(html) if slots is not None else html


def stop_on_errors(findings: list[Finding]) -> None:
    """Report every error, one line each (the lines of `make check`), and stop the build."""
    errors = [f for f in findings if f.level == "error"]
    for finding in errors[:-1]:
        LOG.error(str(finding))
    if errors:
        raise ContentError(errors[-1])


def _page(env: Any) -> tuple[Guide, Any]:
    guide: Guide = getattr(env, GUIDE)
    return guide, guide.page(env.page.file.src_uri)


def on_pre_page_macros(env: Any) -> None:
    """Give workshop pages their workshop's title (pages were checked when the guide was loaded)."""
    guide, info = _page(env)
    if info is None or env.page.meta.get("render_macros") is False:
        return
    if info.type == "atelier" and not env.page.meta.get("title"):
        env.page.title = guide.item("ateliers", info.meta["atelier"])["titre"]
    skip_plain_page(env.page, env.markdown)


def on_post_page_macros(env: Any) -> None:
    """Re-raise a deferred content error; add progress and pager to step pages."""
    restore_page(env.page)
    pending = getattr(env, PENDING)
    if pending is not None:
        setattr(env, PENDING, None)
        guide, info = _page(env)
        finding = pending.finding
        if finding.file == "data" and info is not None:
            finding = Finding(info.file, finding.message, finding.line)
        raise ContentError(finding)
    guide, info = _page(env)
    if info is None or info.type != "etape":
        return
    progress = embed(env, render_progress(guide, info, env.page.url))
    brief = embed(env, render_brief(guide, info, env.page.url))
    # One pager: the steps'; a method of one step keeps Material's (the steps' would be an empty <nav>).
    pager = embed(env, render_pager(guide, info, env.page.url)) if len(guide.steps) > 1 else ""
    markdown = env.markdown
    heading = H1.search(markdown)
    cut = heading.end() if heading else 0
    env.markdown = f"{markdown[:cut]}\n{progress}\n{brief}\n{markdown[cut:]}\n\n{pager}\n"
    hide = list(env.page.meta.get("hide") or [])
    if pager:
        env.page.meta["hide"] = hide if "footer" in hide else [*hide, "footer"]


def on_post_build(env: Any) -> None:
    """Publish the method as data: methode.json and its JSON Schema."""
    site = adapter.site_dir(env.conf)
    write_assets(env.conf, getattr(env, ASSETS))
    if not getattr(env, OUTPUT).indexed:  # the search plugin's sections were not in memory: from its file
        publish_search(env.conf, getattr(env, GUIDE).pages, getattr(env, VOCABULARY), getattr(env, GUIDE).labels)
    output = getattr(env, OUTPUT)
    if output.active:  # each page was finished as it was written
        stop_on_errors(output.findings)  # a copied link lands on one element
    else:
        finish_html(getattr(env, GUIDE), site)
        stop_on_errors(duplicate_ids(site, getattr(env, GUIDE).pages))
    write_method(getattr(env, GUIDE), site)


def finish_html(guide: Guide, site: Path) -> None:
    """French typography in every built page in French, and the former anchors of pages kept."""
    aliases = {}
    for page in guide.pages:
        if isinstance(page.meta.get("ancres"), dict):
            file = page.url + "index.html" if page.url.endswith("/") or not page.url else page.url
            aliases[(site / file).resolve()] = page.meta["ancres"]

    def finish(path: Path, html: str) -> str:
        kept = aliases.get(path.resolve())
        return insert_aliases(html, kept) if kept else html

    fix_site(site, finish)
