"""Offline edition of the guide: a zip that works from file:// once unzipped (make offline).

Two roles in one file:

* run as a script (`python tools/offline.py [--output site-offline.zip]`), it builds the guide
  strictly with mkdocs.offline.yml into a temporary folder, checks that no page loads a script or a
  stylesheet from another origin, and writes the zip (files under one folder, fixed dates, so two
  builds of the same sources give the same zip). Nothing is written to --output when a step fails;
* loaded by MkDocs as a hook of mkdocs.offline.yml, it turns instant navigation off, keeps
  canonical links and the QR codes of workshop sheets on the published addresses, and drops the
  download link from the offline copy, which is that download. The search is the engine's
  (perennisation/search.py): its index is a script, which works from file:// as it is.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import yaml
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.offline.yml"
FOLDER = "guide-hors-ligne"  # the zip's single top folder
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
LEFT_OUT = {"404.html"}  # a server's error page, with absolute links: of no use from file://
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}


# ---------------------------------------------------------------------------
#  MkDocs hooks (mkdocs.offline.yml: `hooks: [tools/offline.py]`)
# ---------------------------------------------------------------------------
_DOWNLOAD_PARAGRAPH = re.compile(r"<p\b[^>]*>(?:(?!</p>).)*?site-offline\.zip(?:(?!</p>).)*?</p>\s*", re.S)
_DOWNLOAD_LINK = re.compile(r"<a\b[^>]*site-offline\.zip[^>]*>(.*?)</a>", re.S)


def on_page_content(html, page, config, files):
    """The offline copy is the download: its paragraph offering the zip is dropped."""
    html = _DOWNLOAD_PARAGRAPH.sub("", html)
    return _DOWNLOAD_LINK.sub(r"\1", html)


_published: dict[str, bool] = {}


@event_priority(100)  # before the plugins read their configuration
def on_config(config):
    """Turn instant navigation off and note the published URLs' form (for canonical links and QR codes).

    Instant navigation can't work from file://, and Material 9.7 then completes its document$ stream
    before the page has loaded: every script that waits for it (guide.js: check-lists, copy-link
    buttons…) would never run. Material's documentation asks to turn it off for offline builds.
    """
    features = config.theme["features"] if "features" in config.theme else []
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    _published["use_directory_urls"] = published_directory_urls(config)
    config.extra["pg_published_directory_urls"] = _published["use_directory_urls"]
    return config


def published_directory_urls(config) -> bool:
    """use_directory_urls of the published site: the value of the configuration INHERIT names."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    path = Path(config.config_file_path)
    with open(path, "rb") as source:
        parent = (yaml.load(source, Loader=get_yaml_loader()) or {}).get("INHERIT")  # noqa: S506 - MkDocs' loader
    if not parent:
        return True
    with open(path.parent / parent, "rb") as source:
        return bool(yaml_load(source).get("use_directory_urls", True))


def on_page_context(context, page, config, nav):
    """Canonical links name the published page (its-page/), not the offline file (its-page.html)."""
    if config.site_url:
        from mkdocs.structure.files import File

        online = File(page.file.src_uri, config.docs_dir, config.site_dir, _published["use_directory_urls"])
        page.canonical_url = urljoin(config.site_url, online.url)
    return context


# ---------------------------------------------------------------------------
#  Build and zip (the script)
# ---------------------------------------------------------------------------
class _Loads(HTMLParser):
    """Collects the addresses a page loads scripts and stylesheets from."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").lower().split()
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"])
        elif tag == "link" and values.get("href") and {"stylesheet", "preload", "modulepreload"} & set(rel):
            self.urls.append(values["href"])


def external_loads(site: Path) -> list[str]:
    """`page: url` for every script or stylesheet of the built site that comes from another origin."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            if re.match(r"^\s*(https?:)?//", url, re.I):
                found.append(f"{page.relative_to(site)}: {url}")
    return found


def write_zip(site: Path, output: Path) -> None:
    """Zip site under FOLDER/, deterministically, replacing output only once the zip is complete."""
    partial = output.with_name(output.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(
                p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in LEFT_OUT
            ):
                info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)


def build(output: Path) -> int:
    """Strict offline build into a temporary folder, checks, then the zip. Returns an exit code."""
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        site = Path(tmp) / "site"
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(CONFIG),
            "--site-dir",
            str(site),
        ]
        if subprocess.run(command, cwd=ROOT, env=ENV).returncode != 0:
            print("make offline: échec de la construction, aucun zip n'a été écrit.", file=sys.stderr)
            return 1
        problems = external_loads(site)
        if not (site / "search" / "index.js").is_file():
            problems.append("search/index.js manque : la recherche ne marcherait pas hors ligne")
        if problems:
            print("make offline: la version hors ligne chargerait des fichiers d'ailleurs :", file=sys.stderr)
            print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
            return 1
        output.parent.mkdir(parents=True, exist_ok=True)
        write_zip(site, output)
    print(f"Version hors ligne : {output} (ouvrir {FOLDER}/index.html après décompression)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "site-offline.zip", help="zip to write")
    args = parser.parse_args(argv)
    return build(args.output.resolve())


if __name__ == "__main__":
    sys.exit(main())
