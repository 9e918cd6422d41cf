"""Builds for the benchmark: timed `mkdocs build` processes, project copies and synthetic playbooks."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml  # PyYAML, a dependency of MkDocs

ROOT = Path(__file__).resolve().parent.parent
#: The compiled templates the builds of one benchmark share (perennisation/bytecode.py): its own folder,
#: so that neither the user's cache nor an earlier benchmark changes the figures.
TEMPLATE_CACHE = Path(tempfile.gettempdir()) / f"perennisation-bench-cache-{os.getpid()}"
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "true",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PERENNISATION_CACHE": str(TEMPLATE_CACHE),
}
GNU_TIME = Path("/usr/bin/time")
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
PEAK_LINE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
CPU_LINE = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")
#: What a project copy holds (the engine and its theme come from the installed package).
PROJECT_PARTS = ("docs", "data")

#: Runs mkdocs in this process, then writes its CPU time and peak memory as GNU time does
#: (when /usr/bin/time is missing).
PEAK_WRAPPER = """
import resource, runpy, sys
report = sys.argv.pop(1)
sys.argv[0] = "mkdocs"
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(report, "w") as out:
        out.write(f"User time (seconds): {usage.ru_utime}\\nSystem time (seconds): {usage.ru_stime}\\n")
        out.write(f"Maximum resident set size (kbytes): {usage.ru_maxrss}\\n")
"""


class BenchError(Exception):
    """A build failed: message for the user, and the last lines of the build's output."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


def progress(message: str) -> None:
    """Progress on stderr; stdout carries only the results table."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class Build:
    """One mkdocs build: wall time, CPU time (user + system), peak resident memory, outcome."""

    seconds: float
    cpu_seconds: float
    peak_kb: int
    code: int
    output: str


def peak_command(mkdocs_args: list[str], report: Path) -> list[str]:
    """Command running `python -m mkdocs ARGS` that writes its CPU time and peak memory to report."""
    if GNU_TIME.exists():
        return [str(GNU_TIME), "-v", "-o", str(report), sys.executable, "-m", "mkdocs", *mkdocs_args]
    return [sys.executable, "-c", PEAK_WRAPPER, str(report), *mkdocs_args]


def build(project: Path, site: Path, strict: bool, config_file: str = "mkdocs.yml") -> Build:
    """Build project into the (new) folder site in a fresh process."""
    args = ["build", "--config-file", config_file, "--site-dir", str(site)] + (["--strict"] if strict else [])
    report = site.with_name(site.name + ".peak")
    started = time.perf_counter()
    done = subprocess.run(
        peak_command(args, report), cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    seconds = time.perf_counter() - started
    usage = report.read_text(encoding="utf-8") if report.exists() else ""
    peak = PEAK_LINE.search(usage)
    cpu = sum(float(value) for value in CPU_LINE.findall(usage))
    return Build(seconds, cpu, int(peak.group(1)) if peak else 0, done.returncode, done.stdout)


def last_lines(text: str, count: int = 25) -> str:
    """The end of a build's output, where mkdocs reports why it failed."""
    return "\n".join(text.rstrip().splitlines()[-count:])


@dataclass
class Series:
    """Repeated builds of one project; site is the folder of the last successful one."""

    label: str
    builds: list[Build] = field(default_factory=list)
    site: Path | None = None

    @property
    def seconds(self) -> float:
        """Median wall time."""
        return statistics.median(b.seconds for b in self.builds)

    @property
    def cpu_seconds(self) -> float:
        """Median CPU time (user + system): less sensitive than wall time to other work on the machine."""
        return statistics.median(b.cpu_seconds for b in self.builds)

    def timing(self) -> str:
        """'2.41 s (CPU 2.20 s)'."""
        return f"{self.seconds:.2f} s (CPU {self.cpu_seconds:.2f} s)"

    @property
    def peak_mb(self) -> float:
        """Median peak resident memory, in MB."""
        return statistics.median(b.peak_kb for b in self.builds) / 1024


def run_once(series: Series, project: Path, work: Path, strict: bool, keep: bool = False) -> None:
    """Add one build to series, in a new site folder; stop the benchmark if it fails."""
    site = Path(tempfile.mkdtemp(prefix="site-", dir=work))  # new and empty: nothing to reuse
    result = build(project, site, strict)
    if result.code != 0:
        raise BenchError(f"échec du build « {series.label} » (code {result.code})", result.output)
    if series.site is not None and not keep:
        shutil.rmtree(series.site, ignore_errors=True)
    series.builds.append(result)
    series.site = site
    progress(
        f"  {series.label} {len(series.builds)}: {result.seconds:.2f} s (CPU {result.cpu_seconds:.2f} s), "
        f"{result.peak_kb / 1024:.0f} Mo"
    )


def run_series(projects: dict[str, Path], work: Path, runs: int, strict: bool) -> dict[str, Series]:
    """Build each project `runs` times, interleaved so that drift of the machine hits them alike."""
    series = {label: Series(label) for label in projects}
    for _ in range(runs):
        for label, project in projects.items():
            run_once(series[label], project, work, strict)
    return series


# ---------------------------------------------------------------------------
#  Temporary copies of the project, with an edited mkdocs.yml
# ---------------------------------------------------------------------------


def copy_project(destination: Path) -> Path:
    """Copy docs/, data/ and mkdocs.yml to destination (the engine is the installed package)."""
    destination.mkdir(parents=True)
    for folder in PROJECT_PARTS:
        shutil.copytree(ROOT / folder, destination / folder, symlinks=True)
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def indent(line: str) -> int:
    """Number of leading spaces of a line."""
    return len(line) - len(line.lstrip(" "))


def drop_block(text: str, start: re.Pattern[str], what: str) -> str:
    """Remove the line matching start and every following line indented deeper (its YAML block)."""
    lines = text.splitlines(keepends=True)
    begin = next((i for i, line in enumerate(lines) if start.match(line)), None)
    if begin is None:
        raise BenchError(f"mkdocs.yml : {what} introuvable, la copie de configuration ne peut pas être préparée")
    end = begin + 1
    while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > indent(lines[begin])):
        end += 1
    return "".join(lines[:begin] + lines[end:])


def set_top_level(text: str, key: str, value: str) -> str:
    """Set a top-level scalar key of mkdocs.yml (added at the end when absent)."""
    pattern = re.compile(rf"^{key}:.*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(f"{key}: {value}", text, count=1)
    return text.rstrip("\n") + f"\n{key}: {value}\n"


def add_extra(text: str, values: dict[str, object]) -> str:
    """Add keys to the top-level `extra:` mapping of mkdocs.yml (JSON is valid YAML)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items()]
    found = re.search(r"^extra:[ \t]*(#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)", text, re.MULTILINE)
    if not found:
        return text.rstrip("\n") + "\nextra:\n" + "".join("  " + line for line in lines)
    margin = found.group(2) or "  "
    head = text.index("\n", found.start()) + 1
    return text[:head] + "".join(margin + line for line in lines) + text[head:]


def theme_variables(project: Path, text: str) -> dict[str, object]:
    """What the macros engine adds to `extra` for the theme (pg_labels, pg_site), which needs them."""
    language = re.search(r"^\s+language:\s*['\"]?([\w-]+)", text, re.MULTILINE)
    labels_file = project / "data" / "labels.yml"
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8")) if labels_file.exists() else {}
    labels = labels.get(language.group(1) if language else "fr", {}) if isinstance(labels, dict) else {}
    return {"pg_labels": labels, "pg_site": "site"}


def relaxed_config(
    text: str,
    macros: bool = True,
    nav: bool = True,
    extra: dict[str, object] | None = None,
    plugin_alone: bool = False,
) -> str:
    """mkdocs.yml made non-strict, optionally without the macros plugin and/or without nav.

    Other plugins and Markdown extensions (pymdownx.snippets and its auto_append) are kept. With
    plugin_alone, the macros entry becomes mkdocs-macros with no module and no page to render.
    """
    text = set_top_level(text, "strict", "false")
    text = re.sub(r"^(\s+omitted_files:)\s*\w+", r"\1 ignore", text, flags=re.MULTILINE)
    if not macros:
        text = drop_block(text, re.compile(r"^\s*- macros\b"), "l'entrée « - macros » de plugins")
        if plugin_alone:
            alone = "plugins:\n  - macros:\n      render_by_default: false\n"
            text = re.sub(r"^plugins:[ \t]*\n", alone, text, count=1, flags=re.MULTILINE)
    if not nav:
        text = drop_block(text, re.compile(r"^nav:"), "la clé « nav »")
    return add_extra(text, extra) if extra else text


def write_config(project: Path, macros: bool = True, nav: bool = True, plugin_alone: bool = False) -> None:
    """Rewrite the mkdocs.yml of a project copy with relaxed_config().

    Without macros, the theme still gets the variables the engine would have given it.
    """
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extra = None if macros else theme_variables(project, text)
    config.write_text(relaxed_config(text, macros, nav, extra, plugin_alone), encoding="utf-8")


# ---------------------------------------------------------------------------
#  Synthetic playbooks
# ---------------------------------------------------------------------------


def published_pages(docs: Path) -> list[Path]:
    """Markdown pages of docs/, without the unpublished folders (_includes/, _modeles/…)."""
    pages = docs.rglob("*.md")
    return sorted(p for p in pages if not any(part.startswith("_") for part in p.relative_to(docs).parts))


#: Page types whose copies lose their type: steps (numbered 1..N once) and the pages card indexes list.
#: A real playbook has a few index pages; if every copy of an index listed every copy of a case study,
#: the synthetic playbook would grow as the square of its size.
UNTYPED = ("etape", "cas", "trajectoire", "forme-juridique")


def untyped_copy(text: str) -> str:
    """A copy's text without what would list it on index pages: its `type` (and step number) for the
    types of UNTYPED, and its `nouveautes` note (the « Nouveautés » page lists every page that has one)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text
    front = re.sub(r"^nouveautes:.*\n", "", match.group(1), flags=re.MULTILINE)
    kinds = "|".join(UNTYPED)
    if re.search(rf"^type:\s*['\"]?({kinds})['\"]?\s*$", front, re.MULTILINE):
        front = re.sub(r"^(type|etape):.*\n", "", front, flags=re.MULTILINE)
    return f"---\n{front}---\n{text[match.end() :]}"


#: Copies are grouped as a real playbook is: parts of SECTIONS_PER_PART sections of SECTION_SIZE
#: pages. With navigation.sections, Material renders every page of the open top-level section in
#: each page's menu: one flat section of 1 000 pages would make the build quadratic.
SECTION_SIZE = 20
SECTIONS_PER_PART = 5


def rebased_links(text: str, source: str) -> str:
    """Relative Markdown links of a page at docs/<source> rewritten for a copy in docs/synthetic/<part>/<section>/."""
    folder = posixpath.dirname(source)

    def rebase(match: re.Match[str]) -> str:
        target, hash_mark, anchor = match.group(2).partition("#")
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(folder, target)), "synthetic/part/section")
        return match.group(1) + moved + hash_mark + anchor

    return re.sub(r"(\]\()(?![a-z]+:|#|/)([^)\s]+)", rebase, text)


def make_playbook(destination: Path, total: int) -> int:
    """A project copy of `total` pages: the guide's pages plus copies in sections of docs/synthetic/.

    Returns the page count.
    """
    project = copy_project(destination)
    write_config(project, nav=False)
    sources = published_pages(project / "docs")
    texts = []
    for page in sources:
        source = page.relative_to(project / "docs").as_posix()
        text = rebased_links(untyped_copy(page.read_text(encoding="utf-8")), source)
        texts.append((source.removesuffix(".md").replace("/", "-"), text))
    synthetic = project / "docs" / "synthetic"
    synthetic.mkdir()
    copies = max(0, total - len(sources))
    for number in range(copies):
        name, text = texts[number % len(texts)]
        part = f"partie-{number // (SECTION_SIZE * SECTIONS_PER_PART) + 1:02d}"
        section = synthetic / part / f"section-{number // SECTION_SIZE + 1:03d}"
        section.mkdir(parents=True, exist_ok=True)
        (section / f"{number + 1:04d}-{name}.md").write_text(text, encoding="utf-8")
    return len(sources) + copies
