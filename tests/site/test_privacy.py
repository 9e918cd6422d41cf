"""Privacy: the guide loads nothing from another origin and sets no cookie.

A static scan of the built files, then every page visited in Chromium."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, html

# <link rel> values that only describe a relation: the browser loads nothing for them.
NAVIGATION_RELS = {
    "canonical",
    "alternate",
    "prev",
    "next",
    "author",
    "license",
    "help",
    "bookmark",
    "external",
    "nofollow",
    "noopener",
    "noreferrer",
    "me",
    "tag",
    "edit",
}
LOADED = {  # element -> attributes the browser loads without a click
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
JS_NETWORK = re.compile(
    r"\b(fetch|XMLHttpRequest|importScripts|sendBeacon|WebSocket|EventSource|Worker|import)\s*\(|"
    r"\bnew\s+(XMLHttpRequest|WebSocket|EventSource|Worker|SharedWorker)\b"
)
JS_ABSOLUTE = re.compile(r"""["'`]\s*((?:[a-z][a-z0-9+.-]*:)?//[^"'`\s]*)""", re.I)
XML_NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/xlink")


def is_foreign(url: str) -> bool:
    """True when loading url would contact another origin than the one serving the guide."""
    url = url.strip()
    if url.lower().startswith(("data:", "blob:", "about:")) or not url:
        return False
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc or url.startswith("//"))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def own_scripts(site: Path) -> list[Path]:
    """JavaScript of the guide itself (overrides/ and docs/), as opposed to Material's bundles."""
    ours = {p.relative_to(ROOT / "overrides") for p in (ROOT / "overrides").rglob("*.js")}
    ours |= {p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.js")}
    # Published as written, or fingerprinted (name.<hash>.js) by the engine.
    return sorted({f for rel in ours for f in (site / rel.parent).glob(f"{rel.stem}*.js") if f.is_file()})


def test_no_html_file_loads_from_another_origin(site: Path) -> None:
    problems = []
    for path in html_files(site):
        rel = path.relative_to(site).as_posix()
        doc = html(path)
        for tag in doc.find_all("link"):
            rels = {value.lower() for value in tag.get("rel") or []}
            if rels - NAVIGATION_RELS and is_foreign(tag.get("href", "")):
                problems.append(f"{rel}: <link rel={' '.join(sorted(rels))}> loads {tag['href']}")
        for tag in doc.find_all(list(LOADED)):
            for attr in LOADED[tag.name]:
                value = tag.get(attr) or ""
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value]
                problems += [f"{rel}: <{tag.name} {attr}> loads {url}" for url in urls if is_foreign(url)]
        css = [tag.get("style", "") for tag in doc.find_all(style=True)] + [
            tag.get_text() for tag in doc.find_all("style")
        ]
        for text in css:
            for match in CSS_URL.finditer(text):
                url = match.group(2) if match.group(2) is not None else match.group(4)
                if is_foreign(url):
                    problems.append(f"{rel}: inline CSS loads {url}")
    assert not problems, "\n".join(problems)


def test_no_stylesheet_loads_from_another_origin(site: Path) -> None:
    sheets = sorted(site.rglob("*.css"))
    assert any(p.name.startswith("guide") for p in sheets) and any(p.name.startswith("main.") for p in sheets)
    problems = []
    for path in sheets:
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
            url = match.group(2) if match.group(2) is not None else match.group(4)
            if is_foreign(url):
                problems.append(f"{path.relative_to(site)}: {match.group(0)[:120]}")
    assert not problems, "\n".join(problems)


def test_the_guide_javascript_contacts_no_other_origin(site: Path) -> None:
    scripts = own_scripts(site)
    assert any(p.name.startswith("guide") for p in scripts), scripts
    problems = []
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        for match in JS_ABSOLUTE.finditer(text):
            if not match.group(1).startswith(XML_NAMESPACES):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(site)}:{line}: absolute URL {match.group(1)}")
        for match in JS_NETWORK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{path.relative_to(site)}:{line}: network call {match.group(0)!r} (the guide makes none)")
    assert not problems, "\n".join(problems)


def test_no_material_feature_contacts_a_third_party(site: Path) -> None:
    """Material's bundle holds URLs for features the guide does not enable (GitHub facts, analytics…)."""
    problems = []
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        if 'data-md-component="source"' in text:
            problems.append(
                f'{rel}: data-md-component="source" (Material would fetch repository facts from GitHub\'s API)'
            )
        if re.search(r"__md_analytics|googletagmanager|google-analytics|gtag\(", text):
            problems.append(f"{rel}: analytics")
        if 'data-md-component="consent"' in text:
            problems.append(f"{rel}: cookie consent form (something sets cookies)")
    assert not problems, "\n".join(problems)


def public_pages(site: Path) -> list[str]:
    """URL of every page of the site (redirect stubs excluded), the 404 page included."""
    urls = []
    for path in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        rel = path.parent.relative_to(site).as_posix()
        urls.append("" if rel == "." else rel + "/")
    return urls + ["404.html"]


@pytest.mark.browser
def test_every_page_and_the_search_stay_on_the_guide_origin_without_cookies(
    site: Path, base_url: str, context, guide, search_word: str
) -> None:
    search_term = search_word
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    visited: list[str] = []
    requests: list[tuple[str, str]] = []
    context.on("request", lambda request: requests.append((visited[-1] if visited else "?", request.url)))
    page = context.new_page()
    cookies = []
    start = time.monotonic()
    for url in public_pages(site):
        visited.append(url or "/")
        page.goto(base_url + url, wait_until="load")
        page.wait_for_timeout(150)
        if page.evaluate("document.cookie"):
            cookies.append(f"{url or '/'}: document.cookie = {page.evaluate('document.cookie')!r}")
    # The search script and its index load only when the search is used (tests/site/test_search.py).
    visited.append("/ (search)")
    page.goto(base_url, wait_until="load")
    query = page.locator("input.md-search__input")
    query.focus()
    query.press_sequentially(search_term, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)
    elapsed = time.monotonic() - start

    searched = [url for page_url, url in requests if page_url == "/ (search)"]
    assert any("/search/index.js" in url for url in searched), f"the search index was not loaded: {searched}"
    assert any("/assets/javascripts/search." in url for url in searched), (
        f"the search script was not loaded: {searched}"
    )
    foreign = sorted(
        {
            f"{page_url}: {url}"
            for page_url, url in requests
            if not url.startswith(origin + "/") and not url.startswith(("data:", "blob:", "about:"))
        }
    )
    assert not foreign, f"requests to another origin than {origin}:\n" + "\n".join(foreign)
    assert not cookies and context.cookies() == [], (cookies, context.cookies())
    assert len(visited) > len(guide.pages)
    print(f"\n{len(visited)} pages visited, {len(requests)} requests, all to {origin}, in {elapsed:.1f} s")
