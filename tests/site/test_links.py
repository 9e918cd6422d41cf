"""Every link of the built guide resolves: internal files and anchors exist; external links are https."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

# Attributes that hold a URL, per element (raw HTML of pages and macros included: the built HTML is crawled).
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "object": ("data",),
    "form": ("action",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
EXTERNAL_OK = ("https", "mailto")
SITE_URL = str(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_url"])
# Files that `make build` adds to the site after `mkdocs build` (site-offline.zip…), read from the Makefile.
ARTIFACTS = frozenset(re.findall(r"\.site-tmp/([\w./-]+)", (ROOT / "Makefile").read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Link:
    page: str  # file of the site, relative ("methode/index.html")
    where: str  # "a[href]"
    url: str


class Crawl:
    """Links and ids of every HTML file of a built site."""

    def __init__(self, site: Path, site_url: str = SITE_URL, artifacts: frozenset[str] = ARTIFACTS) -> None:
        self.site = site
        self.artifacts = artifacts
        self.site_url = site_url.rstrip("/") + "/"
        self.prefix = urlsplit(self.site_url).path  # where the site is published ("/")
        self.links: list[Link] = []
        self.ids: dict[str, set[str]] = {}
        for path in sorted(site.rglob("*.html")):
            rel = path.relative_to(site).as_posix()
            doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            self.ids[rel] = {tag["id"] for tag in doc.find_all(id=True)} | {
                tag["name"] for tag in doc.find_all("a", attrs={"name": True})
            }
            for tag in doc.find_all(list(URL_ATTRS)):
                for attr in URL_ATTRS[tag.name]:
                    value = tag.get(attr)
                    if value is None:
                        continue
                    urls = (
                        [part.split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value]
                    )
                    self.links += [Link(rel, f"{tag.name}[{attr}]", url.strip()) for url in urls]
            for meta in doc.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
                match = re.search(r"url\s*=\s*(.+)$", meta.get("content", ""), re.I)
                if match:  # redirect stubs of mkdocs-redirects
                    self.links.append(Link(rel, "meta[refresh]", match.group(1).strip("'\" ")))

    def is_external(self, url: str) -> bool:
        parts = urlsplit(url)
        return bool(parts.scheme or parts.netloc) and not url.startswith(self.site_url)

    def external(self) -> dict[str, list[Link]]:
        found = defaultdict(list)
        for link in self.links:
            if self.is_external(link.url) and not link.url.startswith("data:"):
                found[link.url].append(link)
        return dict(found)

    def resolve(self, link: Link) -> tuple[str | None, str | None, str]:
        """(target file, fragment or None, problem): target is None when the link is broken."""
        url = link.url
        if url.startswith(self.site_url):  # absolute link to the published guide (canonical, QR codes…)
            url = self.prefix + url[len(self.site_url) :]
        parts = urlsplit(url)
        path = unquote(parts.path)
        fragment = unquote(parts.fragment) if "#" in url else None
        if not path:
            return link.page, fragment, ""  # "#id", "?q", "": the same page
        if path.startswith("/"):
            if not path.startswith(self.prefix):
                return None, None, f"root-relative path outside the published prefix {self.prefix}"
            joined = path[len(self.prefix) :]
        else:
            joined = posixpath.join(posixpath.dirname(link.page), path)
        target = posixpath.normpath(joined) if joined else "."
        if target == ".." or target.startswith("../"):
            return None, None, "goes above the root of the site"
        file = self.site / target
        if file.is_dir():
            target = posixpath.join(target, "index.html") if target != "." else "index.html"
            file = self.site / target
        elif path.endswith("/"):
            return None, None, f"no folder {target}/ in the site"
        if not file.is_file() and target not in self.artifacts:
            return None, None, f"no file {target} in the site"
        return target, fragment, ""

    def broken(self) -> list[str]:
        """One line per internal link that does not resolve to a file, or to an id of that file."""
        problems = []
        for link in self.links:
            if self.is_external(link.url) or link.url.startswith(("data:", "blob:")):
                continue
            target, fragment, problem = self.resolve(link)
            if target is None:
                problems.append(f"{link.page}: {link.where}={link.url!r}: {problem}")
            elif fragment and target.endswith(".html") and fragment not in self.ids[target]:
                problems.append(f"{link.page}: {link.where}={link.url!r}: no id={fragment!r} in {target}")
        return sorted(set(problems))


@cache
def crawl_of(site: Path) -> Crawl:
    return Crawl(site)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    crawl = crawl_of(site)
    pages = sum(1 for _ in ROOT.joinpath("docs").rglob("*.md"))
    assert len(crawl.ids) >= min(pages, 3) and len(crawl.links) > 10 * len(crawl.ids), "the crawl found too little"
    broken = crawl.broken()
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken)


def test_the_crawler_sees_every_kind_of_reference(site: Path) -> None:
    kinds = {link.where for link in crawl_of(site).links}
    assert {"a[href]", "link[href]", "script[src]"} <= kinds, kinds


def test_external_links_are_https_or_mailto(site: Path, tmp_path: Path) -> None:
    external = crawl_of(site).external()
    report = tmp_path / "external-links.txt"
    lines = []
    for url in sorted(external):
        pages = sorted({link.page for link in external[url]})
        lines.append(f"{url}\n" + "".join(f"    {page}\n" for page in pages))
    report.write_text("".join(lines), encoding="utf-8")
    hosts = {urlsplit(url).hostname for url in external if urlsplit(url).hostname}
    print(
        f"\n{len(external)} distinct external links ({sum(map(len, external.values()))} occurrences, "
        f"{len(hosts)} hosts), not fetched: report in {report}"
    )
    insecure = sorted(
        f"{url} (in {', '.join(sorted({link.page for link in links}))})"
        for url, links in external.items()
        if urlsplit(url).scheme not in EXTERNAL_OK
    )
    assert not insecure, "external links must be https:// (or mailto:); found:\n" + "\n".join(insecure)


def _write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>", encoding="utf-8")


def test_negative_control_the_crawler_reports_broken_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(
        site / "index.html",
        """
        <h1 id="top">Accueil</h1>
        <a href="page/#exists">ok</a> <a href="page/">ok</a> <a href="page">ok</a> <a href="#top">ok</a>
        <a href="#">ok</a> <a href="page/#named">ok</a> <a href="https://example.org/">external</a>
        <link rel="stylesheet" href="style.css"> <img src="data:image/png;base64,AAAA" alt="">
        <a href="https://guide.example/page/#exists">own absolute ok</a>
        <a href="page/#missing">broken anchor</a> <a href="#nowhere">broken local anchor</a>
        <a href="gone/">broken page</a> <script src="missing.js"></script>
        <img src="a.png" srcset="a.png 1x, b.png 2x" alt=""> <a href="../outside/">above root</a>
        <a href="https://guide.example/page/#absent">own absolute broken</a>
        <a href="http://insecure.example/">insecure</a> <a href="bundle.zip" download>added by make build</a>""",
    )
    _write(site / "page" / "index.html", '<h2 id="exists">Page</h2><a name="named"></a><a href="../#top">ok</a>')
    (site / "style.css").write_text("", encoding="utf-8")
    (site / "a.png").write_bytes(b"")
    crawl = Crawl(site, site_url="https://guide.example/", artifacts=frozenset({"bundle.zip"}))
    broken = crawl.broken()
    expected = [
        "'page/#missing'",
        "'#nowhere'",
        "'gone/'",
        "'missing.js'",
        "'b.png'",
        "'../outside/'",
        "'https://guide.example/page/#absent'",
    ]
    for needle in expected:
        assert sum(needle in line for line in broken) == 1, (needle, broken)
    assert len(broken) == len(expected), broken
    assert set(crawl.external()) == {"https://example.org/", "http://insecure.example/"}
