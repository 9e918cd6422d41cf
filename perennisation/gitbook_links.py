"""Links resolved as GitBook resolves them, and anchors mapped to the ids the build generates.

GitBook accepts relative and root-absolute paths, with or without `.md`, a folder for its README,
URL-encoded or in angle brackets; it writes `broken-reference` and `/broken/…` for links it lost.
Heading ids are computed by Python-Markdown's toc extension, configured as in mkdocs.yml.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import markdown
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique as toc_unique

from .gitbook_convert import EXTERNAL

BROKEN = re.compile(r"^(?:broken-reference|/?broken/)", re.IGNORECASE)
ASSETS = ".gitbook/assets/"
PAGE_SUFFIXES = (".md", ".markdown", ".txt")
HEADING = re.compile(r"^[ \t]*#{1,6}(?!#)")
FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")
HTML_HEADING = re.compile(r"<h[1-6][^>]*?\sid=\"([^\"]*)\"[^>]*>(.*?)</h[1-6]>", re.DOTALL)
DUPLICATE = re.compile(r"(.+?)[-_](\d+)")
RAW_ID = re.compile(r"<[a-z][\w-]*\s[^>]*?\bid=\"([^\"]+)\"", re.IGNORECASE)
EXPLICIT_ID = re.compile(r"^(#{1,6}[ \t].*?)[ \t]*\{ #([^\s}]+) \}[ \t]*$", re.MULTILINE)
PLAIN_HEADING = re.compile(r"#{1,6}[ \t]*([^*_`\[\]<>&\\{}\x02]*)")
LEVEL_2_3 = re.compile(r"#{2,3}[ \t]")
SAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: Names of the toc extension's options that shape heading ids.
ID_OPTIONS = ("slugify", "separator")


@dataclass(frozen=True)
class Target:
    """What a link points to: external, page, asset or broken (with the reason)."""

    kind: str
    path: str = ""
    anchor: str | None = None  # None: the link has no fragment
    reason: str = ""


def normal(path: str | Path) -> str:
    """Absolute normalised path text (symlinks are not followed)."""
    return os.path.normpath(os.path.abspath(path))


def split(url: str) -> tuple[str, str | None]:
    """(path, fragment or None) of a URL, its query dropped and its angle brackets removed."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    path, hash_, anchor = url.partition("#")
    return path.partition("?")[0], anchor if hash_ else None


class Resolver:
    """Where the links of a whole import lead: pages by source path, files inside the sources."""

    def __init__(self, pages: dict[str, Path], folders: list[Path]) -> None:
        """Prepare from the given settings."""
        self.pages = pages
        self.folders = [normal(f) for f in folders]

    def _allowed(self, path: str) -> bool:
        """Whether a file lies inside one of the imported folders."""
        return any(path == f or path.startswith(f + os.sep) for f in self.folders)

    def _page(self, path: str) -> str | None:
        """The page a path names as GitBook reads it: the file, `path.md`, or the folder's README."""
        for candidate in (path, path + ".md", os.path.join(path, "README.md"), os.path.join(path, "readme.md")):
            if candidate in self.pages:
                return candidate
        return None

    def locate(self, url: str, base: str, root: str) -> Target:
        """Resolve a link written in a file of folder base, in a space rooted at root."""
        if BROKEN.match(url.strip().strip("<")):
            return Target("broken", reason="GitBook marks it as a broken reference")
        if EXTERNAL.match(url.strip().strip("<")):
            return Target("external")
        raw, anchor = split(url)
        if not raw:
            return Target("page", "", anchor)
        text = unquote(raw)
        start = root if text.startswith("/") else base
        for form in dict.fromkeys((unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text))):
            path = normal(os.path.join(start, form.lstrip("/")))
            page = self._page(path)
            if page:
                return Target("page", page, anchor)
            for file in (path, *self._asset_fallback(form, root)):
                if os.path.isfile(file) and self._allowed(file):
                    if file.lower().endswith(PAGE_SUFFIXES):
                        return Target("broken", reason="page not part of the imported space")
                    return Target("asset", file, anchor)
        return Target("broken", reason="missing from the source")

    @staticmethod
    def _asset_fallback(text: str, root: str) -> list[str]:
        """GitBook's assets folder, whatever the number of `../` written before it."""
        if ASSETS not in text:
            return []
        return [normal(os.path.join(root, ASSETS, text.split(ASSETS, 1)[1]))]


def safe_name(name: str) -> str:
    """A file name with only ASCII letters, digits, dots, dashes and underscores."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem, suffix = name, ""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = SAFE.sub("-", folded).strip("-._") or "fichier"
    suffix = SAFE.sub("", suffix).lower()
    return f"{stem}.{suffix}" if suffix else stem


def page_url(rel: str, directory_urls: bool) -> str:
    """URL (relative to the site root) of an output file, as MkDocs publishes it."""
    if not rel.endswith(".md"):
        return rel
    stem = rel[:-3]
    if posixpath.basename(stem) == "index":
        return stem[:-5] if directory_urls else stem + ".html"
    return stem + "/" if directory_urls else stem + ".html"


def relative_url(source: str, target: str, directory_urls: bool) -> str:
    """URL of output file target written in a raw HTML link of output page source."""
    here, there = page_url(source, directory_urls), page_url(target, directory_urls)
    start = here if here.endswith("/") or not here else posixpath.dirname(here)
    rel = posixpath.relpath(there or ".", start or ".")
    return quote(rel + ("/" if there.endswith("/") and rel != "." else "") if rel != "." else "./")


def markdown_href(source: Path, target: Path) -> str:
    """Relative Markdown link from output page source to output file target (`<…>` around spaces)."""
    rel = Path(os.path.relpath(target, source.parent)).as_posix()
    return f"<{rel}>" if re.search(r"[\s()<>]", rel) else rel


def fold(text: str) -> str:
    """Letters and digits of text, lower-case and without accents: how slugs are compared."""
    text = unicodedata.normalize("NFKD", html.unescape(text)).lower()
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


@dataclass(frozen=True)
class Heading:
    """A heading of a converted page: its line (index in the text), its id in the build and its text."""

    line: int
    ident: str
    text: str


def heading_lines(text: str) -> list[tuple[int, str]]:
    """(index, stripped line) of every heading line of a Markdown page, outside fenced code."""
    found, fence = [], ""
    for n, line in enumerate(text.split("\n")):
        opened = FENCE_OPEN.match(line)
        if fence:
            closing = opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence)
            fence = "" if closing else fence
        elif opened:
            fence = opened.group(1)
        elif HEADING.match(line):
            found.append((n, line.strip()))
    return found


class HeadingIds:
    """Ids the build gives a page's headings (Python-Markdown toc + attr_list, as configured).

    Plain headings (no Markdown, HTML or attribute in them) take a fast path: the configured slugify
    and toc's own de-duplication; any other page is converted by Python-Markdown itself.
    """

    def __init__(self, toc: dict[str, Any] | None = None) -> None:
        """Prepare from the given settings."""
        from .ids import markdown_extension  # the engine reserves raw HTML ids before `toc`, as in the build

        options = {k: v for k, v in (toc or {}).items() if k in ID_OPTIONS}
        self.slugify = options.get("slugify", toc_slugify)
        self.separator = str(options.get("separator", "-"))
        self.md = markdown.Markdown(extensions=["attr_list", TocExtension(**options), markdown_extension()])

    def __call__(self, text: str) -> list[Heading]:
        """Every heading of a Markdown page, in order, with the id the build gives it."""
        lines = heading_lines(text)
        reserved = raw_ids(text)
        titles = [PLAIN_HEADING.fullmatch(line) for _, line in lines]
        if not reserved and all(titles):
            used: set[str] = set()
            found = []
            for (n, _), title in zip(lines, titles, strict=True):
                assert title is not None
                name = title.group(1).rstrip("#").strip()
                found.append(Heading(n, toc_unique(self.slugify(name, self.separator), used), name))
                used.add(found[-1].ident)
            return found
        return self._converted(lines, reserved)

    def _converted(self, lines: list[tuple[int, str]], reserved: list[str]) -> list[Heading]:
        """Headings' ids from Python-Markdown; line indices only when every heading line made a heading."""
        if not lines:
            return []
        self.md.reset()
        source = "\n\n".join([*(f'<a id="{i}"></a>' for i in reserved), *(line for _, line in lines)])
        found = HTML_HEADING.findall(self.md.convert(source))
        numbers = [n for n, _ in lines] if len(found) == len(lines) else [-1] * len(found)
        return [
            Heading(n, html.unescape(ident), re.sub(r"<[^>]+>", "", inner))
            for n, (ident, inner) in zip(numbers, found, strict=True)
        ]


def stable_ids(text: str, headings: list[Heading]) -> str:
    """Text where each level-2 and level-3 heading gets its build id written explicitly (`{ #id }`)."""
    lines = text.split("\n")
    for heading in headings:
        line = lines[heading.line] if 0 <= heading.line < len(lines) else ""
        if LEVEL_2_3.match(line) and not line.rstrip().endswith("}"):
            lines[heading.line] = f"{line.rstrip()} {{ #{heading.ident} }}"
    return "\n".join(lines)


def raw_ids(text: str) -> list[str]:
    """Ids given by raw HTML in a Markdown page (outside fenced code)."""
    return [m.group(1) for m in RAW_ID.finditer(re.sub(r"(?ms)^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1", "", text))]


def unique_ids(text: str) -> tuple[str, list[str]]:
    """Page text where an explicit heading id already used on the page is dropped; the ids dropped."""
    seen, dropped = set(raw_ids(text)), []

    def once(match: re.Match[str]) -> str:
        """The heading as is the first time its id is seen, without the id after."""
        if match.group(2) in seen:
            dropped.append(match.group(2))
            return match.group(1)
        seen.add(match.group(2))
        return match.group(0)

    return EXPLICIT_ID.sub(once, text), dropped


def map_anchor(fragment: str, found: list[Heading] | list[tuple[str, str]]) -> str | None:
    """The id of the heading a GitBook anchor names (accents, apostrophes, duplicates), or None."""
    headings = [(h.ident, h.text) if isinstance(h, Heading) else h for h in found]
    fragment = unquote(fragment)
    if any(ident == fragment for ident, _ in headings):
        return fragment
    key = fold(fragment)
    texts = [ident for ident, text in headings if key and fold(text) == key]
    if texts:
        return texts[0]
    duplicate = DUPLICATE.fullmatch(fragment)
    if duplicate:
        same = [ident for ident, text in headings if fold(text) == fold(duplicate.group(1))]
        n = int(duplicate.group(2))
        if same and n <= len(same):
            return same[n] if n < len(same) else same[-1]
    return next((ident for ident, _ in headings if key and fold(ident) == key), None)


@cache
def load_spec(path: str) -> Any:
    """A local OpenAPI document (JSON or YAML), None when unreadable or too big."""
    import yaml

    from .gitbook_source import load_yaml

    try:
        if os.path.getsize(path) > 5_000_000:
            return None
        return load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
