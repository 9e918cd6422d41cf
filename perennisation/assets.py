"""The engine's own CSS and JavaScript, minified and fingerprinted for long browser caching.

When the build starts, every stylesheet and script of the theme layer (overrides/assets) is
minified (rcssmin, rjsmin) and named after a hash of its content: guide.css becomes
guide.<hash>.min.css. The manifest (source path -> published path) goes to `extra.pg_assets`, where
the theme's templates find the names they link to (partials/pg-assets.html), and the `scripts` map
of the browser loader names the fingerprinted modules. After the build the files are written into
the site, next to the originals (kept for anyone who links to them by their plain name).
A changed file gets a new name, so a browser may keep any of them for a year.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import adapter

#: Folders of the theme layer whose files are fingerprinted, with their minifier's name.
KINDS = {"assets/javascripts": ".js", "assets/stylesheets": ".css"}
HASH_LENGTH = 10


@dataclass
class Assets:
    """Minified files by their published path, and the manifest from source paths to those paths."""

    files: dict[str, bytes] = field(default_factory=dict)
    manifest: dict[str, str] = field(default_factory=dict)

    def published(self, path: str) -> str:
        """The fingerprinted path of a source path of the theme layer (itself when unknown)."""
        return self.manifest.get(path, path)


def minify(text: str, suffix: str) -> str:
    """Minified JavaScript or CSS (comments and spaces removed; the code itself unchanged)."""
    if suffix == ".js":
        from rjsmin import jsmin

        return str(jsmin(text, keep_bang_comments=False))
    from rcssmin import cssmin

    return str(cssmin(text, keep_bang_comments=False))


_cache: dict[tuple[str, int, int], tuple[str, bytes]] = {}


def fingerprint(path: Path, source: str) -> tuple[str, bytes]:
    """(published path, minified bytes) of one theme file; memoised on its size and date."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        data = minify(path.read_text(encoding="utf-8"), path.suffix).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
        folder, _, name = source.rpartition("/")
        stem = name[: -len(path.suffix)]
        _cache[key] = (f"{folder}/{stem}.{digest}.min{path.suffix}", data)
    return _cache[key]


def collect(theme: Path) -> Assets:
    """Minify and fingerprint the scripts and stylesheets of a theme folder."""
    assets = Assets()
    for folder, suffix in KINDS.items():
        for path in sorted((theme / folder).glob(f"*{suffix}")):
            if ".min." in path.name:
                continue
            source = f"{folder}/{path.name}"
            published, data = fingerprint(path, source)
            assets.manifest[source] = published
            assets.files[published] = data
    return assets


def module_names(scripts: dict[str, str], assets: Assets) -> dict[str, str]:
    """The loader's `selector -> module` map with fingerprinted file names ('checklist.<hash>.min.js')."""
    found = {}
    for selector, name in scripts.items():
        source = f"assets/javascripts/{name if name.endswith('.js') else name + '.js'}"
        found[selector] = assets.published(source).rpartition("/")[2] if source in assets.manifest else name
    return found


def write(config: object, assets: Assets) -> None:
    """Write the fingerprinted files into the built site."""
    site = adapter.site_dir(config)  # type: ignore[arg-type]
    for published, data in assets.files.items():
        target = site / published
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
