"""Page dates: `mis_a_jour` in front matter, else the file's last commit date (full clones only).

The build date is never used: a page nobody reviewed must not look fresh. The git history is read
with one `git log` per build, parsed once; a shallow clone (CI's default) has no usable history.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Finding
from .messages import _
from .render import component

if TYPE_CHECKING:
    from .guide import Guide
    from .pages import PageInfo

FRONT_MATTER = "front-matter"
GIT = "git"


@dataclass(frozen=True)
class PageDate:
    """When a page was last updated, and where that date comes from."""

    iso: str  # YYYY-MM-DD
    source: str  # FRONT_MATTER or GIT


def normalise(meta: dict[str, Any]) -> None:
    """Turn the date YAML reads from `mis_a_jour: 2026-12-04` into its ISO text (schemas check text)."""
    value = meta.get("mis_a_jour")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        meta["mis_a_jour"] = value.isoformat()


def _git(folder: Path, *args: str) -> str | None:
    """Output of a git command run in folder, None when git or the repository is missing."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def commit_dates(folder: Path) -> dict[Path, str]:
    """Last commit date of every file under folder, from one `git log`; {} outside a full clone."""
    top = _git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if top is None or len(top.split()) != 2 or top.split()[1] != "false":
        return {}
    root = Path(top.split()[0])
    log = _git(folder, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".")
    dates: dict[Path, str] = {}
    current = ""
    for line in (log or "").splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and current:
            dates.setdefault((root / line).resolve(), current)
    return dates


def page_dates(pages: list[PageInfo], project: Path, docs: Path) -> dict[str, PageDate]:
    """Date of each page (by path from docs/): front matter first, else its last commit."""
    found: dict[str, PageDate] = {}
    history: dict[Path, str] | None = None
    for page in pages:
        value = page.meta.get("mis_a_jour")
        if isinstance(value, str) and _parse(value):
            found[page.src] = PageDate(value, FRONT_MATTER)
            continue
        if history is None:
            history = commit_dates(docs if docs.is_dir() else project)
        committed = history.get((docs / page.src).resolve())
        if committed:
            found[page.src] = PageDate(committed, GIT)
    return found


def _parse(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check_dates(pages: list[PageInfo], dates: dict[str, PageDate], today: dt.date | None = None) -> list[Finding]:
    """Errors for impossible or future dates; a warning for each page without any date."""
    today = today or dt.date.today()
    findings = []
    for page in pages:
        value = page.meta.get("mis_a_jour")
        line = page.lines.line(("mis_a_jour",)) if page.lines else None
        if isinstance(value, str) and len(value) == 10 and _parse(value) is None:
            message = "mis_a_jour: " + _("`{value}` is not a date (YYYY-MM-DD)", value=value)
            findings.append(Finding(page.file, message, line=line))
        elif isinstance(value, str) and (parsed := _parse(value)) and parsed > today:
            future = _("{value} is in the future (today is {today})", value=value, today=today.isoformat())
            message = "mis_a_jour: " + future
            findings.append(Finding(page.file, message, line=line))
        elif page.src not in dates and value is None:
            message = _(
                "no date: add `mis_a_jour: YYYY-MM-DD` to the front matter "
                "(no commit of this file in a full clone either)"
            )
            findings.append(Finding(page.file, message, line=1, level="warning"))
    return findings


def format_date(iso: str, labels: dict[str, str]) -> str:
    """'2026-12-04' -> '4 décembre 2026' with the month names and day format of the labels."""
    day = dt.date.fromisoformat(iso)
    months = [m.strip() for m in labels["date_months"].split(",")]
    number = labels["date_first_day"] if day.day == 1 else str(day.day)
    text = labels["date_format"].replace("{day}", number).replace("{month}", months[day.month - 1])
    return text.replace("{year}", str(day.year))


def theme_dates(dates: dict[str, PageDate], labels: dict[str, str]) -> dict[str, dict[str, str]]:
    """What the theme shows under each page: {src: {iso, text}} (overrides/main.html)."""
    return {src: {"iso": d.iso, "text": format_date(d.iso, labels)} for src, d in dates.items()}


def render_news(guide: Guide, from_url: str) -> str:
    """The « Nouveautés » list: date, page and note of every page with `nouveautes`, newest first."""
    from .links import page_url

    entries = []
    for page in guide.pages:
        note = page.meta.get("nouveautes")
        date = guide.dates.get(page.src)
        if not note or date is None:
            continue
        entries.append(
            {
                "iso": date.iso,
                "date": format_date(date.iso, guide.labels),
                "title": page.title,
                "href": page_url(guide, page.src, from_url),
                "note": note,
            }
        )
    entries.sort(key=lambda e: e["title"].lower())
    entries.sort(key=lambda e: e["iso"], reverse=True)  # stable sort: one day's pages stay in title order
    return component("nouveautes", entries=entries, labels=guide.labels)
