"""Planning an import: the spaces of the sources, their pages and output paths, their nav and redirects."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .gitbook_convert import EXTERNAL, Note
from .gitbook_links import normal, page_url, safe_name
from .gitbook_source import (
    NavItem,
    Space,
    is_space,
    markdown_files,
    nested_spaces,
    open_space,
    page_title,
    parse_summary,
)

NavEntry = dict[str, Any]


def output_name(rel: Path) -> Path:
    """Path of a converted page: README -> index, any page suffix -> .md."""
    return rel.with_name("index.md" if rel.stem.lower() == "readme" else rel.stem + ".md")


def _on_disk(link: str, root: Path) -> str | None:
    """The page file a SUMMARY.md link names: the file, `link.md` or the folder's README."""
    from urllib.parse import unquote

    path = normal(root / unquote(link.partition("#")[0]).lstrip("/"))
    for candidate in (path, path + ".md", os.path.join(path, "README.md"), os.path.join(path, "readme.md")):
        if os.path.isfile(candidate):
            return candidate
    return None


def _folder_title(folder: Path) -> str:
    """A section title from a folder name."""
    text = folder.name.replace("-", " ").replace("_", " ").strip() or folder.name
    return text[:1].upper() + text[1:]


class Planner:
    """Where every page goes, and the nav and redirects that point to them."""

    def __init__(self, out: Path, prefix: str) -> None:
        """An empty plan for --out and its path under docs_dir."""
        self.out = out
        self.prefix = prefix
        self.pages: dict[str, Path] = {}
        self.urls: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.notes: list[Note] = []
        self.listed: set[str] = set()
        self.others: list[Path] = []

    def note(self, kind: str, message: str) -> None:
        """Record a note of the whole import."""
        self.notes.append(Note(kind, message))

    def discover(self, sources: list[Path]) -> list[Space]:
        """The spaces of the sources: a space, the spaces of a repository, or loose files."""
        folders: list[Path] = []
        for source in (s for s in sources if s.is_dir()):
            nested = [] if is_space(source) else nested_spaces(source)
            folders += nested or [source]
            for path in markdown_files(source, set(nested)) if nested else []:
                self.note("source", f"{path}: outside the spaces of the repository: not imported")
        files = [s for s in sources if s.is_file()]
        several = len(folders) + bool(files) > 1
        spaces, names = [], set()
        for folder in folders:
            name = safe_name(folder.name).lower() if several else ""
            while name in names:
                name += "-2"
            names.add(name)
            notes: list[str] = []
            spaces.append(open_space(folder, self.out / name if name else self.out, notes))
            for message in notes:
                self.note("source", message)
        spaces += [
            Space(Path(normal(f.parent)), Path(normal(f.parent)), self.out, pages=[Path(normal(f))], loose=True)
            for f in files
        ]
        self.others = [s.folder for s in spaces if not s.loose]
        return spaces

    def plan(self, space: Space) -> list[str]:
        """The pages of a space, in order, each given its output path."""
        skip = [f for f in self.others if f != space.folder] + [self.out]
        if space.loose:
            sources = [normal(p) for p in space.pages]
        elif space.summary is not None:
            sources = self._summary_pages(space, skip)
        else:
            sources = [normal(p) for p in markdown_files(space.root, set(skip))]
            if space.readme is not None:
                sources = [normal(space.readme)] + [s for s in sources if s != normal(space.readme)]
        sources = [s for s in dict.fromkeys(sources) if not s.startswith(normal(self.out) + os.sep)]
        space.pages = [Path(s) for s in sources]
        for source in sources:
            self.pages[source] = self._output(Path(source), space)
        return sources

    def _summary_pages(self, space: Space, skip: list[Path]) -> list[str]:
        """The readme and the pages SUMMARY.md lists; the others are reported, as GitBook ignores them."""
        assert space.summary is not None
        found: list[str] = [normal(space.readme)] if space.readme else []

        def walk(items: list[NavItem]) -> None:
            """Record the pages of SUMMARY.md items and their titles, depth first."""
            for item in items:
                path = _on_disk(item.link, space.root) if item.link and not EXTERNAL.match(item.link) else None
                if path:
                    found.append(path)
                    self.titles.setdefault(path, item.title)
                walk(item.children)

        walk(parse_summary(space.summary))
        ignored = set(map(normal, markdown_files(space.root, set(skip)))) - set(found) - {normal(space.summary)}
        for path in sorted(ignored):
            rel = Path(path).relative_to(space.root).as_posix()
            self.note("source", f"{rel}: not listed in SUMMARY.md: not imported (GitBook does not publish it)")
        return found

    def _output(self, source: Path, space: Space) -> Path:
        """Output path of a page (README -> index.md); a page whose URL is taken is renamed (reported)."""
        readme = space.readme is not None and normal(space.readme) == normal(source)
        rel = Path("index.md") if readme else output_name(source.relative_to(space.root))
        if not readme and rel.name == "index.md" and source.parent == space.root and space.readme is not None:
            rel = Path("readme.md")
        output, n = space.out / rel, 1
        while self._url(output) in self.urls:
            n += 1
            output = space.out / rel.with_name(f"{rel.stem}-{n}.md")
        if n > 1:
            self.note(
                "source",
                f"{source}: same address as {self.urls[self._url(space.out / rel)]}: written as `{output.name}`",
            )
        self.urls[self._url(output)] = str(source)
        return output

    def _url(self, output: Path) -> str:
        """Site URL of an output page."""
        return page_url(self.nav_path(output), True)

    def nav_path(self, output: Path) -> str:
        """Path of an output file under docs_dir, as mkdocs.yml writes it."""
        return self.prefix + output.relative_to(self.out).as_posix()

    def title(self, source: str) -> str | None:
        """SUMMARY.md title of a page, else its own title."""
        return self.titles.get(source) or page_title(Path(source))

    def _page_entry(self, source: str) -> NavEntry:
        """`{title: path}` of a page, marked as listed."""
        path = self.nav_path(self.pages[source])
        self.listed.add(source)
        return {self.title(source) or Path(source).stem: path}

    def _item(self, item: NavItem, space: Space) -> NavEntry | None:
        """The nav entry of a SUMMARY.md item; a missing page is left out (reported)."""
        kids = [e for c in item.children if (e := self._item(c, space))]
        if item.link and EXTERNAL.match(item.link):
            return {item.title: item.link}
        path = _on_disk(item.link, space.root) if item.link else None
        if item.link and (path is None or path not in self.pages):
            self.note(
                "source",
                f"SUMMARY.md: `[{item.title}]({item.link})`: page missing from the source: left out of the nav",
            )
        elif path is not None and path not in self.listed:
            self.listed.add(path)
            nav = self.nav_path(self.pages[path])
            return {item.title: [nav, *kids]} if kids else {item.title: nav}
        return {item.title: kids} if kids else None

    def _folder(self, folder: Path, space: Space, index: str | None) -> list[Any]:
        """Nav of a folder when there is no SUMMARY.md: its README first, then files and sub-folders."""
        entries: list[Any] = []
        if index and index in self.pages:
            entries.append(self.nav_path(self.pages[index]))
            self.listed.add(index)
        for child in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
            path = normal(child)
            if child.name.startswith(".") or path == index:
                continue
            if child.is_dir():
                readme = next((normal(p) for p in child.glob("*") if p.stem.lower() == "readme"), None)
                sub = self._folder(child, space, readme)
                if sub:
                    title = (self.title(readme) if readme and readme in self.pages else None) or _folder_title(child)
                    entries.append({title: sub})
            elif path in self.pages and path not in self.listed and Path(path) in space.pages:
                entries.append(self._page_entry(path))
        return entries

    def space_nav(self, space: Space) -> list[Any]:
        """Nav entries of a space; pages not reached are appended."""
        readme = normal(space.readme) if space.readme else None
        if space.loose:
            return [self._page_entry(normal(p)) for p in space.pages]
        if space.summary is None:
            entries = self._folder(space.root, space, readme)
        else:
            entries = [e for item in parse_summary(space.summary) if (e := self._item(item, space))]
            if readme and readme not in self.listed:
                entries.insert(0, self.nav_path(self.pages[readme]))
                self.listed.add(readme)
        return entries + [self._page_entry(normal(p)) for p in space.pages if normal(p) not in self.listed]

    def space_title(self, space: Space) -> str:
        """Title of a space: its home page's title, else its folder name."""
        readme = normal(space.readme) if space.readme else None
        return (page_title(Path(readme)) if readme else None) or _folder_title(space.folder)

    def entry(self, spaces: list[Space], title: str) -> NavEntry | None:
        """The nav entry of the whole import: `{section title: entries}`."""
        real = [s for s in spaces if not s.loose]
        loose = [e for s in spaces if s.loose for e in self.space_nav(s)]
        if len(real) == 1 and not loose:
            entries, name = self.space_nav(real[0]), title or self.space_title(real[0])
        else:
            entries = [{self.space_title(s): self.space_nav(s)} for s in real] + loose
            name = title or _folder_title(self.out)
        return {name: entries} if entries else None

    def redirects(self, spaces: list[Space]) -> dict[str, str]:
        """mkdocs-redirects `redirect_maps` of the spaces' `.gitbook.yaml`, to pages that exist only."""
        maps: dict[str, str] = {}
        for space in spaces:
            found = space.config.get("redirects") or {}
            if not isinstance(found, dict):
                self.note("source", f"{space.folder / '.gitbook.yaml'}: redirects is not a mapping: ignored")
                continue
            for old, new in found.items():
                self._redirect(space, str(old), str(new), maps)
        return maps

    def _redirect(self, space: Space, old: str, new: str, maps: dict[str, str]) -> None:
        """Add one redirect to maps, or report why it is dropped."""
        where = f".gitbook.yaml: redirect `{old}` -> `{new}`"
        rel = old.strip().strip("/")
        if not rel or EXTERNAL.match(rel) or ".." in rel.split("/"):
            self.note("source", f"{where}: not a path of the space: dropped")
            return
        key = self.nav_path(space.out / (rel if rel.endswith(".md") else rel + ".md"))
        if EXTERNAL.match(new):
            value = new
        else:
            target = _on_disk(new, space.root)
            if target is None or target not in self.pages:
                self.note("source", f"{where}: target page missing from the source: dropped")
                return
            value = self.nav_path(self.pages[target])
        if page_url(key, True) in self.urls:
            self.note("source", f"{where}: `{old}` is the address of an imported page: dropped")
        elif key in maps:
            self.note("source", f"{where}: `{old}` is redirected twice: the first one is kept")
        else:
            maps[key] = value
