"""What readers download: a built site served with gzip on loopback, opened cold in Chromium.

* `GzipServer` serves a folder as a production web server would: text files compressed with gzip
  (level 6), Content-Length set, nothing cached between browser contexts.
* `first_load()` opens a page in a new browser context (empty cache) and waits until the network is
  idle: every request the page made, with the bytes transferred (compressed body + headers), as
  Chromium counts them.
* `lighthouse()` runs Lighthouse (node_modules, mobile preset) on a page of that server.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - tools/ is not a package

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"}


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the browser accepts it (as nginx does)."""

    cache: dict[tuple[str, float], bytes]

    def log_message(self, *args: object) -> None:
        """No access log."""

    def send_head(self):  # type: ignore[no-untyped-def]
        """Send a compressed body for text files, else defer to the standard handler."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            index = path / "index.html"
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the standard redirect to the folder's URL
            path = index
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        key = (str(path), path.stat().st_mtime)
        body = self.cache.get(key)
        if body is None:
            body = self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        import io

        return io.BytesIO(body)


class GzipServer:
    """A folder served with gzip on 127.0.0.1 (random port), in a thread; use as a context manager."""

    def __init__(self, folder: Path) -> None:
        handler = type("Handler", (_GzipHandler,), {"cache": {}})
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
        )
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> GzipServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Load:
    """One cold page load: (path, bytes transferred) of every request, in order."""

    page: str
    resources: list[tuple[str, int]]

    @property
    def total(self) -> int:
        """Bytes transferred for the whole page."""
        return sum(size for _, size in self.resources)


def first_loads(base_url: str, pages: list[str]) -> list[Load]:
    """Open each page cold (new context, empty cache) in Chromium until the network is idle."""
    from playwright.sync_api import sync_playwright

    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page_url in pages:
                context = browser.new_context(locale="fr-FR")
                page = context.new_page()
                requests = []
                page.on("requestfinished", lambda request, found=requests: found.append(request))
                page.goto(base_url + page_url, wait_until="networkidle")
                page.wait_for_timeout(300)
                resources = []
                for request in requests:
                    sizes = request.sizes()
                    path = urlsplit(request.url).path if request.url.startswith(base_url) else request.url
                    resources.append((path, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
                found.append(Load(page_url, resources))
                context.close()
        finally:
            browser.close()
    return found


def site_pages(site: Path) -> list[str]:
    """URL of every page of a built site (folders with an index.html), redirections left out."""
    urls = []
    for path in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue
        rel = path.parent.relative_to(site).as_posix()
        urls.append("" if rel == "." else rel + "/")
    return urls


@dataclass
class Audit:
    """Lighthouse scores (0..1) by category and a few metrics of one page."""

    page: str
    scores: dict[str, float]
    metrics: dict[str, str]


def lighthouse(url: str, page: str) -> Audit | None:
    """Lighthouse (mobile, simulated throttling) on url; None when Lighthouse is not installed."""
    if not LIGHTHOUSE.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ]
        done = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": CHROMIUM, "HOME": folder},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or not report.exists():
            return Audit(page, {}, {"erreur": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "échec"})
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: category["score"] for name, category in data["categories"].items()}
    wanted = (
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
        "speed-index",
    )
    metrics = {name: data["audits"][name].get("displayValue", "") for name in wanted if name in data["audits"]}
    return Audit(page, scores, metrics)
