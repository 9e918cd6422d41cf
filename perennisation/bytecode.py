"""Compiled Jinja templates kept from one build to the next, as Python keeps its `.pyc` files.

Compiling the theme's templates (Material's and the engine's) and the components' took about a tenth
of a build, every build, for templates that only change with an upgrade. Jinja's bytecode cache keeps
the compiled code on disk, keyed by the template's name and file and checked against a digest of its
source: an edited template is compiled again. Only compiled code is kept, never a page or a data file.

The folder is `$PERENNISATION_CACHE` when set (`off` turns the cache off), else
`$XDG_CACHE_HOME/perennisation` or `~/.cache/perennisation`. A folder that cannot be written only
means templates are compiled as before.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2 import __version__ as jinja_version

VARIABLE = "PERENNISATION_CACHE"
OFF = ("off", "0", "false", "no")


class _Cache(FileSystemBytecodeCache):
    """Jinja's file cache, which a read-only or vanished folder never makes fail."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def folder() -> Path | None:
    """The cache folder, or None when it is turned off."""
    chosen = os.environ.get(VARIABLE, "")
    if chosen.lower() in OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "perennisation"


def _settings(env: Environment) -> str:
    """What else than a template's source changes its compiled code: Jinja, Python and the syntax options."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else "function"
    options = (
        jinja_version,
        sys.version_info[:2],
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        autoescape,
        sorted(env.extensions),
    )
    return hashlib.sha256(repr(options).encode()).hexdigest()[:16]


def attach(env: Environment) -> None:
    """Give env the on-disk cache, unless it has one (the preview server keeps its own in memory)."""
    if env.bytecode_cache is not None:
        return
    root = folder()
    if root is None:
        return
    directory = root / f"jinja-{_settings(env)}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = _Cache(str(directory))
