"""SVG charts of the benchmark, drawn by hand (no plotting library): standard library only."""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 720, 300
MARGIN = {"left": 64, "right": 64, "top": 40, "bottom": 48}
TIME_COLOUR, MEMORY_COLOUR, TARGET_COLOUR = "#1f4fb5", "#b5401f", "#6b6b6b"


def _ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least top."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(count + 2) if step * (i - 1) < top]


def scale_chart(points: list[tuple[int, float, float]], title: str, memory_target: float | None = None) -> str:
    """Build time (left axis) and peak memory (right axis) against page count, as an SVG document.

    points: (pages, seconds, megabytes), in increasing page counts.
    """
    points = sorted(points)
    inner_w = WIDTH - MARGIN["left"] - MARGIN["right"]
    inner_h = HEIGHT - MARGIN["top"] - MARGIN["bottom"]
    max_pages = max(p for p, _, _ in points)
    time_ticks = _ticks(max(s for _, s, _ in points))
    memory_ticks = _ticks(max([m for _, _, m in points] + [memory_target or 0]))

    def x(pages: float) -> float:
        return MARGIN["left"] + inner_w * pages / max_pages

    def y(value: float, ticks: list[float]) -> float:
        return MARGIN["top"] + inner_h * (1 - value / ticks[-1])

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        'font-family="system-ui, sans-serif" font-size="12" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="14">{escape(title)}</text>',
    ]
    for tick in time_ticks:
        parts.append(
            f'<line x1="{MARGIN["left"]}" x2="{WIDTH - MARGIN["right"]}" y1="{y(tick, time_ticks):.1f}" '
            f'y2="{y(tick, time_ticks):.1f}" stroke="#e4e4e4"/>'
        )
        parts.append(
            f'<text x="{MARGIN["left"] - 6}" y="{y(tick, time_ticks) + 4:.1f}" text-anchor="end" '
            f'fill="{TIME_COLOUR}">{tick:g} s</text>'
        )
    for tick in memory_ticks:
        parts.append(
            f'<text x="{WIDTH - MARGIN["right"] + 6}" y="{y(tick, memory_ticks) + 4:.1f}" '
            f'fill="{MEMORY_COLOUR}">{tick:g} Mo</text>'
        )
    for pages, _, _ in points:
        parts.append(
            f'<text x="{x(pages):.1f}" y="{HEIGHT - MARGIN["bottom"] + 16}" text-anchor="middle">{pages}</text>'
        )
    parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT - 10}" text-anchor="middle">pages</text>')
    if memory_target:
        ty = y(memory_target, memory_ticks)
        parts.append(
            f'<line x1="{MARGIN["left"]}" x2="{WIDTH - MARGIN["right"]}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{TARGET_COLOUR}" stroke-dasharray="4 4"/>'
        )
        parts.append(
            f'<text x="{WIDTH - MARGIN["right"] - 4}" y="{ty - 4:.1f}" text-anchor="end" '
            f'fill="{TARGET_COLOUR}">cible mémoire {memory_target:g} Mo</text>'
        )
    for colour, index, ticks, label in (
        (TIME_COLOUR, 1, time_ticks, "temps de build"),
        (MEMORY_COLOUR, 2, memory_ticks, "mémoire maximale"),
    ):
        coords = " ".join(f"{x(p[0]):.1f},{y(p[index], ticks):.1f}" for p in points)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for p in points:
            value = f"{p[index]:.1f} s" if index == 1 else f"{p[index]:.0f} Mo"
            parts.append(
                f'<circle cx="{x(p[0]):.1f}" cy="{y(p[index], ticks):.1f}" r="3.5" fill="{colour}">'
                f"<title>{p[0]} pages : {value}</title></circle>"
            )
        legend_y = MARGIN["top"] + 4 + 16 * (index - 1)
        parts.append(
            f'<line x1="{MARGIN["left"] + 10}" x2="{MARGIN["left"] + 30}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        parts.append(f'<text x="{MARGIN["left"] + 36}" y="{legend_y + 4}" fill="{colour}">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
