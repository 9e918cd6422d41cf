"""Where a build spends its time: cProfile of one build, as a Markdown summary and a flame graph (SVG).

The flame graph is drawn from cProfile's caller/callee table: each box is a function called from
the box below it, as wide as the time spent in that call (children included). cProfile records
pairs, not whole stacks, so a function called from two places shows under both, each with the
share of its time that caller gave it.
"""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from html import escape
from pathlib import Path

from builds import ENV

WIDTH = 1200
ROW = 18
MIN_FRACTION = 0.004  # boxes narrower than this share of the build are left out
MAX_DEPTH = 40
COLOURS = {
    "perennisation": "#e8a33d",
    "mkdocs_macros": "#d9c36c",
    "material": "#7fa7d9",
    "mkdocs": "#9dc59b",
    "markdown": "#b9a0d8",
    "jinja2": "#e0938f",
    "pymdownx": "#c9b3e6",
}


def run_profile(project: Path, site: Path, output: Path) -> pstats.Stats:
    """cProfile of `mkdocs build` of project (a new process), saved to output."""
    command = [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stdout[-2000:])
    return pstats.Stats(str(output))


def _label(func: tuple[str, int, str]) -> str:
    """'module.py:function' for a cProfile function key."""
    path, line, name = func
    if path == "~":
        return name
    parts = Path(path).parts
    short = "/".join(parts[parts.index("site-packages") + 1 :]) if "site-packages" in parts else "/".join(parts[-2:])
    return f"{short}:{name}"


def _package(func: tuple[str, int, str]) -> str:
    path = func[0]
    for name in COLOURS:
        if f"{os.sep}{name}{os.sep}" in path:
            return name
    return ""


def summary(stats: pstats.Stats, limit: int = 25) -> str:
    """Markdown tables: total time, the engine's functions and the heaviest functions overall."""
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in entries.values())
    rows = sorted(((ct, tt, nc, func) for func, (cc, nc, tt, ct, _) in entries.items()), reverse=True)
    lines = [
        f"Durée totale sous cProfile : {total:.2f} s (cProfile ralentit surtout le code Python : "
        "les parts comptent, pas les secondes).",
        "",
    ]

    def table(title: str, selected: list[tuple[float, float, int, tuple[str, int, str]]]) -> None:
        lines.extend(
            [f"### {title}", "", "| Fonction | Appels | Cumulé | Propre | Part |", "|---|---:|---:|---:|---:|"]
        )
        for ct, tt, nc, func in selected[:limit]:
            lines.append(f"| `{_label(func)}` | {nc} | {ct:.3f} s | {tt:.3f} s | {100 * ct / total:.1f} % |")
        lines.append("")

    table(
        "Le moteur (perennisation) et mkdocs-macros",
        [r for r in rows if _package(r[3]) in ("perennisation", "mkdocs_macros")],
    )
    table("Les fonctions au temps propre le plus élevé", sorted(rows, key=lambda r: -r[1]))
    return "\n".join(lines)


def flame_svg(stats: pstats.Stats, title: str) -> str:
    """A flame graph (root at the bottom) of the caller/callee table."""
    entries = stats.stats  # type: ignore[attr-defined]
    children: dict[tuple, list[tuple[float, tuple]]] = {}
    for func, (_, _, _, _, callers) in entries.items():
        for caller, (_, _, _, ct) in callers.items():
            children.setdefault(caller, []).append((ct, func))
    root = max(entries, key=lambda func: entries[func][3])  # the outermost call: the whole build
    total = entries[root][3] or 1.0
    boxes: list[tuple[float, int, float, tuple]] = []

    def place(func: tuple, x: float, width: float, depth: int, path: frozenset) -> None:
        boxes.append((x, depth, width, func))
        if depth >= MAX_DEPTH:
            return
        offset = x
        for ct, child in sorted(children.get(func, []), reverse=True):
            share = min(ct, width - (offset - x))
            if share / total < MIN_FRACTION or (func, child) in path:
                continue
            place(child, offset, share, depth + 1, path | {(func, child)})
            offset += share

    place(root, 0.0, total, 0, frozenset())
    depth = max(d for _, d, _, _ in boxes) + 1
    height = depth * ROW + 40
    scale = WIDTH / total
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'font-family="monospace" font-size="11" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
        f'<text x="4" y="16" font-family="system-ui, sans-serif" font-size="13">{escape(title)}</text>',
    ]
    for x, d, width, func in boxes:
        top = height - (d + 1) * ROW
        w = width * scale
        label = _label(func)
        colour = COLOURS.get(_package(func), "#d7d7d7")
        tip = f"{label} — {width:.3f} s ({100 * width / total:.1f} %)"
        parts.append(
            f'<g><title>{escape(tip)}</title><rect x="{x * scale:.2f}" y="{top}" width="{max(w - 0.5, 0.5):.2f}" '
            f'height="{ROW - 1}" fill="{colour}"/>'
        )
        if w > 40:
            text = label if len(label) * 6.6 < w - 6 else label[: max(0, int((w - 6) / 6.6) - 1)] + "…"
            parts.append(f'<text x="{x * scale + 3:.2f}" y="{top + 12}">{escape(text)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
