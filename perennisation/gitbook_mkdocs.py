"""mkdocs.yml for an imported section: read its settings, and edit its text in place.

The file is edited as text so that everything else in it stays byte-identical, comments included.
What the importer adds sits between marker comments (`# >>> gitbook-import nav <section>` …
`# <<< gitbook-import nav <section>`), so a new import of the same section replaces it. The result
is parsed again before it is written: if it does not say what was meant, nothing is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .gitbook_source import dump_yaml, load_yaml

REPORT = "_import-report.md"
BEGIN, END = "# >>> gitbook-import", "# <<< gitbook-import"
KEY = re.compile(r"^(?P<key>[\w-]+):(?P<value>[ \t]*(?:[^#\s][^#]*?)?)[ \t]*(?P<comment>#.*)?$")
ITEM_KEY = re.compile(r"^(?P<indent>[ \t]*)- (?P<name>[\w.-]+)(?P<colon>:?)[ \t]*(?P<comment>#.*)?$")
MAPS = re.compile(r"^(?P<indent>[ \t]+)redirect_maps:(?P<value>[ \t]*[^#\n]*?)[ \t]*(?P<comment>#.*)?$")


class EditError(Exception):
    """mkdocs.yml cannot be edited safely: the message says what to do by hand."""


@dataclass
class Project:
    """The settings of mkdocs.yml that the importer needs."""

    path: Path
    text: str
    config: dict[str, Any]
    docs_dir: Path
    directory_urls: bool = True
    toc: dict[str, Any] = field(default_factory=dict)

    def extension_names(self) -> set[str]:
        """Names of the Markdown extensions the project enables."""
        return {_extension_name(e) for e in self.config.get("markdown_extensions") or []}


def _extension_name(item: Any) -> str:
    """Name of a `markdown_extensions` item (a string or a one-key mapping)."""
    return str(next(iter(item))) if isinstance(item, dict) and item else str(item)


def _env(loader: Any, node: Any) -> Any:
    """`!ENV NAME` or `!ENV [NAME, …, default]`: the first variable set, else the default (as MkDocs reads it)."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


@cache
def _loader() -> Any:
    """MkDocs' reading of YAML (`!ENV`, `!relative`, `!!python/name:` …), on libyaml when present."""
    loader: Any = type("Loader", (getattr(yaml, "CLoader", yaml.Loader),), {})
    loader.add_constructor("!ENV", _env)
    loader.add_constructor("!relative", lambda load, node: ("!relative", load.construct_scalar(node)))
    return loader


def parse(text: str) -> dict[str, Any]:
    """mkdocs.yml parsed as MkDocs does."""
    loaded = yaml.load(text, Loader=_loader())  # noqa: S506 - the project's own file, read as MkDocs reads it
    return loaded if isinstance(loaded, dict) else {}


def load_project(path: Path) -> Project:
    """Read mkdocs.yml."""
    text = path.read_text(encoding="utf-8")
    config = parse(text)
    toc: dict[str, Any] = {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict) and _extension_name(item) == "toc":
            toc = dict(item["toc"] or {})
    docs = (path.parent / str(config.get("docs_dir") or "docs")).resolve()
    return Project(path, text, config, docs, bool(config.get("use_directory_urls", True)), toc)


def _indent(line: str) -> int:
    """Number of leading spaces."""
    return len(line) - len(line.lstrip(" "))


def _is_marker(line: str) -> bool:
    """Whether a line is one of the importer's marker comments."""
    return line.strip().startswith((BEGIN, END))


def block_end(lines: list[str], start: int, indent: int, item: bool = False) -> int:
    """Index after the last line of the block opened at line start (its key or dash at column indent)."""
    end, i = start + 1, start + 1
    while i < len(lines):
        line, stripped = lines[i], lines[i].strip()
        if stripped and (not stripped.startswith("#") or _is_marker(line) or _indent(line) > indent):
            deeper = _indent(line) > indent
            dash = not item and _indent(line) == indent and (stripped.startswith("- ") or _is_marker(line))
            if not (deeper or dash):
                break
            end = i + 1
        i += 1
    return end


def find_key(lines: list[str], key: str) -> int | None:
    """Line index of a top-level key."""
    return next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)


def remove_block(lines: list[str], name: str) -> list[str]:
    """The lines without the importer's marker block called name."""
    out, skipping = [], False
    for line in lines:
        stripped = line.strip()
        if stripped == f"{BEGIN} {name}":
            skipping = True
        elif skipping and stripped == f"{END} {name}":
            skipping = False
        elif not skipping:
            out.append(line)
    return out


def block(name: str, indent: str, body: list[str]) -> list[str]:
    """A marker block of YAML lines, every line indented."""
    return [f"{indent}{BEGIN} {name}", *(indent + line for line in body), f"{indent}{END} {name}"]


def dump(value: Any) -> list[str]:
    """YAML lines of a value, block style, Unicode kept."""
    text = dump_yaml(value, default_flow_style=False, width=1000)
    return text.rstrip("\n").split("\n")


def _sequence(lines: list[str], key: str) -> tuple[int, int, str]:
    """(key line, end of its block, indentation of its items) of a top-level block sequence."""
    start = find_key(lines, key)
    if start is None:
        raise KeyError(key)
    match = KEY.match(lines[start])
    if match and match.group("value").strip():
        raise EditError(f"`{key}:` is written inline in mkdocs.yml: write it as a block list to import")
    end = block_end(lines, start, 0)
    first = next((line for line in lines[start + 1 : end] if line.strip().startswith("- ")), "  - ")
    return start, end, " " * _indent(first)


def set_nav(lines: list[str], section: str, entry: dict[str, Any]) -> list[str]:
    """The nav with the section's entry (replacing a previous import of the section)."""
    lines = remove_block(lines, f"nav {section}")
    try:
        _, end, indent = _sequence(lines, "nav")
    except KeyError:
        return lines  # no nav: MkDocs lists every page by itself
    return lines[:end] + block(f"nav {section}", indent, dump([entry])) + lines[end:]


def _plugins_item(lines: list[str], name: str) -> tuple[int, int, int] | None:
    """(line, end, dash column) of an item of the top-level `plugins:` list."""
    start = find_key(lines, "plugins")
    if start is None:
        raise EditError("mkdocs.yml has no `plugins:`: add `- redirects` to it, then import again")
    end = block_end(lines, start, 0)
    for i in range(start + 1, end):
        match = ITEM_KEY.match(lines[i])
        if match and match.group("name") == name:
            return i, block_end(lines, i, len(match.group("indent")), item=True), len(match.group("indent"))
    return None


def _redirects_item(lines: list[str]) -> tuple[list[str], int, int, str]:
    """(lines, line of the `- redirects:` plugin item, its end, indentation of its keys), adding it if missing."""
    found = _plugins_item(lines, "redirects")
    if found is None:
        start = find_key(lines, "plugins")
        assert start is not None
        end = block_end(lines, start, 0)
        dash = next((_indent(x) for x in lines[start + 1 : end] if x.strip().startswith("- ")), 2)
        lines = lines[:end] + [" " * dash + "- redirects:"] + lines[end:]
        found = _plugins_item(lines, "redirects")
        assert found is not None
    item, item_end, dash = found
    match = ITEM_KEY.match(lines[item])
    if match and not match.group("colon"):
        comment = f" {match.group('comment')}" if match.group("comment") else ""
        lines[item] = f"{' ' * dash}- redirects:{comment}"
    child = next((x for x in lines[item + 1 : item_end] if x.strip() and not x.strip().startswith("#")), "")
    return lines, item, item_end, " " * (_indent(child) if child else dash + 4)


def _redirect_maps(lines: list[str]) -> tuple[list[str], int, str]:
    """(lines, index after the `redirect_maps:` block, indentation of its keys), adding what is missing."""
    lines, item, item_end, indent = _redirects_item(lines)
    index = next((i for i in range(item + 1, item_end) if MAPS.match(lines[i])), None)
    if index is None:
        index = item_end
        lines = lines[:index] + [indent + "redirect_maps:"] + lines[index:]
    maps = MAPS.match(lines[index])
    assert maps is not None
    value, comment = maps.group("value").strip(), maps.group("comment")
    if value not in ("", "{}"):
        raise EditError("`redirect_maps` is written inline in mkdocs.yml: write it as a block mapping to import")
    if value:
        lines[index] = f"{maps.group('indent')}redirect_maps:" + (f" {comment}" if comment else "")
    width = len(maps.group("indent"))
    end = block_end(lines, index, width, item=True)
    keys = next((x for x in lines[index + 1 : end] if x.strip() and not x.strip().startswith("#")), "")
    return lines, end, " " * (_indent(keys) if keys else width + 2)


def set_redirects(lines: list[str], section: str, maps: dict[str, str]) -> list[str]:
    """The redirect map with the section's redirects (replacing a previous import of the section)."""
    lines = remove_block(lines, f"redirects {section}")
    if not maps:
        return lines
    lines, end, indent = _redirect_maps(lines)
    return lines[:end] + block(f"redirects {section}", indent, dump(maps)) + lines[end:]


def set_exclude(lines: list[str]) -> list[str]:
    """`exclude_docs` with the import reports (never published)."""
    start = find_key(lines, "exclude_docs")
    if start is None:
        return [
            *lines,
            "",
            "# Reports of the GitBook importer: for the authors, not published.",
            "exclude_docs: |",
            f"  {REPORT}",
        ]
    if not re.match(r"exclude_docs:[ \t]*\|[-+]?[ \t]*(#.*)?$", lines[start]):
        raise EditError(f"`exclude_docs` is not a `|` block in mkdocs.yml: add the line `{REPORT}` to it")
    end = block_end(lines, start, 0)
    content = [x for x in lines[start + 1 : end] if x.strip()]
    if any(x.strip() == REPORT for x in content):
        return lines
    indent = " " * (_indent(content[0]) if content else 2)
    return lines[:end] + [indent + REPORT] + lines[end:]


def set_extensions(lines: list[str], needed: list[Any]) -> list[str]:
    """`markdown_extensions` with the extensions imported pages need (one shared marker block)."""
    name = "markdown_extensions"
    previous = _block_items(lines, name)
    lines = remove_block(lines, name)
    present = {_extension_name(e) for e in parse("\n".join(lines)).get("markdown_extensions") or []}
    wanted = {_extension_name(e): e for e in [*previous, *needed] if _extension_name(e) not in present}
    if not wanted:
        return lines
    try:
        _, end, indent = _sequence(lines, name)
    except KeyError:
        lines, end, indent = [*lines, "", f"{name}:"], len(lines) + 2, "  "
    return lines[:end] + block(name, indent, dump(list(wanted.values()))) + lines[end:]


def _block_items(lines: list[str], name: str) -> list[Any]:
    """The YAML items inside the importer's marker block called name."""
    inside = False
    body = []
    for line in lines:
        if line.strip() == f"{BEGIN} {name}":
            inside = True
        elif line.strip() == f"{END} {name}":
            inside = False
        elif inside:
            body.append(line)
    margin = min((_indent(x) for x in body if x.strip()), default=0)
    loaded = load_yaml("\n".join(x[margin:] for x in body)) if body else []
    return loaded if isinstance(loaded, list) else []


def edit(
    project: Project, section: str, entry: dict[str, Any] | None, maps: dict[str, str], extensions: list[Any]
) -> str:
    """New text of mkdocs.yml; raises EditError when the result would not be what was meant."""
    lines = project.text.split("\n")
    trailing = lines[-1] == ""
    lines = lines[:-1] if trailing else lines
    lines = set_nav(lines, section, entry) if entry else remove_block(lines, f"nav {section}")
    lines = set_redirects(lines, section, maps)
    lines = set_exclude(lines)
    lines = set_extensions(lines, extensions)
    text = "\n".join(lines) + ("\n" if trailing else "")
    check(text, project, entry, maps)
    return text


def check(text: str, project: Project, entry: dict[str, Any] | None, maps: dict[str, str]) -> None:
    """Parse the edited text and make sure it says what was meant."""
    try:
        config = parse(text)
    except yaml.YAMLError as error:
        raise EditError(f"the edited mkdocs.yml would not be valid YAML ({str(error).splitlines()[0]})") from error
    if entry and "nav" in project.config and entry not in (config.get("nav") or []):
        raise EditError("the section could not be added to `nav:` of mkdocs.yml")
    plugins = config.get("plugins") or []
    redirects = next((p["redirects"] for p in plugins if isinstance(p, dict) and "redirects" in p), None) or {}
    found = redirects.get("redirect_maps") or {}
    if any(found.get(k) != v for k, v in maps.items()):
        raise EditError("the redirects could not be added to `redirect_maps` of mkdocs.yml")
    for key, value in project.config.items():
        if key not in ("nav", "plugins", "exclude_docs", "markdown_extensions") and config.get(key) != value:
            raise EditError(f"editing mkdocs.yml would change `{key}`")
