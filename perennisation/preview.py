"""`make serve`: the guide on http://127.0.0.1:8000, shown again about a second after a saved change.

MkDocs' own development server (live reload, error pages), whose rebuilds reuse what did not change
(incremental.py): each rebuild is still a complete MkDocs build, so every page, menu and index is
what `mkdocs build` would write. Changes are noticed within a tenth of a second (MkDocs polls every
half second) and mkdocs-macros asks git for the repository's state once per server, not per rebuild.
Like adapter.py, this module is tied to MkDocs; `mkdocs build` never goes through it.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from . import adapter, output
from .incremental import PreviewPlugin, Session, theme_env

LOG = logging.getLogger("mkdocs.plugins.perennisation.preview")
POLLING = 0.1  # seconds between two looks at the watched files


class _QuietDirty(logging.Filter):
    """MkDocs warns on every `dirty` build; here only unchanged pages are left as they were written."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def remember_git_state() -> None:
    """mkdocs-macros runs a dozen git commands on every build: once per server is enough."""
    try:
        from mkdocs_macros import context
    except ImportError:  # pragma: no cover
        return
    if getattr(context.get_git_info, "remembered", False):
        return
    original = context.get_git_info
    state: dict[str, Any] = {}

    def get_git_info() -> Any:
        if "info" not in state:
            state["info"] = original()
        return state["info"]

    get_git_info.remembered = True  # type: ignore[attr-defined]
    context.get_git_info = get_git_info


def load(session: Session, site_dir: str, serve_url: str | None = None) -> tuple[Any, PreviewPlugin]:
    """The configuration of one rebuild, with the session's caches in place."""
    from mkdocs.config import load_config

    config = load_config(config_file=session.config_file, site_dir=site_dir)
    if serve_url:
        config.site_url = serve_url
    incremental = bool(session.layout) and session.files == session.file_set(config)
    plugin = PreviewPlugin(session, config, incremental)
    theme_env(session, config.theme, plugin.shared)
    config.plugins["perennisation/preview"] = plugin  # type: ignore[assignment]  # MkDocs registers its events
    return config, plugin


def rebuild(session: Session, site_dir: str, serve_url: str | None = None) -> float:
    """One complete build with the caches; returns its duration in seconds."""
    from mkdocs.commands.build import build

    started = time.perf_counter()
    session.converted = session.reused = session.rewritten = 0
    config, plugin = load(session, site_dir, serve_url)
    try:
        build(config, serve_url=serve_url, dirty=plugin.incremental)
    except BaseException:
        session.layout = ""  # the site folder may be half written: the next rebuild writes everything
        raise
    seconds = time.perf_counter() - started
    LOG.info(f"Rebuilt in {seconds:.2f} s: {session.converted} page(s) converted, {session.rewritten} written")
    return seconds


def serve(config_file: str, dev_addr: str, open_browser: bool = False) -> None:
    """MkDocs' live-reload server, rebuilding with the session's caches."""
    from mkdocs.livereload import LiveReloadServer, _serve_url

    adapter.quiet_notices()
    remember_git_state()
    logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())
    output.MEMO = {}  # typography of unchanged pages is reused
    session = Session(config_file)
    site_dir = tempfile.mkdtemp(prefix="perennisation-preview-")
    host, _, port = dev_addr.rpartition(":")
    first, _ = load(session, site_dir)
    first.plugins.on_startup(command="serve", dirty=False)
    mount = "/" + first.site_url.split("://", 1)[-1].partition("/")[2] if first.site_url else "/"
    serve_url = _serve_url(host, int(port), mount)

    def builder() -> None:
        rebuild(session, site_dir, serve_url)

    builder()
    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=int(port),
        root=site_dir,
        mount_path=mount,
        polling_interval=POLLING,
    )
    server.build_delay = 0.02  # MkDocs waits 0.1 s for more changes: an editor saves in one write

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    server = first.plugins.on_serve(server, config=first, builder=server.builder)
    for path in dict.fromkeys(str(p) for p in (first.docs_dir, first.config_file_path, *first.watch)):
        if os.path.exists(path):
            server.watch(path)
    try:
        server.serve(open_in_browser=open_browser)
    except KeyboardInterrupt:
        LOG.info("Shutting down...")
    finally:
        server.shutdown()
        first.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """`python -m perennisation.preview [-f mkdocs.yml] [-a 127.0.0.1:8000] [-o]` (make serve)."""
    parser = argparse.ArgumentParser(description="Serve the guide, shown again within a second of a saved change.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("-o", "--open", action="store_true", help="open the guide in a browser")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    serve(args.config_file, args.dev_addr, args.open)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
