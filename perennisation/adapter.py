"""The engine's only contact with the site generator.

Everything the engine reads from the generator's configuration, and every generator API it calls,
goes through this module, so that moving from MkDocs 1.x to ProperDocs (a drop-in continuation)
or to Zensical (which calls `define_env` but fires no MkDocs event hook and has no
`config_file_path`) means changing this file only. See docs/adr/0001-moteur-et-generateur.md.
"""

from __future__ import annotations

import os
import posixpath
import zlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

try:  # MkDocs 1.x and ProperDocs (which answers to the `mkdocs` import name)
    from mkdocs.exceptions import ConfigurationError as ConfigError
    from mkdocs.exceptions import PluginError as _GeneratorError
except ImportError:  # pragma: no cover - a generator without MkDocs' exceptions
    _GeneratorError = ConfigError = Exception  # type: ignore[misc,assignment]

PACKAGE = Path(__file__).resolve().parent
#: The engine's Material overrides: package data in a wheel, `overrides/` in a source checkout.
THEME = PACKAGE / "theme" if (PACKAGE / "theme").is_dir() else PACKAGE.parent / "overrides"
TEMPLATES = PACKAGE / "templates"
SCHEMAS = PACKAGE / "schemas"


def icons_dir() -> Path:
    """The icon set the theme ships (.icons of Material for MkDocs, or of Zensical's theme)."""
    import importlib.util

    for package in ("material", "zensical"):
        spec = importlib.util.find_spec(package)
        if spec and spec.origin:
            folder = Path(spec.origin).parent / "templates" / ".icons"
            if folder.is_dir():
                return folder
    return PACKAGE / "missing-icons"


class GeneratorError(_GeneratorError):
    """An error the generator reports as one line, without a traceback."""


@dataclass(frozen=True)
class PageSource:
    """A Markdown page as the generator will publish it."""

    src: str  # path from docs_dir, with forward slashes
    path: Path  # absolute path of the file
    url: str  # URL relative to the site root ('' for the home page, whatever the generator says)


def get(config: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """config[key] for MkDocs' config objects and plain dicts alike."""
    try:
        value = config[key]
    except (KeyError, TypeError):
        return default
    return default if value is None else value


def project_dir(config: Mapping[str, Any]) -> Path:
    """The folder of the configuration file (Zensical gives root_dir; else the parent of docs_dir, or the cwd)."""
    path = get(config, "config_file_path")
    if path:
        return Path(path).resolve().parent
    if get(config, "root_dir"):
        return Path(get(config, "root_dir")).resolve()
    docs = get(config, "docs_dir")
    return Path(docs).resolve().parent if docs else Path.cwd()


def docs_dir(config: Mapping[str, Any]) -> Path:
    """Absolute folder of the pages."""
    return (project_dir(config) / str(get(config, "docs_dir", "docs"))).resolve()


def site_dir(config: Mapping[str, Any]) -> Path:
    """Absolute folder of the built site."""
    return (project_dir(config) / str(get(config, "site_dir", "site"))).resolve()


def language(config: Mapping[str, Any]) -> str:
    """The site's language (theme.language), 'fr' when unset."""
    theme = get(config, "theme", {})
    return str(get(theme, "language", "fr") or "fr")


def extra(config: Mapping[str, Any]) -> MutableMapping[str, Any]:
    """The `extra` mapping (writable: the theme reads what the engine puts there)."""
    value = get(config, "extra")
    if value is None:
        value = {}
        try:
            config["extra"] = value  # type: ignore[index]
        except TypeError:
            pass
    return value


def site_name(config: Mapping[str, Any]) -> str:
    """The site's name."""
    return str(get(config, "site_name", ""))


def site_url(config: Mapping[str, Any]) -> str:
    """The published address, '' when unset."""
    return str(get(config, "site_url", "") or "")


def directory_urls(config: Mapping[str, Any]) -> bool:
    """True when pages are published as folder/ rather than folder.html."""
    return bool(get(config, "use_directory_urls", True))


def nav(config: Mapping[str, Any]) -> Any:
    """The nav setting as written (None when the generator builds it from the files)."""
    return get(config, "nav")


def palette(config: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """theme.palette as a list of entries (Material accepts one mapping or a list); [] when unset."""
    value = get(get(config, "theme", {}), "palette")
    entries = [value] if isinstance(value, Mapping) else list(value or [])
    return [entry for entry in entries if isinstance(entry, Mapping)]


def config_file(config: Mapping[str, Any]) -> Path | None:
    """The configuration file, when the generator names it (else mkdocs.yml of the project, if any)."""
    path = get(config, "config_file_path")
    found = Path(path).resolve() if path else project_dir(config) / "mkdocs.yml"
    return found if found.is_file() else None


@lru_cache(maxsize=8)
def _composed(path: str, mtime_ns: int) -> tuple[str, Any]:
    """Text and YAML node tree of a configuration file, composed once per version of the file."""
    import yaml

    text = Path(path).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: many times faster
    try:
        return text, yaml.compose(text, Loader=loader)  # tags such as !!python/name stay unresolved
    except yaml.YAMLError:
        return text, None


def setting_source(config: Mapping[str, Any], path: tuple[str | int, ...]) -> tuple[str, int | None, str]:
    """(file name, 1-based line, text of that line) where a setting is written in the configuration file.

    A setting left out points at its closest written parent; nothing written gives line None."""
    file = config_file(config)
    if file is None:
        return "mkdocs.yml", None, ""
    import yaml

    text, node = _composed(str(file), file.stat().st_mtime_ns)
    if node is None:
        return file.name, None, ""
    line = None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == key), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return file.name, line, text.splitlines()[line - 1] if line else ""


def add_theme_dir(config: Mapping[str, Any], folder: Path) -> None:
    """Put the engine's theme folder after the site's custom_dir and before Material's templates."""
    theme = get(config, "theme")
    dirs = getattr(theme, "dirs", None)
    if dirs is None or str(folder) in dirs:
        return
    custom = get(theme, "custom_dir")
    position = 1 if custom and dirs and Path(dirs[0]).resolve() == (project_dir(config) / custom).resolve() else 0
    dirs.insert(position, str(folder))


class _Compressed(bytes):
    """A page's HTML, compressed while it waits to be written."""


class _PageOutput:
    """A minimal MkDocs plugin: every page and theme template the generator writes goes through a handler."""

    def __init__(
        self,
        handler: Callable[[str, str | None], str],
        index: Callable[[list[Any]], Any] | None,
        pack: Callable[[Any], None] | None,
        content: Callable[[str], tuple[str, set[str]]] | None,
    ) -> None:
        self.handler = handler
        self.content = content
        self.index = index
        self.pack = pack
        self.packed = 0  # search sections already packed
        self.converted: Any = None  # the last page converted, whose HTML is compressed when the next one starts

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """The page is converted: content(html) gives its final HTML and the anchors it adds, which links
        may point to. Its Markdown is not needed any more: MkDocs would keep every page's until the end
        of the build.
        """
        if self.content is not None:
            html, anchors = self.content(html)
            if anchors and isinstance(page.present_anchor_ids, set):
                page.present_anchor_ids = page.present_anchor_ids | anchors
        page.markdown = ""
        self.converted = page
        return html

    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        """The previous page's HTML is kept compressed until that page is written.

        MkDocs converts every page before writing any: on a large playbook, all the pages' HTML at
        once would be the build's peak of memory.
        """
        self._compress()
        return page

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Every page is converted: the last one's HTML is compressed too. The theme's compiled
        templates are kept for the next build (bytecode.py)."""
        from .bytecode import attach

        self._compress()
        attach(env)
        return env

    on_env.mkdocs_priority = 100  # type: ignore[attr-defined]

    def _compress(self) -> None:
        page, self.converted = self.converted, None
        if page is not None and isinstance(page.content, str):
            page.content = _Compressed(zlib.compress(page.content.encode("utf-8"), 1))

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """The page is about to be written: its HTML comes back, for the theme and the other plugins."""
        if isinstance(page.content, _Compressed):
            page.content = zlib.decompress(page.content).decode("utf-8")
        return context

    on_page_context.mkdocs_priority = 100  # type: ignore[attr-defined]  # before any other plugin reads it

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """A page's HTML, before MkDocs writes it; its converted content is not needed any more.

        The search plugin has indexed the page: its new sections are packed as the engine needs them.
        """
        entries = search_entries(config) if self.pack is not None and self.index is not None else None
        if entries is not None:
            for entry in entries[self.packed :]:
                self.pack(entry)  # type: ignore[misc]
            self.packed = len(entries)
        page.content = ""  # MkDocs would keep every page's HTML until the end of the build
        return self.handler(output, page.file.src_uri)

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        """A theme template's output (404.html, sitemap.xml…), before MkDocs writes it."""
        return self.handler(output_content, None)

    def on_post_build(self, config: Any) -> None:
        """The engine's search index from the search plugin's sections, which are then left out of its own."""
        entries = search_entries(config)
        if self.index is not None and entries is not None:
            self.index(entries)
            entries.clear()

    on_post_build.mkdocs_priority = 40  # type: ignore[attr-defined]  # before the search plugin (0) writes


def on_page_output(
    config: Mapping[str, Any],
    handler: Callable[[str, str | None], str],
    index: Callable[[list[Any]], Any] | None = None,
    pack: Callable[[Any], None] | None = None,
    content: Callable[[str], tuple[str, set[str]]] | None = None,
) -> bool:
    """Have handler(html, src or None) rewrite each page as it is written, in memory (no re-read of the site);
    pack(section) is called on each section the search plugin indexes, and at the end of the build
    index(sections) receives them all before that plugin writes its own index. content(html) finishes
    each page's converted HTML, and returns it with the anchor ids it added.

    Returns False when the generator offers no such event (Zensical): the caller then reworks the
    built files after the build.
    """
    plugins = get(config, "plugins")
    if not hasattr(plugins, "events") or not isinstance(plugins, MutableMapping):
        return False
    plugins["perennisation/output"] = _PageOutput(handler, index, pack, content)  # MkDocs registers its on_* events
    return True


def add_markdown_extension(config: Mapping[str, Any], extension: Any) -> None:
    """Add a Markdown extension instance to the site's (the engine's own, not the authors'), replacing
    the one of the same type a previous build of the same configuration added."""
    extensions = get(config, "markdown_extensions")
    if isinstance(extensions, list):
        extensions[:] = [e for e in extensions if type(e) is not type(extension)] + [extension]


def search_entries(config: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The sections the search plugin indexed in this build (location, title, text), if it kept them."""
    index = getattr(search_plugin(config), "search_index", None)
    entries = getattr(index, "entries", None)
    return entries if isinstance(entries, list) else None


def search_plugin(config: Mapping[str, Any]) -> Any:
    """The configured search plugin, if any."""
    plugins = get(config, "plugins", {})
    getter = getattr(plugins, "get", None)
    if getter is None:
        return None
    return getter("material/search") or getter("search")


def _url_of(src: str, directory: bool) -> str:
    stem, _ = posixpath.splitext(src)
    name = posixpath.basename(stem)
    if name in ("index", "README"):
        parent = posixpath.dirname(stem)
        return (
            f"{parent}/"
            if parent and directory
            else (f"{parent}/index.html" if parent else ("" if directory else "index.html"))
        )
    return f"{stem}/" if directory else f"{stem}.html"


def documentation_pages(config: Mapping[str, Any]) -> Iterator[PageSource]:
    """Every published Markdown page, with the URL the generator gives it."""
    collect: Any = None
    try:
        from mkdocs.structure.files import get_files as collect
    except ImportError:  # pragma: no cover - generators without MkDocs' file collection
        pass
    if collect is not None and hasattr(config, "plugins"):
        for f in collect(config).documentation_pages():
            yield PageSource(f.src_uri, Path(f.abs_src_path or ""), "" if f.url == "./" else f.url)
        return
    root = docs_dir(config)  # plain walk: honours the `_` and `.` private prefixes
    for path in sorted(root.rglob("*.md")):
        parts = path.relative_to(root).parts
        if any(part.startswith(("_", ".")) for part in parts):
            continue
        src = "/".join(parts)
        yield PageSource(src, path, _url_of(src, directory_urls(config)))


def relative_url(url: str, other: str) -> str:
    """The URL of `url` seen from the page at `other` (both relative to the site root)."""
    try:
        from mkdocs.utils import get_relative_url
    except ImportError:  # pragma: no cover
        base = other if other.endswith("/") or not other else posixpath.dirname(other) + "/"
        relative = posixpath.relpath(url or ".", base.rstrip("/") or ".")
        return relative + ("/" if url.endswith("/") and relative != "." else "")
    return get_relative_url(url or "./", other or "./")


#: The documented switches of the MkDocs 2.0 notices Material and ProperDocs print on every run: the one
#: place Python code takes them from (the Makefile exports the same two for make's commands).
QUIET = {"NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true"}


def quiet_notices() -> None:
    """Hide the MkDocs 2.0 notices in this process."""
    for name, value in QUIET.items():
        os.environ.setdefault(name, value)


def quiet_env() -> dict[str, str]:
    """This process's environment, for a generator run in a subprocess, without the notices."""
    return {**os.environ, **QUIET, "PYTHONDONTWRITEBYTECODE": "1"}


def load_config(config_file: str) -> Any:
    """The validated configuration of a project, as the generator sees it."""
    from mkdocs.config import load_config as load

    return load(config_file)
