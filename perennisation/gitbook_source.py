"""Reading a GitBook source: text decoding and repair, front matter, spaces, SUMMARY.md."""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import ftfy
import ftfy.badness
import yaml

from .gitbook_blocks import Conversion
from .pages import FRONT_MATTER

PAGE_SUFFIXES = {".md", ".markdown", ".txt"}
# UTF-8 read as Mac Roman: a lead byte (0xC2-0xF4) followed by a continuation byte (0x80-0xBF).
MAC_ROMAN = re.compile(
    "[{}][{}]".format(*(re.escape(bytes(r).decode("mac_roman")) for r in (range(0xC2, 0xF5), range(0x80, 0xC0))))
)
FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    unescape_html=False,
    normalization=None,
    explain=False,
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*(?:\{[^}]*\}|<a\s[^>]*>\s*</a>)?[ \t]*$", re.MULTILINE)
SUMMARY_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)[*+-][ \t]+\[(?P<title>(?:[^\[\]]|\[[^\]]*\])*)\]"
    r"\((?P<link>[^)\"]*?)\s*(?:\"(?P<alt>[^\"]*)\")?\)"
)
SUMMARY_GROUP = re.compile(r"^#{2,}[ \t]+(.+?)[ \t]*$")
SPACE_MARKERS = (".gitbook.yaml", "SUMMARY.md")
#: Jekyll/GitBook keys with no meaning in this guide, dropped without a note.
DROPPED_KEYS = {
    "layout",
    "image",
    "twitter",
    "lang-ref",
    "cover",
    "coverY",
    "coverHeight",
    "subtitle",
    "intro",
    "noIndex",
    "metaLinks",
    "hidden",
}
ICON = re.compile(r"[\w-]+(?:/[\w-]+)*")


@dataclass
class NavItem:
    """An entry of SUMMARY.md: a page link (or none, for a group) and its children."""

    title: str
    link: str = ""
    children: list[NavItem] = field(default_factory=list)
    group: bool = False


@dataclass
class Space:
    """One GitBook space: where its pages are, its configuration and where it is written."""

    folder: Path
    root: Path
    out: Path
    config: dict[str, Any] = field(default_factory=dict)
    readme: Path | None = None
    summary: Path | None = None
    pages: list[Path] = field(default_factory=list)
    loose: bool = False  # single files given on the command line, not a space

    @property
    def includes(self) -> Path:
        """Folder of GitBook's reusable content."""
        return self.root / ".gitbook" / "includes"


def load_yaml(text: str) -> Any:
    """Safe YAML parsing, with libyaml when present."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def dump_yaml(value: Any, **options: Any) -> str:
    """Block YAML of a value, Unicode kept, keys in order (libyaml when present)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, **options)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a file: UTF-8 (else Windows-1252), control characters removed, LF line ends."""
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notes.append("not valid UTF-8: read as Windows-1252")
    text, removed = CONTROL.subn("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if removed:
        notes.append(f"{removed} control character(s) removed")
    return text, notes


def _from_mac_roman(text: str) -> str:
    """text re-read as the UTF-8 it was before a Mac Roman decoding, or text itself."""
    if not MAC_ROMAN.search(text):
        return text
    try:
        return text.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def repair_mojibake(text: str) -> tuple[str, int]:
    """Repair mojibake (Mac Roman by whole text, else by line; then ftfy); return text and lines changed."""
    fixed = _from_mac_roman(text)
    if fixed == text:
        fixed = "\n".join(_from_mac_roman(line) for line in text.split("\n"))
    if not text.isascii() and ftfy.badness.is_bad(fixed):
        fixed = ftfy.fix_text(fixed, FTFY)
    if fixed == text:
        return unicodedata.normalize("NFC", text), 0
    changed = sum(a != b for a, b in zip(text.split("\n"), fixed.split("\n"), strict=False))
    return unicodedata.normalize("NFC", fixed), changed or 1


def read_page(path: Path) -> tuple[str, tuple[str, ...], int]:
    """Decoded, mojibake-repaired text of a page, its reading notes and lines repaired (read once per version)."""
    stat = path.stat()
    return _read_page(str(path), stat.st_mtime_ns, stat.st_size)


@cache
def _read_page(path: str, mtime: int, size: int) -> tuple[str, tuple[str, ...], int]:
    """read_page for one version of a file."""
    text, notes = decode(Path(path).read_bytes())
    text, repaired = repair_mojibake(text)
    return text, tuple(notes), repaired


@cache
def _icons() -> Path | None:
    """The icon set shipped with mkdocs-material."""
    spec = importlib.util.find_spec("material")
    return Path(spec.origin).parent / "templates" / ".icons" if spec and spec.origin else None


def material_icon(value: Any) -> str | None:
    """A Material icon for a GitBook icon: a digit, a Font Awesome name or an icon path; None if unknown."""
    name = str(value).strip()
    if re.fullmatch(r"\d", name):
        return f"material/numeric-{name}-circle"
    icons = _icons()
    if icons is None or not ICON.fullmatch(name):
        return None
    candidates = (name, f"fontawesome/solid/{name}", f"material/{name}")
    return next((c for c in candidates if (icons / f"{c}.svg").is_file()), None)


def _text(meta: dict[str, Any], key: str) -> str:
    """One-line text of a front matter value, '' when absent."""
    value = meta.get(key)
    return " ".join(str(value).split()) if value not in (None, "") else ""


def map_front_matter(meta: dict[str, Any], conv: Conversion) -> tuple[dict[str, Any], str]:
    """Front matter of the guide from a GitBook/Jekyll one, and an intro paragraph (may be empty)."""
    out: dict[str, Any] = {}
    if _text(meta, "title"):
        out["title"] = _text(meta, "title")
    description = _text(meta, "description") or _text(meta, "subtitle") or _text(meta, "intro")
    if description:
        out["description"] = description
    if meta.get("icon") not in (None, ""):
        icon = material_icon(meta["icon"])
        out["icon" if icon else "gitbook_icon"] = icon or str(meta["icon"])
        if not icon:
            conv.unsupported(f"icon `{meta['icon']}` has no Material equivalent: kept as `gitbook_icon`")
    if _text(meta, "author"):
        out["auteur"] = _text(meta, "author")
    tags = meta.get("tags")
    if tags:
        out["tags"] = [str(t) for t in tags] if isinstance(tags, list) else str(tags).replace(",", " ").split()
    if meta.get("if"):
        conv.unsupported(f"page shown in GitBook only if `{meta['if']}`: published for everyone")
    known = {*DROPPED_KEYS, "title", "description", "icon", "author", "tags", "if"}
    unknown = sorted(str(k) for k in meta if k not in known)
    if unknown:
        conv.unsupported(f"front matter keys dropped: {', '.join(unknown)}")
    conv.counts["front matter keys"] += len(out)
    return out, _text(meta, "intro")


def split_front_matter(text: str, conv: Conversion) -> tuple[dict[str, Any], str]:
    """(front matter mapping, body); invalid front matter is reported and dropped."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = load_yaml(match.group(1))
    except yaml.YAMLError as error:
        conv.defect(f"invalid front matter dropped ({str(error).splitlines()[0]})")
        return {}, text[match.end() :]
    if not isinstance(meta, dict):
        conv.defect("front matter is not a mapping: dropped")
        meta = {}
    return meta, text[match.end() :]


def with_intro(body: str, intro: str) -> str:
    """Insert the intro paragraph after the page's leading H1, or at the top."""
    if not intro:
        return body
    heading = re.match(r"\s*#[ \t][^\n]*\n", body)
    cut = heading.end() if heading else 0
    return f"{body[:cut]}\n{intro}\n\n{body[cut:].lstrip()}"


def page_title(path: Path) -> str | None:
    """Front matter title, else first `# ` heading of a page file."""
    if not path.is_file():
        return None
    return _page_title(path, path.stat().st_mtime_ns)


@cache
def _page_title(path: Path, mtime: int) -> str | None:
    """page_title for one version of a file."""
    conv = Conversion()
    meta, body = split_front_matter(read_page(path)[0], conv)
    heading = H1.search(body)
    title = str(meta.get("title") or "") or (heading.group(1).strip() if heading else "")
    title = re.sub(r"\*\*|__|`", "", re.sub(r"<[^>]+>", "", title))
    return re.sub(r"\\([\\`*_{}\[\]()#+.!-])", r"\1", title).strip() or None


def load_config(folder: Path, notes: list[str]) -> dict[str, Any]:
    """The `.gitbook.yaml` of a folder, {} when absent or invalid (noted)."""
    path = folder / ".gitbook.yaml"
    if not path.is_file():
        return {}
    try:
        loaded = load_yaml(decode(path.read_bytes())[0])
    except yaml.YAMLError as error:
        notes.append(f"{path}: invalid YAML ignored ({str(error).splitlines()[0]})")
        return {}
    if not isinstance(loaded, dict):
        notes.append(f"{path}: not a mapping: ignored")
        return {}
    return loaded


def _inside(path: Path, folder: Path) -> bool:
    """Whether path is folder or below it (both absolute and normalised)."""
    return path == folder or folder in path.parents


def _config_path(space: Space, key: str, default: str) -> Path | None:
    """An existing file named by `structure.<key>` of `.gitbook.yaml` (relative to root), or the default."""
    structure = space.config.get("structure")
    value = structure.get(key) if isinstance(structure, dict) else None
    path = Path(_normal(space.root / str(value or default)))
    return path if path.is_file() and _inside(path, space.root) else None


def _normal(path: Path) -> str:
    """Absolute, normalised path text (no symlink resolution)."""
    return os.path.normpath(os.path.abspath(path))


def open_space(folder: Path, out: Path, notes: list[str]) -> Space:
    """A space from its folder, honouring `.gitbook.yaml` (root, structure.readme, structure.summary)."""
    folder = Path(_normal(folder))
    config = load_config(folder, notes)
    root = Path(_normal(folder / str(config.get("root") or ".")))
    if not root.is_dir() or not _inside(root, folder):
        notes.append(f"{folder / '.gitbook.yaml'}: root `{config.get('root')}` is not a folder of the source: ignored")
        root = folder
    space = Space(folder, root, out, config)
    space.readme = _config_path(space, "readme", "README.md")
    if space.readme is None:
        space.readme = next((p for p in sorted(root.glob("*")) if p.stem.lower() == "readme" and p.is_file()), None)
    space.summary = _config_path(space, "summary", "SUMMARY.md")
    return space


def markdown_files(root: Path, skip: set[Path]) -> list[Path]:
    """Every page file under root, hidden folders and nested spaces excepted."""
    found, skipped = [], [Path(_normal(p)) for p in skip]
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if any(part.startswith(".") for part in rel) or path.suffix.lower() not in PAGE_SUFFIXES:
            continue
        path = Path(_normal(path))
        if not any(_inside(path, other) for other in skipped) and path.is_file():
            found.append(path)
    return found


def is_space(folder: Path) -> bool:
    """Whether a folder declares a space (`.gitbook.yaml` or `SUMMARY.md`)."""
    return any((folder / name).is_file() for name in SPACE_MARKERS)


def nested_spaces(folder: Path, depth: int = 3) -> list[Path]:
    """Folders below folder that declare a space (not looking inside a space found)."""
    found: list[Path] = []
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if child.name == "node_modules":
            continue
        if is_space(child):
            found.append(child)
        elif depth > 1:
            found += nested_spaces(child, depth - 1)
    return found


def parse_summary(path: Path) -> list[NavItem]:
    """The entries of a SUMMARY.md: `## groups` and nested `* [title](link)` items."""
    entries: list[NavItem] = []
    stack: list[tuple[int, list[NavItem]]] = [(-1, entries)]
    for line in read_page(path)[0].splitlines():
        group, item = SUMMARY_GROUP.match(line), SUMMARY_ITEM.match(line)
        if group:
            section = NavItem(group.group(1), group=True)
            entries.append(section)
            stack = [(-1, section.children)]
        elif item:
            indent = len(item["indent"].expandtabs(4))
            while stack[-1][0] >= indent:
                stack.pop()
            title = (item["alt"] or item["title"]).strip()
            entry = NavItem(re.sub(r"<[^>]+>", "", title).strip() or item["link"].strip(), item["link"].strip())
            stack[-1][1].append(entry)
            stack.append((indent, entry.children))
    return entries
