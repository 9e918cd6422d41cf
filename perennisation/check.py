"""`make check`: every finding about content and data, one line each, without building the site.

Prints `file:line: level: message`; exits 1 when there is an error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import adapter
from .errors import Finding
from .guide import Guide, load_guide
from .messages import _
from .reader import reader_warnings
from .sections import check_heading_ids
from .templatecheck import used_ids


def _usage(guide: Guide) -> list[Finding]:
    """Warnings for check-lists, workshops and other data items used by no page."""
    used = set().union(*(used_ids(page.body) for page in guide.pages))
    used |= {("ateliers", str(page.meta.get("atelier"))) for page in guide.pages if page.type == "atelier"}
    return [
        Finding(doc.file, _("`{id}` is defined but no page uses it", id=ident), level="warning")
        for collection, items in guide.library.collections.items()
        for ident, doc in items.items()
        if (collection, ident) not in used
    ]


def collect(config_file: str = "mkdocs.yml") -> list[Finding]:
    """All findings for the project of config_file: the build's own (same code), then advice."""
    with open(os.devnull, "w") as quiet:
        stderr, sys.stderr = sys.stderr, quiet
        try:
            config = adapter.load_config(config_file)
        finally:
            sys.stderr = stderr
    guide = load_guide(config)
    return guide.findings + _usage(guide) + check_heading_ids(guide.pages) + reader_warnings(guide)


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
    where = Path(args.config_file).resolve().parent.name
    print(
        _("{errors} error(s), {warnings} warning(s) in {project}", errors=len(errors), warnings=warnings, project=where)
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
