"""Find runs of N consecutive words shared by the guide and the source material in ../shared/.

Usage: python tools/originality.py [N]   (default 10; exit 1 when a run is found)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORD = re.compile(r"[^\W_]+", re.UNICODE)
URL = re.compile(r"(?:https?|mailto):[^\s)>\]\"']+|\]\([^)]*\)")


def read_source(path: Path) -> str:
    """Read a source file, repairing the seed that was decoded as Mac Roman."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.name.startswith("000_"):
        try:
            text = text.encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return text


def words(text: str) -> list[str]:
    """Lower-cased words of the prose (addresses left out), typographic variants folded."""
    text = URL.sub(" ", text).replace("’", "'").replace("œ", "oe").lower()
    return WORD.findall(text)


def shingles(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    """All runs of n consecutive tokens."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def guide_files() -> list[Path]:
    """The prose of the guide: Markdown pages and YAML data."""
    files = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "data").rglob("*.yml"))
    return [f for f in files if "_modeles" not in f.parts]


def source_shingles(n: int) -> set[tuple[str, ...]]:
    """Every n-word run of the material in ../shared/ (seeds and reference)."""
    found: set[tuple[str, ...]] = set()
    for path in sorted(SHARED.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".txt", ""}:
            found |= shingles(words(read_source(path)), n)
    return found


def overlaps(n: int = 10) -> list[tuple[Path, str]]:
    """(file, run) for each run of n words of the guide found in the sources."""
    sources = source_shingles(n)
    result = []
    for path in guide_files():
        for run in sorted(shingles(words(path.read_text(encoding="utf-8")), n) & sources):
            result.append((path.relative_to(ROOT), " ".join(run)))
    return result


if __name__ == "__main__":
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: nothing to compare with.")
    found = overlaps(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
    for path, run in found:
        print(f"{path}: « {run} »")
    print(f"{len(found)} run(s) shared with ../shared/")
    sys.exit(1 if found else 0)
