"""`make pdf`: the whole guide as one PDF with a table of contents, printed by Debian's Chromium.

Builds mkdocs.pdf.yml (mkdocs-print-site-plugin) strictly into a temporary folder, serves it on
127.0.0.1 and prints its print page on A4. Usage: python tools/pdf.py [--out guide-perennisation.pdf]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS  # tools/chromium.py

from perennisation.adapter import quiet_env

ROOT = Path(__file__).resolve().parent.parent


#: The plugin copies Material's sidebar table of contents, which is empty on this theme set-up:
#: list the pages' titles instead (the PDF outline, from outline=True, has every heading).
TABLE_OF_CONTENTS = """() => {
  const nav = document.querySelector('#print-page-toc nav');
  const list = document.createElement('ol');
  document.querySelectorAll('section.print-page h1[id]').forEach(heading => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#' + heading.id;
    link.textContent = heading.textContent.replace('\u00b6', '').trim();
    item.appendChild(link);
    list.appendChild(item);
  });
  nav.appendChild(list);
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def build(site: Path) -> None:
    """Strict build of the print configuration; exits with MkDocs' message on failure."""
    env = quiet_env()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.pdf.yml", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"make pdf: the build failed\n{done.stdout}{done.stderr}")


def print_pdf(site: Path, out: Path) -> int:
    """Print the site's print page to out; return its number of pages."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/print_page/", wait_until="networkidle")
            page.evaluate(TABLE_OF_CONTENTS)
            pdf = page.pdf(path=str(out), format="A4", print_background=True, outline=True, tagged=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def main() -> None:
    """Entry point of `make pdf`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="guide-perennisation.pdf")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        pages = print_pdf(site, ROOT / args.out)
    print(f"{args.out}: {pages} pages A4")


if __name__ == "__main__":
    main()
