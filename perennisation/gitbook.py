"""`perennisation-import-gitbook SOURCE... --out DIR`: GitBook (or Jekyll) Markdown -> pages of this guide.

SOURCE is a GitBook tree (folder) or single .md/.txt files. Pages are written under DIR mirroring the
tree (README.md -> index.md), with their assets; SUMMARY.md becomes DIR/_nav.yml (mkdocs `nav:`) and
`.gitbook.yaml` redirects become DIR/_redirects.yml (mkdocs-redirects `redirect_maps`). A report lists,
per page, the constructs converted and the warnings; the exit code is 0 even with warnings.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import ftfy
import yaml

from .gitbook_blocks import EXTERNAL, Conversion, convert_body
from .pages import FRONT_MATTER

PAGE_SUFFIXES = {".md", ".markdown", ".txt"}
# UTF-8 read as Mac Roman: a lead byte (0xC2-0xF4) followed by a continuation byte (0x80-0xBF).
MAC_ROMAN = re.compile(
    "[{}][{}]".format(*(re.escape(bytes(r).decode("mac_roman")) for r in (range(0xC2, 0xF5), range(0x80, 0xC0))))
)
FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, unescape_html=False,
    normalization=None, explain=False,
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
JINJA = re.compile(r"\{[{%#]")
H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*(?:\{[^}]*\}|<a\s[^>]*>\s*</a>)?[ \t]*$", re.MULTILINE)
SUMMARY_ITEM = re.compile(r"^(?P<indent>[ \t]*)[*+-][ \t]+\[(?P<title>[^\]]*)\]\((?P<link>[^)]*)\)")
SUMMARY_GROUP = re.compile(r"^#{2,}[ \t]+(.+?)[ \t]*$")
#: Jekyll/GitBook keys with no meaning in this guide, dropped without a warning.
DROPPED_KEYS = {"layout", "image", "twitter", "lang-ref", "cover", "coverY", "coverHeight", "subtitle", "intro"}
ICON = re.compile(r"[\w-]+(?:/[\w-]+)*")


@dataclass
class PageReport:
    """What happened to one page."""

    source: Path
    output: Path
    title: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Tree:
    """One SOURCE: its root folder, its pages, its SUMMARY.md and its `.gitbook.yaml`."""

    root: Path
    pages: list[Path]
    summary: Path | None = None
    config: dict[str, Any] = field(default_factory=dict)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a file: UTF-8 (else Windows-1252), control characters removed, LF line ends."""
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append("not valid UTF-8: read as Windows-1252")
    text, removed = CONTROL.subn("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if removed:
        warnings.append(f"{removed} control character(s) removed")
    return text, warnings


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
    fixed = ftfy.fix_text(fixed, FTFY)
    changed = sum(a != b for a, b in zip(text.split("\n"), fixed.split("\n")))
    return unicodedata.normalize("NFC", fixed), changed or int(fixed != text)


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
    return next((c for c in (name, f"fontawesome/solid/{name}", f"material/{name}") if (icons / f"{c}.svg").is_file()), None)


def map_front_matter(meta: dict[str, Any], conv: Conversion) -> tuple[dict[str, Any], str]:
    """Front matter of the guide from a GitBook/Jekyll one, and an intro paragraph (may be empty)."""
    out: dict[str, Any] = {}
    text = lambda key: " ".join(str(meta[key]).split()) if meta.get(key) not in (None, "") else ""  # noqa: E731
    if text("title"):
        out["title"] = text("title")
    description = text("description") or text("subtitle") or text("intro")
    if description:
        out["description"] = description
    if meta.get("icon") not in (None, ""):
        icon = material_icon(meta["icon"])
        out["icon" if icon else "gitbook_icon"] = icon or str(meta["icon"])
        if not icon:
            conv.warn(f"icon `{meta['icon']}` has no Material equivalent: kept as `gitbook_icon`")
    if text("author"):
        out["auteur"] = text("author")
    tags = meta.get("tags")
    if tags:
        out["tags"] = [str(t) for t in tags] if isinstance(tags, list) else str(tags).replace(",", " ").split()
    unknown = sorted(str(k) for k in meta if k not in {*DROPPED_KEYS, "title", "description", "icon", "author", "tags"})
    if unknown:
        conv.warn(f"front matter keys dropped: {', '.join(unknown)}")
    conv.counts["front matter keys"] += len(out)
    return out, text("intro")


def split_front_matter(text: str, conv: Conversion) -> tuple[dict[str, Any], str]:
    """(front matter mapping, body); invalid front matter is reported and dropped."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        conv.warn(f"invalid front matter dropped ({str(error).splitlines()[0]})")
        return {}, text[match.end() :]
    if not isinstance(meta, dict):
        conv.warn("front matter is not a mapping: dropped")
        meta = {}
    return meta, text[match.end() :]


def with_intro(body: str, intro: str) -> str:
    """Insert the intro paragraph after the page's leading H1, or at the top."""
    if not intro:
        return body
    heading = re.match(r"\s*#[ \t][^\n]*\n", body)
    cut = heading.end() if heading else 0
    return f"{body[:cut]}\n{intro}\n\n{body[cut:].lstrip()}"


@cache
def read_page(path: Path) -> tuple[str, tuple[str, ...], int]:
    """Decoded, mojibake-repaired text of a page, its reading warnings and lines repaired."""
    text, warnings = decode(path.read_bytes())
    text, repaired = repair_mojibake(text)
    return text, tuple(warnings), repaired


def page_title(path: Path) -> str | None:
    """Front matter title, else first `# ` heading of a page file."""
    if not path.is_file():
        return None
    conv = Conversion()
    meta, body = split_front_matter(read_page(path)[0], conv)
    heading = H1.search(body)
    return str(meta.get("title") or "") or (heading.group(1).strip() if heading else None)


def output_name(rel: Path) -> Path:
    """Path of the converted page: README -> index, any page suffix -> .md."""
    return rel.with_name("index.md" if rel.stem.lower() == "readme" else rel.stem + ".md")


def rewrite_link(url: str) -> str:
    """Relative page link as in the converted tree: folder/ and README.md -> index.md, .txt -> .md."""
    if EXTERNAL.match(url):
        return url
    path, hash_, anchor = url.partition("#")
    if not path or path.endswith("/"):
        path += "index.md" if path else ""
    else:
        folder, _, name = path.rpartition("/")
        stem, dot, suffix = name.rpartition(".")
        if dot and "." + suffix.lower() in PAGE_SUFFIXES:
            name = "index.md" if stem.lower() == "readme" else stem + ".md"
        path = f"{folder}/{name}" if folder else name
    return path + hash_ + anchor


class Importer:
    """One run: trees read, pages converted, assets copied, files written and the report."""

    def __init__(self, out: Path, prefix: str = "") -> None:
        self.out = out
        self.prefix = prefix
        self.titles: dict[Path, str] = {}
        self.written: dict[Path, Path] = {}  # output -> source
        self.reports: list[PageReport] = []
        self.notes: list[str] = []

    def write(self, target: Path, text: str | None = None, source: Path | None = None) -> None:
        """Write a text file (or copy source) under out, warning when another source wrote it first."""
        previous = self.written.get(target)
        if previous is not None and previous != source:
            self.notes.append(f"{target}: written by both {previous} and {source}; the last one is kept")
        target.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            target.write_text(text, encoding="utf-8")
        elif source is not None and previous != source:
            shutil.copyfile(source, target)
        self.written[target] = source or target

    def asset(self, src: str, page: Path, tree: Tree, target: Path) -> str | None:
        """Copy a file the page links to next to the converted page; its new href, or None if missing."""
        path = unquote(src.partition("#")[0].partition("?")[0])
        variants = {unicodedata.normalize(form, path) for form in ("NFC", "NFD")}  # macOS exports use NFD
        for rel in sorted(variants):
            for candidate in (page.parent / rel, tree.root / ".gitbook" / "assets" / Path(rel).name):
                resolved = candidate.resolve()
                if resolved.is_file() and resolved.is_relative_to(tree.root.resolve()):
                    self.write(target.parent / resolved.name, source=resolved)
                    return quote(resolved.name)
        return None

    def title(self, url: str, page: Path) -> str | None:
        """Title of the page a relative link points to: SUMMARY.md, else its first heading."""
        path = unquote(url.partition("#")[0])
        if not path or EXTERNAL.match(url):
            return None
        target = (page.parent / path).resolve()
        if target.is_dir():
            target = next((f for f in target.iterdir() if f.stem.lower() == "readme"), target / "README.md")
        return self.titles.get(target) or page_title(target) or ("" if target.is_file() else None)

    def convert(self, page: Path, tree: Tree) -> PageReport:
        """Convert one page and write it."""
        target = self.out / output_name(page.relative_to(tree.root))
        report = PageReport(page, target)
        conv = Conversion(
            link=rewrite_link,
            asset=lambda src: self.asset(src, page, tree, target),
            title=lambda url: self.title(url, page),
        )
        self.reports.append(report)
        try:
            text, warnings, repaired = read_page(page)
        except OSError as error:
            report.warnings.append(f"unreadable, skipped ({error.strerror or error})")
            return report
        conv.warnings.extend(warnings)
        try:
            meta, body = split_front_matter(text, conv)
            meta, intro = map_front_matter(meta, conv)
            body = convert_body(with_intro(body, intro), conv)
        except Exception as error:  # noqa: BLE001 - one odd page must not stop the import
            conv.warn(f"conversion failed ({type(error).__name__}: {error}): body copied unchanged")
            meta, body = {}, FRONT_MATTER.sub("", text, count=1)
        if repaired:
            conv.counts["mojibake repaired (lines)"] = repaired
        if JINJA.search(body):
            meta["render_macros"] = False
            conv.warn("Jinja-like text (`{{`, `{%`, `{#`) kept: page marked `render_macros: false`")
        head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n\n" if meta else ""
        self.write(target, head + body.lstrip("\n"), page)
        heading = H1.search(body)
        report.title = str(meta.get("title") or "") or (heading.group(1).strip() if heading else target.stem)
        report.counts, report.warnings = dict(sorted(conv.counts.items())), conv.warnings
        return report

    def out_path(self, link: str) -> str:
        """A link of SUMMARY.md or `.gitbook.yaml` as a nav path of the converted tree."""
        return link if EXTERNAL.match(link) else self.prefix + rewrite_link(unquote(link.partition("#")[0]))

    def nav(self, tree: Tree) -> list[Any]:
        """mkdocs `nav:` entries of a SUMMARY.md (groups become sections); records the titles."""
        if tree.summary is None:
            return []
        entries: list[Any] = []
        stack: list[tuple[int, list[Any]]] = [(-1, entries)]
        for line in read_page(tree.summary)[0].splitlines():
            group, item = SUMMARY_GROUP.match(line), SUMMARY_ITEM.match(line)
            if group:
                section: list[Any] = []
                entries.append({group.group(1): section})
                stack = [(-1, section)]
            elif item:
                indent, title, link = len(item["indent"].expandtabs(4)), item["title"].strip(), item["link"].strip()
                while stack[-1][0] >= indent:
                    stack.pop()
                children: list[Any] = []
                stack[-1][1].append({title: children})
                stack.append((indent, children))
                if link and not EXTERNAL.match(link):
                    self.titles[(tree.root / unquote(link.partition("#")[0])).resolve()] = title
                if link:
                    children.append(self.out_path(link))
        return [_flatten(entry) for entry in entries]

    def redirects(self, tree: Tree) -> dict[str, str]:
        """mkdocs-redirects `redirect_maps` of the `.gitbook.yaml` redirects."""
        found = tree.config.get("redirects") or {}
        if not isinstance(found, dict):
            self.notes.append(f"{tree.root / '.gitbook.yaml'}: redirects is not a mapping: ignored")
            return {}
        maps = {}
        for old, new in found.items():
            old = str(old).strip("/") or "index"
            old = old if Path(old).suffix.lower() in PAGE_SUFFIXES else old + ".md"
            maps[self.out_path(old)] = self.out_path(str(new))
        return maps


def _flatten(entry: Any) -> Any:
    """{title: [path]} -> {title: path}; sections keep their index page first."""
    if isinstance(entry, dict):
        (title, value), = entry.items()
        value = [_flatten(v) for v in value]
        return {title: value[0] if len(value) == 1 and isinstance(value[0], str) else value}
    return entry


def read_tree(source: Path, notes: list[str]) -> Tree:
    """The pages of a folder (or a single file), honouring `.gitbook.yaml` root and summary."""
    if source.is_file():
        return Tree(source.parent, [source])
    config: dict[str, Any] = {}
    config_file = source / ".gitbook.yaml"
    if config_file.is_file():
        try:
            loaded = yaml.safe_load(decode(config_file.read_bytes())[0])
            config = loaded if isinstance(loaded, dict) else {}
        except yaml.YAMLError as error:
            notes.append(f"{config_file}: invalid YAML ignored ({str(error).splitlines()[0]})")
    root = (source / str(config.get("root") or ".")).resolve()
    if not root.is_dir() or not root.is_relative_to(source.resolve()):
        notes.append(f"{config_file}: root `{config.get('root')}` is not a folder of the source: ignored")
        root = source.resolve()
    structure = config.get("structure") if isinstance(config.get("structure"), dict) else {}
    summary = root / str(structure.get("summary") or "SUMMARY.md")
    pages = sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES and p != summary
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    return Tree(root, pages, summary if summary.is_file() else None, config)


def format_report(importer: Importer) -> str:
    """The report printed at the end of a run."""
    lines = [f"GitBook import -> {importer.out}", ""]
    for report in importer.reports:
        lines.append(f"{report.output.relative_to(importer.out)}  <- {report.source}")
        counts = ", ".join(f"{name} ×{n}" for name, n in report.counts.items()) or "nothing to convert"
        lines.append(f"  converted: {counts}")
        lines += [f"  warning: {w}" for w in report.warnings]
    if importer.notes:
        lines += ["", "import:"] + [f"  warning: {n}" for n in importer.notes]
    warnings = sum(len(r.warnings) for r in importer.reports) + len(importer.notes)
    lines += ["", f"Files written ({len(importer.written)}):"]
    lines += [f"  {p}" for p in sorted(importer.written)]
    lines += ["", f"{len(importer.reports)} page(s) converted, {warnings} warning(s)."]
    return "\n".join(lines)


def run(sources: list[Path], out: Path, prefix: str = "") -> Importer:
    """Convert every source into out; write the nav and redirect files."""
    importer = Importer(out, prefix)
    trees = [read_tree(source, importer.notes) for source in sources]
    nav: list[Any] = []
    redirects: dict[str, str] = {}
    for tree in trees:
        nav += importer.nav(tree)
        redirects |= importer.redirects(tree)
    listed = {importer.out / p.removeprefix(prefix) for p in _nav_paths(nav)}
    for tree in trees:
        for page in (p for p in tree.pages if not p.resolve().is_relative_to(out.resolve())):
            report = importer.convert(page, tree)
            if report.output in importer.written and report.output not in listed:
                nav.append({report.title: prefix + report.output.relative_to(out).as_posix()})
                if tree.summary is not None:
                    report.warnings.append("not listed in SUMMARY.md: appended to the nav")
    if nav:
        importer.write(out / "_nav.yml", yaml.safe_dump(nav, allow_unicode=True, sort_keys=False))
    for kind, paths in (("SUMMARY.md entry", _nav_paths(nav)), ("redirect target", redirects.values())):
        for path in paths:
            if not EXTERNAL.match(path) and out / path.removeprefix(prefix) not in importer.written:
                importer.notes.append(f"{kind} `{path}` is not a converted page")
    if redirects:
        importer.write(out / "_redirects.yml", yaml.safe_dump(redirects, allow_unicode=True, sort_keys=False))
    return importer


def _nav_paths(nav: Any) -> list[str]:
    """Every string of a nav structure."""
    if isinstance(nav, str):
        return [nav]
    values = nav.values() if isinstance(nav, dict) else nav
    return [p for v in values for p in _nav_paths(v)]


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="perennisation-import-gitbook", description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE", help="GitBook folder or .md/.txt file")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder of the converted pages")
    parser.add_argument("--prefix", default="", help="path of DIR under docs/, for _nav.yml and _redirects.yml")
    args = parser.parse_args(argv)
    missing = [str(s) for s in args.sources if not s.exists()]
    if missing:
        parser.error(f"no such source: {', '.join(missing)}")
    prefix = args.prefix.strip("/") + "/" if args.prefix.strip("/") else ""
    print(format_report(run(args.sources, args.out, prefix)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
