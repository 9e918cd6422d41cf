"""Benchmark of the GitBook importer: a synthetic space imported into a small project, as a user runs it.

`bench_import(pages=400)` writes a synthetic GitBook space (tools/gitbook_synth.py) once, then times
`perennisation-import-gitbook SPACE --out docs/manuel --mkdocs mkdocs.yml` in a new process, each run
into a new project; it returns the median of the runs in seconds (target: under 5 s for 400 pages).

Usage: python bench/importer.py [PAGES] [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from gitbook_synth import make_space  # noqa: E402 - tools/ is not a package

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}
TARGET = 5.0  # seconds for 400 pages
PROJECT = """site_name: Banc d'essai de l'importeur
theme:
  name: material
  language: fr
  font: false
  features: [navigation.prune]
plugins:
  - search
  - redirects:
      redirect_maps: {}
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
nav:
  - index.md
"""


def import_once(space: Path, folder: Path) -> float:
    """Seconds taken by one import of space into a new project under folder."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(PROJECT, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "perennisation.gitbook",
        str(space),
        "--out",
        str(folder / "docs" / "manuel"),
        "--mkdocs",
        str(folder / "mkdocs.yml"),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"the import failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def bench_import(pages: int = 400, runs: int = 3) -> float:
    """Median seconds of `runs` imports of a synthetic space of `pages` pages."""
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        space = make_space(Path(tmp) / "space", pages=pages)
        return statistics.median(import_once(space, Path(tmp) / f"run-{n}") for n in range(runs))


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    median = bench_import(size, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    verdict = "ok" if size != 400 or median < TARGET else f"over the {TARGET:.0f} s target"
    print(f"GitBook import of {size} pages: {median:.2f} s (median) — {verdict}")
