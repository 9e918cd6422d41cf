"""`{{ retroplanning("id") }}`: from a target exit date back to the start window of each phase.

The months are counted here (date-free, so the table reads without JavaScript and in print); the
browser module assets/javascripts/retroplanning.js turns them into dates once a reader gives a date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import Finding
from .messages import _
from .render import component

if TYPE_CHECKING:
    from .guide import Guide


def windows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the plan: each phase and long item with its start window in months before the exit.

    Phases follow each other and the last one ends at the exit: a phase starts between the sum of
    the longest durations of itself and the phases after it (`earliest`) and the sum of the shortest
    (`latest`). A long item only has to end by the exit: its own durations.
    """
    rows: list[dict[str, Any]] = []
    phases = data["phases"]
    after_min = after_max = 0
    for phase in reversed(phases):
        rows.insert(
            0,
            {
                **phase,
                "kind": "phase",
                "earliest": after_max + phase["duree_max_mois"],
                "latest": after_min + phase["duree_min_mois"],
                "end_earliest": after_max,
                "end_latest": after_min,
            },
        )
        after_min += phase["duree_min_mois"]
        after_max += phase["duree_max_mois"]
    for item in data.get("jalons_longs") or []:
        rows.append(
            {
                **item,
                "kind": "long",
                "earliest": item["duree_max_mois"],
                "latest": item["duree_min_mois"],
                "end_earliest": 0,
                "end_latest": 0,
            }
        )
    return rows


def _bars(rows: list[dict[str, Any]]) -> None:
    """Each row on a time line from the earliest start of all to the exit, in percentages: a light part
    while the start is still open (earliest to latest start), then a solid part until its latest end."""
    total = max((r["earliest"] for r in rows), default=0) or 1

    def percent(months: int) -> float:
        return round(100 * months / total, 2)

    for row in rows:
        row["open_start"] = percent(total - row["earliest"])
        row["open_width"] = percent(row["earliest"] - row["latest"])
        row["bar_start"] = percent(total - row["latest"])
        row["bar_width"] = percent(row["latest"] - row["end_latest"])


def render_retroplanning(guide: Guide, url: str, ident: str, level: int = 3) -> str:
    """A date form and the table of phases and long items, with their start windows."""
    from .links import page_url

    data = guide.item("retroplanning", ident)
    rows = windows(data)
    _bars(rows)
    steps = {p.meta["etape"]: p for p in guide.steps}
    for row in rows:
        step = steps.get(row.get("etape"))
        row["step_href"] = page_url(guide, step.src, url) if step else None
    return component(
        "retroplanning",
        id=ident,
        data=data,
        phases=[r for r in rows if r["kind"] == "phase"],
        long_items=[r for r in rows if r["kind"] == "long"],
        total=max(r["earliest"] for r in rows),
        level=max(2, min(int(level), 5)),
        labels=guide.labels,
    )


def check_plans(guide: Guide) -> list[Finding]:
    """Durations that make sense, unique ids, and steps that exist, for every back-planning."""
    findings = []
    steps = {p.meta.get("etape") for p in guide.steps}
    for doc in guide.library.collections.get("retroplanning", {}).values():
        if doc.file in getattr(guide.library, "invalid", set()) or not isinstance(doc.data, dict):
            continue
        seen: dict[str, int | None] = {}
        for key in ("phases", "jalons_longs"):
            for i, item in enumerate(doc.data.get(key) or []):
                line = doc.line((key, i))
                if item["duree_min_mois"] > item["duree_max_mois"]:
                    low, high = item["duree_min_mois"], item["duree_max_mois"]
                    message = f"{key}[{i}]: " + _(
                        "duree_min_mois ({low}) is longer than duree_max_mois ({high})", low=low, high=high
                    )
                    findings.append(Finding(doc.file, message, line=doc.line((key, i, "duree_min_mois"))))
                if item["id"] in seen:
                    message = f"{key}[{i}]: " + _(
                        "duplicate {what} id `{id}` (first used at line {line})",
                        what=_("item"),
                        id=item["id"],
                        line=seen[item["id"]],
                    )
                    findings.append(Finding(doc.file, message, line=line))
                seen.setdefault(item["id"], line)
                if key == "phases" and "etape" in item and item["etape"] not in steps:
                    where = doc.line((key, i, "etape"))
                    message = f"phases[{i}].etape: " + _("no step {number}", number=item["etape"])
                    findings.append(Finding(doc.file, message, line=where))
    return findings
