"""`make check`: every finding about content and data, one line each, without building the site.

Prints `file:line: level: message`; exits 1 when there is an error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment

from . import adapter
from .errors import Finding
from .guide import Guide, load_guide
from .hooks import GUIDE
from .sections import check_heading_ids
from .templatecheck import check_source, used_ids

#: Names mkdocs-macros gives every page besides the module's macros and `extra`.
MACROS_BUILTINS = {
    "config", "page", "navigation", "files", "environment", "plugin", "git", "extra", "macros",
    "filters", "filters_builtin", "context", "macros_info", "now", "fix_url",
}


class _Recorder:
    """Stands in for the mkdocs-macros plugin to learn which macros define_env registers."""

    def __init__(self, conf: Any) -> None:
        self.conf = conf
        self.names: set[str] = set()

    def macro(self, function: Any, name: str | None = None) -> None:
        self.names.add(name or function.__name__)


def _nav_sources(nav: Any) -> set[str]:
    """Every .md path named in the nav."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_sources(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_nav_sources(v) for v in nav.values())) if nav else set()
    return set()


def _usage(guide: Guide) -> list[Finding]:
    """Warnings for check-lists, workshops and other data items used by no page."""
    used = set().union(*(used_ids(page.body) for page in guide.pages))
    used |= {("ateliers", page.meta.get("atelier")) for page in guide.pages if page.type == "atelier"}
    return [
        Finding(doc.file, f"`{ident}` is defined but no page uses it", level="warning")
        for collection, items in guide.library.collections.items()
        for ident, doc in items.items()
        if (collection, ident) not in used
    ]


def collect(config_file: str = "mkdocs.yml") -> list[Finding]:
    """All findings for the project of config_file."""
    from . import define_env

    with open(os.devnull, "w") as quiet:
        stderr, sys.stderr = sys.stderr, quiet
        try:
            config = adapter.load_config(config_file)
        finally:
            sys.stderr = stderr
    recorder = _Recorder(config)
    try:
        define_env(recorder)
    except adapter.GeneratorError:
        pass  # the guide's findings are reported below, all of them
    guide = getattr(recorder, GUIDE, None) or load_guide(config)
    findings = list(guide.findings)
    jinja = Environment()
    known = recorder.names | MACROS_BUILTINS | set(adapter.extra(config)) | set(jinja.globals)
    for page in guide.pages:
        if page.meta.get("render_macros") is False:
            continue
        findings += check_source(jinja, page.body, page.file, page.body_line, known | set(page.meta), guide.library)
    if adapter.nav(config):
        in_nav = _nav_sources(adapter.nav(config))
        findings += [Finding(p.file, "page is not in the navigation (nav in mkdocs.yml)") for p in guide.pages if p.src not in in_nav]
    findings += _usage(guide)
    findings += check_heading_ids(guide.pages)
    return findings


def main(argv: list[str] | None = None) -> int:
    """Entry point of `make check` / `perennisation-check`."""
    parser = argparse.ArgumentParser(description="Check the guide's content and data.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-q", "--quiet", action="store_true", help="errors only")
    args = parser.parse_args(argv)
    adapter.quiet_notices()
    try:
        findings = collect(args.config_file)
    except adapter.ConfigError as error:
        print(f"{args.config_file}: error: {error}")
        return 1
    errors = [f for f in findings if f.level == "error"]
    for finding in findings:
        if finding.level == "error" or not args.quiet:
            print(finding)
    warnings = len(findings) - len(errors)
    print(f"{len(errors)} error(s), {warnings} warning(s) in {Path(args.config_file).resolve().parent.name}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
