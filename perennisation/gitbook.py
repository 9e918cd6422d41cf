"""`perennisation-import-gitbook SOURCE... --out docs/SECTION --mkdocs mkdocs.yml`: GitBook -> pages of this guide.

SOURCE is a GitBook space (a folder with `.gitbook.yaml` or `SUMMARY.md`), a repository holding several
spaces (each becomes a sub-section), or single .md/.txt files. Pages are written under --out mirroring
the space (README.md -> index.md) and the files they use under `assets/`. With --mkdocs, the section's
nav, its redirects and what the build needs are written into mkdocs.yml (replacing a previous import of
the same section). Source defects and unsupported features are reported, never fatal: the report is
printed and written as `_import-report.md`; the exit code is 0 unless the import itself failed.
Nothing is ever fetched from the network.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .gitbook_blocks import Conversion, convert_body
from .gitbook_convert import Links, Note
from .gitbook_links import (
    Heading,
    HeadingIds,
    Resolver,
    load_spec,
    map_anchor,
    markdown_href,
    normal,
    relative_url,
    safe_name,
    stable_ids,
    unique_ids,
)
from .gitbook_mkdocs import REPORT, EditError, Project, edit, load_project
from .gitbook_nav import Planner
from .gitbook_report import PageReport, Summary, format_report
from .gitbook_source import (
    H1,
    Space,
    dump_yaml,
    map_front_matter,
    read_page,
    repair_mojibake,
    split_front_matter,
    with_intro,
)
from .pages import FRONT_MATTER

__all__ = ["main", "repair_mojibake", "run"]
JINJA = re.compile(r"\{[{%#]")
PLACEHOLDER = re.compile(r"\x02(\d+)\x02")
MANIFEST = ".gitbook-import.json"
#: Markdown extensions each converted construct needs.
REQUIRES: dict[str, list[Any]] = {
    "hint": ["admonition"],
    "if": ["admonition"],
    "details": ["admonition", "pymdownx.details"],
    "tabs": ["pymdownx.superfences", {"pymdownx.tabbed": {"alternate_style": True}}],
    "code": ["pymdownx.superfences"],
    "heading anchor": ["attr_list"],
    "button": ["attr_list"],
    "columns": ["md_in_html"],
    "updates": ["md_in_html"],
    "footnotes": ["footnotes"],
}


class ImportFailure(Exception):
    """The import could not be done (the message says why); nothing is half-written in mkdocs.yml."""


@dataclass
class Options:
    """Choices of the user."""

    marker: bool = False
    title: str | None = None
    directory_urls: bool = True
    toc: dict[str, Any] | None = None


@dataclass
class LinkRef:
    """A link to a page, finished once every page is converted (its anchor needs the target's ids)."""

    page: Path
    target: Path
    anchor: str | None
    html: bool
    report: PageReport
    needle: str


class PageLinks:
    """Links of one file (a page, or an include inside it) resolved for the page being written."""

    def __init__(
        self, importer: Importer, page: Path, space: Space, conv: Conversion, base: str, report: PageReport
    ) -> None:
        """Remember what is needed to resolve and report."""
        self.importer, self.page, self.space, self.conv, self.base, self.report = (
            importer,
            page,
            space,
            conv,
            base,
            report,
        )

    def href(self, url: str, html: bool = False) -> str | None:
        """New URL of a link or image; None when its target is missing (reported)."""
        target = self.importer.resolver.locate(url, self.base, str(self.space.root))
        if target.kind == "external":
            return url
        if target.kind == "broken":
            self.conv.defect(f"`{url}`: {target.reason}: written as plain text", url)
            return None
        if target.kind == "asset":
            out = self.importer.asset(target.path, self.space)
            rel = self.importer.rel(out)
            if html:
                return relative_url(self.importer.rel(self.page), rel, self.importer.options.directory_urls)
            return markdown_href(self.page, out) + (f"#{target.anchor}" if target.anchor else "")
        if not target.path and not target.anchor:
            return url
        page = self.importer.pages[target.path] if target.path else self.page
        return self.importer.placeholder(LinkRef(self.page, page, target.anchor, html, self.report, url))

    def title(self, url: str) -> str | None:
        """SUMMARY.md title of the page a link points to, else its own title."""
        target = self.importer.resolver.locate(url, self.base, str(self.space.root))
        return self.importer.planner.title(target.path) if target.kind == "page" and target.path else None

    def include(self, ref: str) -> tuple[str, Links] | None:
        """Text of a reusable content file (`.gitbook/includes/`) and the links of its folder."""
        name = os.path.basename(ref.rstrip("/"))
        candidates = [normal(os.path.join(str(self.space.root) if ref.startswith("/") else self.base, ref.lstrip("/")))]
        candidates += [normal(self.space.includes / name), normal(self.space.includes / f"{name}.md")]
        path = next((c for c in candidates if os.path.isfile(c)), None)
        if path is None:
            self.conv.defect(f"include `{ref}`: not in `.gitbook/includes/`: dropped", ref)
            return None
        text = FRONT_MATTER.sub("", read_page(Path(path))[0], count=1)
        return text, PageLinks(self.importer, self.page, self.space, self.conv, os.path.dirname(path), self.report)

    def spec(self, url: str) -> Any:
        """A local OpenAPI document the link points to, parsed."""
        target = self.importer.resolver.locate(url, self.base, str(self.space.root))
        return load_spec(target.path) if target.kind == "asset" else None


class Importer:
    """One run: spaces planned, pages converted in two passes, assets copied, files written."""

    def __init__(self, out: Path, options: Options, prefix: str = "") -> None:
        """A run writing into out, whose path under docs_dir is prefix."""
        self.out = Path(normal(out))
        self.options = options
        self.prefix = prefix
        self.planner = Planner(self.out, prefix)
        self.pages = self.planner.pages
        self.resolver = Resolver(self.pages, [])
        self.assets: dict[str, Path] = {}
        self.bodies: dict[Path, str] = {}
        self.heads: dict[Path, str] = {}
        self.texts: dict[Path, str] = {}
        self.refs: list[LinkRef] = []
        self.reports: list[PageReport] = []
        self.ids = HeadingIds(options.toc)
        self._ids: dict[Path, list[Heading]] = {}
        self.report = ""

    @property
    def notes(self) -> list[Note]:
        """Notes of the whole import (not of one page)."""
        return self.planner.notes

    def rel(self, path: Path) -> str:
        """Path of an output file under --out, as text."""
        return path.relative_to(self.out).as_posix()

    def placeholder(self, ref: LinkRef) -> str:
        """A token standing for a page link until every page is converted."""
        self.refs.append(ref)
        return f"\x02{len(self.refs) - 1}\x02"

    def asset(self, source: str, space: Space) -> Path:
        """Copy a file a page uses into the space's `assets/` folder, under a safe unique name."""
        if source in self.assets:
            return self.assets[source]
        folder = space.out / "assets"
        taken = {p for p in self.assets.values() if p.parent == folder}
        name, n = safe_name(os.path.basename(source)), 1
        target = folder / name
        while target in taken:
            n += 1
            stem, dot, suffix = name.rpartition(".")
            target = folder / (f"{stem}-{n}.{suffix}" if dot else f"{name}-{n}")
        self.assets[source] = target
        return target

    def convert(self, source: str, space: Space) -> None:
        """Pass 1: convert one page; its page links are left as placeholders."""
        output = self.pages[source]
        report = PageReport(Path(source), output)
        self.reports.append(report)
        conv = Conversion(marker=self.options.marker)
        conv.links = PageLinks(self, output, space, conv, os.path.dirname(source), report)
        report.text = self._read(Path(source), conv)
        meta, body = self._body(report.text, conv)
        body = self._finish_page(meta, body, conv)
        self.heads[output] = "---\n" + dump_yaml(meta, width=100) + "---\n\n" if meta else ""
        self.bodies[output] = body.lstrip("\n")
        heading = H1.search(body)
        report.title = str(meta.get("title") or "") or (heading.group(1).strip() if heading else output.stem)
        report.counts, report.notes = conv.counts, conv.notes

    @staticmethod
    def _read(source: Path, conv: Conversion) -> str:
        """Text of a page (reading problems noted); an unreadable page is kept empty."""
        try:
            text, notes, repaired = read_page(source)
        except OSError as error:
            conv.defect(f"unreadable, written empty ({error.strerror or error})")
            return ""
        for note in notes:
            conv.defect(note)
        if repaired:
            conv.counts["mojibake repaired (lines)"] = repaired
        return text

    @staticmethod
    def _finish_page(meta: dict[str, Any], body: str, conv: Conversion) -> str:
        """Heading ids made unique, footnotes counted, Jinja-like text kept away from macros."""
        body, dropped = unique_ids(body)
        for ident in dropped:
            message = f"heading id `#{ident}` used twice on the page: the later heading gets a generated id"
            conv.notes.append(Note("source", message, f'id="{ident}"', last=True))
        if "[^" in body:
            conv.counts["footnotes"] += 1
        if JINJA.search(body):
            meta["render_macros"] = False
            conv.unsupported("Jinja-like text (`{{`, `{%`, `{#`) kept: page marked `render_macros: false`")
        return body.rstrip() + "\n"

    @staticmethod
    def _body(text: str, conv: Conversion) -> tuple[dict[str, Any], str]:
        """Front matter and converted body of a page; a page that fails is copied unchanged (reported)."""
        try:
            meta, body = split_front_matter(text, conv)
            meta, intro = map_front_matter(meta, conv)
            return meta, convert_body(with_intro(body, intro), conv)
        except Exception as error:  # noqa: BLE001 - one odd page must not stop the import
            conv.unsupported(f"conversion failed ({type(error).__name__}: {error}): body copied unchanged")
            return {}, FRONT_MATTER.sub("", text, count=1)

    def headings(self, page: Path) -> list[Heading]:
        """A converted page's headings, with the ids the build will give them."""
        if page not in self._ids:
            self._ids[page] = self.ids(self.bodies.get(page, ""))
        return self._ids[page]

    def finish_link(self, ref: LinkRef) -> str:
        """Pass 2: the URL of a page link, its GitBook anchor mapped to the target's heading id."""
        anchor = map_anchor(ref.anchor, self.headings(ref.target)) if ref.anchor else None
        if ref.anchor and anchor is None:
            where = "this page" if ref.target == ref.page else f"`{self.rel(ref.target)}`"
            ref.report.notes.append(
                Note(
                    "source",
                    f"`{ref.needle}`: no heading `#{ref.anchor}` in {where}: link kept without the anchor",
                    ref.needle,
                )
            )
        if ref.target == ref.page and anchor:
            return f"#{anchor}"
        if ref.html:
            url = relative_url(self.rel(ref.page), self.rel(ref.target), self.options.directory_urls)
            return url + (f"#{anchor}" if anchor else "")
        url = markdown_href(ref.page, ref.target)
        suffix = f"#{anchor}" if anchor else ""
        return f"{url[:-1]}{suffix}>" if url.startswith("<") else url + suffix

    def convert_all(self, sources: list[Path]) -> list[Space]:
        """Plan every space (so that links may cross them), then convert every page in memory."""
        spaces = self.planner.discover(sources)
        self.resolver.folders = [normal(s if s.is_dir() else s.parent) for s in sources]
        plans = [(space, self.planner.plan(space)) for space in spaces]
        for space, pages in plans:
            for page in pages:
                self.convert(page, space)
        return spaces

    def finish_all(self) -> None:
        """Pass 2: every page's links finished (their anchors need every page converted)."""
        for out, body in self.bodies.items():
            body = PLACEHOLDER.sub(lambda m: self.finish_link(self.refs[int(m.group(1))]), body)
            self.texts[out] = self.heads[out] + stable_ids(body, self.headings(out))

    def write_all(self, report: str) -> None:
        """Write pages, files, report and manifest."""
        pages = self.texts
        for output, text in pages.items():
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        for source, target in self.assets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        self.report = report
        (self.out / REPORT).write_text(report, encoding="utf-8")
        written = [*pages, *self.assets.values(), self.out / REPORT]
        manifest = json.dumps(sorted(self.rel(p) for p in written), ensure_ascii=False, indent=0)
        (self.out / MANIFEST).write_text(manifest, encoding="utf-8")

    def extensions(self) -> list[Any]:
        """The Markdown extensions the converted pages need."""
        used = Counter[str]()
        for report in self.reports:
            used.update(report.counts)
        return [e for name, needed in REQUIRES.items() if used[name] for e in needed]


def check_out(out: Path, docs: Path | None) -> None:
    """Refuse an --out that is the documentation folder itself, or a folder of pages the importer did not write."""
    if docs is not None and normal(out) == normal(docs):
        raise ImportFailure(f"--out must be a folder under {docs}, not the documentation folder itself")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise ImportFailure(f"{out} is not empty and was not written by the importer: choose a new folder")


def clean_out(out: Path) -> None:
    """Remove the files of a previous import of --out (those its manifest lists), and the folders left empty."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return
    for rel in json.loads(manifest.read_text(encoding="utf-8")):
        (out / rel).unlink(missing_ok=True)
    manifest.unlink()
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()


def section_of(out: Path, project: Project | None) -> str:
    """Path of --out under the documentation folder ('' without a project)."""
    if project is None:
        return ""
    try:
        return Path(normal(out)).relative_to(normal(project.docs_dir)).as_posix()
    except ValueError as error:
        raise ImportFailure(f"--out {out} is not inside docs_dir ({project.docs_dir})") from error


def wire(
    importer: Importer,
    project: Project | None,
    section: str,
    summary: Summary,
    entry: dict[str, Any] | None,
    maps: dict[str, str],
) -> str | None:
    """New text of mkdocs.yml (None without a project); what it adds goes into the report."""
    if project is None:
        summary.manual = ["nav:", *("  " + x for x in dump_yaml([entry]).splitlines())]
        if maps:
            summary.manual += ["redirect_maps:", *("  " + x for x in dump_yaml(maps).splitlines())]
        summary.manual += ["exclude_docs: |", f"  {REPORT}"]
        return None
    try:
        text = edit(project, section, entry, maps, importer.extensions())
    except EditError as error:
        raise ImportFailure(f"{project.path}: {error}") from error
    summary.mkdocs = [
        f"nav: section `{next(iter(entry))}`" if entry else "nav: none (MkDocs lists the pages)",
        f"redirects: {len(maps)}",
        f"exclude_docs: `{REPORT}`",
    ]
    return text


def run(
    sources: list[Path], out: Path, mkdocs: Path | None = None, marker: bool = False, title: str | None = None
) -> Importer:
    """Import sources into out; with mkdocs, wire the section into that mkdocs.yml.

    Everything is converted in memory first: when mkdocs.yml cannot be edited, nothing is written.
    """
    project = load_project(mkdocs) if mkdocs else None
    section = section_of(out, project)
    check_out(out, project.docs_dir if project else None)
    options = Options(marker, title, project.directory_urls if project else True, project.toc if project else None)
    importer = Importer(out, options, f"{section}/" if section else "")
    spaces = importer.convert_all(sources)
    importer.finish_all()
    entry, maps = importer.planner.entry(spaces, title or ""), importer.planner.redirects(spaces)
    summary = Summary(sources, out, _base(sources), importer.reports, importer.notes, len(importer.assets), len(maps))
    text = wire(importer, project, section, summary, entry, maps)
    clean_out(out)
    importer.write_all(format_report(summary))
    if project is not None and text is not None and text != project.text:
        project.path.write_text(text, encoding="utf-8")
    return importer


def _base(sources: list[Path]) -> Path:
    """The folder report paths are relative to."""
    folders = [normal(s if s.is_dir() else s.parent) for s in sources]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="perennisation-import-gitbook", description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE", help="GitBook folder or .md/.txt file")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder of the converted pages")
    parser.add_argument(
        "--mkdocs",
        type=Path,
        metavar="MKDOCS_YML",
        help="mkdocs.yml to wire the section into (nav, redirects, extensions)",
    )
    parser.add_argument("--title", help="title of the section in the nav (default: the space's home page title)")
    parser.add_argument(
        "--broken-links",
        choices=("text", "marker"),
        default="text",
        help="a broken link of the source becomes its text, or its text and a visible marker",
    )
    args = parser.parse_args(argv)
    missing = [str(s) for s in args.sources if not s.exists()]
    if missing:
        parser.error(f"no such source: {', '.join(missing)}")
    if args.mkdocs is not None and not args.mkdocs.is_file():
        parser.error(f"no such file: {args.mkdocs}")
    try:
        importer = run(args.sources, args.out, args.mkdocs, args.broken_links == "marker", args.title)
    except ImportFailure as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(importer.report, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
