"""What the preview server (preview.py) keeps from one rebuild to the next, and the rule to reuse it.

Every rebuild is a complete MkDocs build: every page is read, its macros rendered, the menu built.
Work whose result cannot have changed is then reused, each piece keyed by everything it depends on:

* Markdown conversion: by the page's Markdown after the macros, the set of files (links) and the
  shared sources (mkdocs.yml, docs/_includes: snippets, glossary). Editing a page converts that
  page; editing a data file converts the pages that show that data, because their Markdown changed;
* the search plugin's entries of a page: by its HTML, table of contents, title and search settings;
* writing a page (theme template, typography): skipped when the page, its neighbours, the whole
  menu, the configuration's `extra` and the files are all as in the previous rebuild; its file
  from that rebuild is then still right. Anything else rebuilds every page, as `mkdocs build` does;
* the theme's compiled templates and its list of files.

Like adapter.py, this module is tied to MkDocs (plugin events, Page and File objects).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import adapter


def digest(*parts: object) -> str:
    """A short stable fingerprint of values (their repr)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


class MemoryBytecodeCache:
    """Jinja's compiled templates kept in memory; Jinja checks each against its template's source."""

    def __init__(self) -> None:
        from jinja2 import BytecodeCache

        class _Cache(BytecodeCache):
            def __init__(self) -> None:
                self.store: dict[str, bytes] = {}

            def load_bytecode(self, bucket: Any) -> None:
                data = self.store.get(bucket.key)
                if data is not None:
                    bucket.bytecode_from_string(data)

            def dump_bytecode(self, bucket: Any) -> None:
                self.store[bucket.key] = bucket.bytecode_to_string()

        self.cache = _Cache()


@dataclass
class Rendered:
    """What Page.render() leaves on a page, as a value independent of this build's objects."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # target file's src_uri -> {anchor: original link}


@dataclass
class Session:
    """The caches of one preview server, and what its last successful rebuild looked like."""

    config_file: str
    pages: dict[tuple[str, str, str], Rendered] = field(default_factory=dict)
    entries: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)
    templates: dict[tuple[Any, ...], list[str]] = field(default_factory=dict)
    bytecode: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    written: dict[str, str] = field(default_factory=dict)  # page src -> state of its last written HTML
    layout: str = ""  # menu, extra and files of the last successful rebuild
    files: str = ""  # the set of files and shared sources of the last successful rebuild
    converted: int = 0
    reused: int = 0
    rewritten: int = 0

    def shared(self, config: Any) -> str:
        """What every page's HTML depends on besides its Markdown: configuration and snippets."""
        parts = []
        for path in sorted(_shared_sources(config)):
            stat = path.stat()
            parts.append((str(path), stat.st_mtime_ns, stat.st_size))
        return digest(parts)

    def file_set(self, config: Any) -> str:
        """The published files (a new or removed file changes links and menus) with the shared sources."""
        docs = Path(config.docs_dir)
        names = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
        return digest(names, self.shared(config))


def _shared_sources(config: Any) -> list[Path]:
    """mkdocs.yml (and the file it inherits) and the unpublished files of docs/ (snippets, glossary)."""
    found = [Path(config.config_file_path)]
    inherit = Path(config.config_file_path).parent / "mkdocs.yml"
    if inherit.is_file() and inherit not in found:
        found.append(inherit)
    docs = Path(config.docs_dir)
    for path in docs.rglob("*"):
        parts = path.relative_to(docs).parts
        if path.is_file() and any(part.startswith(("_", ".")) for part in parts[:-1]):
            found.append(path)
    return found


def _links_by_source(links: dict[Any, dict[str, str]] | None) -> dict[str, dict[str, str]] | None:
    return None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()}


def _links_from_source(links: dict[str, dict[str, str]] | None, files: Any) -> dict[Any, dict[str, str]] | None:
    if links is None:
        return None
    found = {}
    for src, anchors in links.items():
        target = files.get_file_from_path(src)
        if target is not None:
            found[target] = dict(anchors)
    return found


def _neighbour(page: Any) -> tuple[str, str] | None:
    return (page.url, str(page.title)) if page is not None else None


def page_state(page: Any) -> str:
    """Everything of a page its written HTML depends on, besides the menu and the configuration."""
    return digest(
        page.url,
        str(page.title),
        page.content,
        [str(item) for item in page.toc],
        json.dumps(page.meta, sort_keys=True, default=str),
        _neighbour(page.previous_page),
        _neighbour(page.next_page),
        page.update_date,
        page.edit_url,
        page.canonical_url,
        [(a.title, getattr(a, "url", None)) for a in page.ancestors],
    )


def layout_state(nav: Any, config: Any, files: str) -> str:
    """The menu (every item's title and address, every page's front matter), `extra` and the file set."""
    items = []

    def walk(entries: Any, depth: int) -> None:
        for item in entries:
            meta = json.dumps(getattr(item, "meta", None) or {}, sort_keys=True, default=str)
            items.append((depth, type(item).__name__, str(item.title), getattr(item, "url", None), meta))
            walk(getattr(item, "children", None) or [], depth + 1)

    walk(nav.items, 0)
    extra = json.dumps(dict(adapter.extra(config)), sort_keys=True, default=str)
    return digest(items, extra, files)


class PreviewPlugin:
    """The plugin events that put the session's caches in place for one rebuild."""

    def __init__(self, session: Session, config: Any, incremental: bool) -> None:
        self.session = session
        self.shared = session.shared(config)
        self.files = session.file_set(config)
        self.incremental = incremental  # MkDocs builds in `dirty` mode: only pages marked modified are written
        self.write: set[str] | None = None  # pages to write (None: all), decided once every page is read
        self.order: list[str] = []
        self.states: dict[str, str] = {}
        self.nav: Any = None
        self.layout = ""

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        """Keep the menu: its titles are known once the pages are read (on_env)."""
        self.nav = nav
        return nav

    def on_files(self, files: Any, config: Any) -> Any:
        """Pages are all read; which ones are written is decided later (on_env)."""
        for file in files.documentation_pages():
            file.is_modified = lambda src=file.src_uri: self.write is None or src in self.write
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Convert this page's Markdown again only when it, the files or the shared sources changed."""
        key = (page.file.src_uri, digest(markdown), self.files)
        original = page.render

        def render(config: Any, files: Any) -> None:
            kept = self.session.pages.get(key)
            if kept is None:
                original(config, files)
                self.session.pages[key] = Rendered(
                    page.content,
                    page.toc,
                    page._title_from_render,
                    page.present_anchor_ids,
                    _links_by_source(page.links_to_anchors),
                )
                self.session.converted += 1
                return
            page.content, page.toc, page._title_from_render = kept.content, kept.toc, kept.title
            page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
            page.links_to_anchors = _links_from_source(kept.links, files)
            self.session.reused += 1

        page.render = render
        return markdown

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Every page is read: decide which ones to write; reuse the search entries of unchanged pages."""
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        self.order = [page.url for page in pages]
        self.states = {page.file.src_uri: page_state(page) for page in pages}
        layout = layout_state(self.nav, config, self.files)
        self.layout = layout
        if self.incremental and layout == self.session.layout:
            self.write = {src for src, state in self.states.items() if self.session.written.get(src) != state}
        search = adapter.search_plugin(config)
        index = getattr(search, "search_index", None)
        if index is not None:
            original = index.add_entry_from_context
            index.add_entry_from_context = lambda page: self._index(index, original, page)
        return env

    def on_post_build(self, config: Any) -> None:
        """Pages not written this time keep their search entries; remember what was written."""
        search = adapter.search_plugin(config)
        index = getattr(search, "search_index", None)
        if index is not None and self.write is not None:
            index.entries = [dict(entry) for url in self.order for entry in self.session.entries.get(url, ("", []))[1]]
        self.session.rewritten = len(self.states) if self.write is None else len(self.write)
        self.session.written = dict(self.states)
        self.session.layout = self.layout
        self.session.files = self.files

    on_post_build.mkdocs_priority = 50  # type: ignore[attr-defined]  # before the search plugin writes its index

    def _index(self, index: Any, original: Any, page: Any) -> None:
        """The search plugin's entries for one page, from the session when the page is unchanged."""
        state = digest(
            page.title, page.content, [str(t) for t in page.toc], page.meta.get("search"), page.meta.get("tags")
        )
        kept = self.session.entries.get(page.url)
        if kept is not None and kept[0] == state:
            index.entries.extend(dict(entry) for entry in kept[1])
            return
        before = len(index.entries)
        original(page)
        self.session.entries[page.url] = (state, [dict(entry) for entry in index.entries[before:]])


def theme_env(session: Session, theme: Any, shared: str) -> None:
    """The theme's Jinja environments share compiled templates and the list of theme files.

    The list (thousands of icons, filtered by name) depends on the theme folders and, through the
    filter MkDocs passes, on the configuration: `shared` changes with mkdocs.yml.
    """
    original = theme.get_env

    def get_env() -> Any:
        env = original()
        env.bytecode_cache = session.bytecode.cache
        listing = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            code = getattr(filter_func, "__code__", filter_func)
            key = (*theme.dirs, repr(extensions), repr(code), shared)
            if key not in session.templates:
                session.templates[key] = listing(extensions=extensions, filter_func=filter_func)
            return list(session.templates[key])

        env.list_templates = list_templates
        return env

    theme.get_env = get_env
