"""Benchmark of the guide's build; figures printed and written to bench/RESULTS.md.

Measures (each figure is the median of --runs runs, 5 by default):
  1. cold strict build of the guide (`python -m mkdocs build --strict`, new process, new site dir);
  2. macros overhead: non-strict build of a copy of the project with and without the macros plugin;
  3. synthetic playbooks of 100 and 1 000 pages made of copies of the guide's pages:
     time, pages per second, peak memory, and how time grows from 100 to 1 000 pages;
  4. bytes transferred (gzip level 6) to open the home page and a step page cold.

Usage: python bench/run.py [--runs N] [--quick]      (make bench)
Only the standard library and the project's virtualenv are used.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import posixpath
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml  # PyYAML, a dependency of MkDocs

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}
GNU_TIME = Path("/usr/bin/time")
HOME_PAGE = ""
STEP_PAGE = "methode/1-definir-les-objectifs/"
MACROS_TARGET = 1.10  # build time with macros / without
GROWTH_TARGET = 1.10  # time(large)/time(small) at most 1.10 x the page ratio: 11x for 10x pages
STEP_PAGE_TARGET = 200_000  # bytes, gzip
FULL_SIZES = (100, 1000)
QUICK_SIZES = (50, 500)
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
PEAK_LINE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
CPU_LINE = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")

#: Runs mkdocs in this process, then writes its CPU time and peak memory as GNU time does (when /usr/bin/time is missing).
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


# ---------------------------------------------------------------------------
#  Running builds
# ---------------------------------------------------------------------------


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


def build(project: Path, site: Path, strict: bool) -> Build:
    """Build project into the (new) folder site in a fresh process."""
    args = ["build", "--site-dir", str(site)] + (["--strict"] if strict else [])
    report = site.with_name(site.name + ".peak")
    started = time.perf_counter()
    done = subprocess.run(peak_command(args, report), cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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


def run_once(series: Series, project: Path, work: Path, strict: bool) -> None:
    """Add one build to series, in a new site folder; stop the benchmark if it fails."""
    site = Path(tempfile.mkdtemp(prefix="site-", dir=work))  # new and empty: nothing to reuse
    result = build(project, site, strict)
    if result.code != 0:
        raise BenchError(f"échec du build « {series.label} » (code {result.code})", result.output)
    if series.site is not None:
        shutil.rmtree(series.site, ignore_errors=True)
    series.builds.append(result)
    series.site = site
    progress(f"  {series.label} {len(series.builds)}: {result.seconds:.2f} s (CPU {result.cpu_seconds:.2f} s), {result.peak_kb / 1024:.0f} Mo")


def run_series(projects: dict[str, Path], work: Path, runs: int, strict: bool) -> dict[str, Series]:
    """Build each project `runs` times, interleaved so that drift of the machine hits them alike."""
    series = {label: Series(label) for label in projects}
    for _ in range(runs):
        for label, project in projects.items():
            run_once(series[label], project, work, strict)
    return series


def progress(message: str) -> None:
    """Progress on stderr; stdout carries only the results table."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
#  Temporary copies of the project, with an edited mkdocs.yml
# ---------------------------------------------------------------------------


def copy_project(destination: Path) -> Path:
    """Copy docs/, data/ and mkdocs.yml to destination; macros/ and overrides/ are symlinked."""
    destination.mkdir(parents=True)
    for folder in ("docs", "data"):
        shutil.copytree(ROOT / folder, destination / folder, symlinks=True)
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    for engine in ("macros", "overrides"):
        (destination / engine).symlink_to(ROOT / engine)
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


def relaxed_config(text: str, macros: bool = True, nav: bool = True, extra: dict[str, object] | None = None) -> str:
    """mkdocs.yml made non-strict, optionally without the macros plugin and/or without nav.

    Other plugins and Markdown extensions (pymdownx.snippets and its auto_append) are kept.
    """
    text = set_top_level(text, "strict", "false")
    text = re.sub(r"^(\s+omitted_files:)\s*\w+", r"\1 ignore", text, flags=re.MULTILINE)
    if not macros:
        text = drop_block(text, re.compile(r"^\s*- macros\b"), "l'entrée « - macros » de plugins")
    if not nav:
        text = drop_block(text, re.compile(r"^nav:"), "la clé « nav »")
    return add_extra(text, extra) if extra else text


def write_config(project: Path, macros: bool = True, nav: bool = True) -> None:
    """Rewrite the mkdocs.yml of a project copy with relaxed_config().

    Without macros, the theme still gets the variables the engine would have given it.
    """
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extra = None if macros else theme_variables(project, text)
    config.write_text(relaxed_config(text, macros, nav, extra), encoding="utf-8")


# ---------------------------------------------------------------------------
#  Synthetic playbooks
# ---------------------------------------------------------------------------


def published_pages(docs: Path) -> list[Path]:
    """Markdown pages of docs/, without the unpublished folders (_includes/, _modeles/…)."""
    pages = docs.rglob("*.md")
    return sorted(p for p in pages if not any(part.startswith("_") for part in p.relative_to(docs).parts))


def untyped_step(text: str) -> str:
    """A step page's text without `type: etape` and `etape: N`, so step numbering stays 1..N."""
    match = FRONT_MATTER.match(text)
    if not match or not re.search(r"^type:\s*['\"]?etape['\"]?\s*$", match.group(1), re.MULTILINE):
        return text
    front = re.sub(r"^(type|etape):.*\n", "", match.group(1), flags=re.MULTILINE)
    return f"---\n{front}---\n{text[match.end():]}"


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
    """A project copy of `total` pages: the guide's pages plus copies in sections of docs/synthetic/; returns the page count."""
    project = copy_project(destination)
    write_config(project, nav=False)
    sources = published_pages(project / "docs")
    texts = []
    for page in sources:
        source = page.relative_to(project / "docs").as_posix()
        text = rebased_links(untyped_step(page.read_text(encoding="utf-8")), source)
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


# ---------------------------------------------------------------------------
#  Page weight
# ---------------------------------------------------------------------------


class PageResources(HTMLParser):
    """References a browser fetches while loading an HTML page, and Material's __config block."""

    LOADED_RELS = {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.config_text = ""
        self.has_search_form = False
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record stylesheets, icons, manifest, preloads, scripts and images (not prefetch)."""
        values = {name: value or "" for name, value in attrs}
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels & self.LOADED_RELS and values.get("href"):
            self.urls.append(values["href"])
        elif tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"])
        elif tag == "script" and values.get("id") == "__config":
            self._in_config = True
        elif tag == "form" and values.get("name") == "search":
            self.has_search_form = True

    def handle_endtag(self, tag: str) -> None:
        """End of Material's configuration block."""
        if tag == "script":
            self._in_config = False

    def handle_data(self, data: str) -> None:
        """Text of Material's configuration block."""
        if self._in_config:
            self.config_text += data


def material_startup(parser: PageResources, site: Path, page: str) -> list[str]:
    """What Material 9 fetches by script at start (checked in the 9.7 bundle), as URLs relative to page.

    Served over http(s), the bundle fetches sitemap.xml at once for instant navigation, starts
    the search worker as soon as the page has the search form, and immediately sends it
    search/search_index.json; the worker then loads lunr's language scripts. Only from file://
    does it wait for the search to be opened.
    """
    if not parser.config_text:
        return []
    config = json.loads(parser.config_text)
    base = urljoin("/" + page, config.get("base", ".") + "/")
    urls = []
    if "navigation.instant" in config.get("features", []):
        urls.append(urljoin(base, "sitemap.xml"))
    if parser.has_search_form and config.get("search"):
        worker = urljoin("/" + page, config["search"])
        urls += [worker, urljoin(base, "search/search_index.json")]
        index = site / "search" / "search_index.json"
        languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"] if index.exists() else []
        scripts = ["stemmer.support"] + [lang for lang in languages if lang != "en"] + (["multi"] if len(languages) > 1 else [])
        if len(scripts) > 1:
            urls += [urljoin(worker, f"../lunr/min/lunr.{name}.min.js") for name in scripts]
    return urls


def site_file(site: Path, url: str) -> Path:
    """The built file an absolute site path ('/assets/x.css', '/methode/') stands for."""
    path = urlsplit(url).path.lstrip("/")
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def same_origin(url: str, site_url: str) -> str | None:
    """url as a path from the site's root if it is served by the site itself, else None."""
    parts, own = urlsplit(url), urlsplit(site_url)
    if parts.scheme == "data" or url.startswith("data:"):
        return None
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc) or not parts.path.startswith(own.path or "/"):
            return None
        return "/" + parts.path[len(own.path or "/"):]
    return url


def gzip_size(path: Path) -> int:
    """Size of the file compressed as a web server would (gzip, level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def stylesheet_urls(path: Path, url: str) -> list[str]:
    """Same-site url(...) and @import references of a stylesheet, resolved from its URL."""
    css = path.read_text(encoding="utf-8", errors="replace")
    found = re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")\s]+)", css)
    return [urljoin(url, ref) for ref in found if not ref.startswith(("data:", "#", "http:", "https:", "//"))]


def page_weight(site: Path, page: str, site_url: str) -> list[tuple[str, int]] | None:
    """(URL, gzip bytes) of a page and of what it loads at start; None if the page was not built."""
    html = site_file(site, "/" + page)
    if not html.is_file():
        return None
    parser = PageResources()
    parser.feed(html.read_text(encoding="utf-8"))
    page_url = "/" + page
    own = [path for path in (same_origin(url, site_url) for url in parser.urls) if path]
    pending = [page_url] + [urljoin(page_url, path) for path in own] + material_startup(parser, site, page)
    weights, seen = [], set()
    while pending:
        url = urlsplit(pending.pop(0))._replace(query="", fragment="").geturl()
        path = site_file(site, url)
        if url in seen or not path.is_file():
            continue
        seen.add(url)
        weights.append((url, gzip_size(path)))
        if path.suffix == ".css":
            pending += stylesheet_urls(path, url)
    return weights


def site_url_of(config: Path) -> str:
    """site_url of a mkdocs.yml, read as text (the file holds Python tags a plain YAML loader refuses)."""
    found = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1) if found else "/"


# ---------------------------------------------------------------------------
#  Machine and report
# ---------------------------------------------------------------------------


def proc_value(path: str, key: str) -> str:
    """First `key: value` of a /proc file, or '?'."""
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.split(":")[0].strip() == key:
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def load_average() -> str:
    """Load average over 1, 5 and 15 minutes: other work on the machine slows the builds down."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def machine(load_at_start: str) -> list[tuple[str, str]]:
    """Description of the machine and of the tool versions."""
    memory = proc_value("/proc/meminfo", "MemTotal")
    if memory.endswith("kB"):
        memory = f"{int(memory.split()[0]) / 1024 / 1024:.1f} Gio"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin"))
    return [
        ("Système", platform.platform()),
        ("Processeur", proc_value("/proc/cpuinfo", "model name")),
        ("Cœurs disponibles (nproc)", str(cpus)),
        ("Mémoire totale", memory),
        ("Python", platform.python_version()),
        ("Outils", versions),
        ("Mesure de la mémoire", "/usr/bin/time -v" if GNU_TIME.exists() else "ru_maxrss du processus (enveloppe Python)"),
        ("Charge moyenne 1/5/15 min (début → fin)", f"{load_at_start} → {load_average()}"),
    ]


def version(package: str) -> str:
    """Installed version of a distribution, or '?'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


@dataclass
class Row:
    """One line of the results table."""

    label: str
    value: str
    target: str = "—"
    ok: bool | None = None

    def cells(self) -> list[str]:
        """Table cells; the status is blank for figures without target."""
        status = "" if self.ok is None else ("✅" if self.ok else "❌")
        return [self.label, self.value, self.target, status]


def table(rows: list[Row]) -> str:
    """Markdown table of the figures."""
    lines = ["| Mesure | Valeur | Cible | |", "|---|---:|---:|:-:|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def kilobytes(count: int) -> str:
    """Bytes as kB (1 kB = 1 000 bytes)."""
    return f"{count / 1000:.1f} ko"


# ---------------------------------------------------------------------------
#  The measures
# ---------------------------------------------------------------------------


def measure_guide(work: Path, runs: int) -> tuple[list[Row], Series]:
    """Cold strict build of the guide itself."""
    progress("1. Build strict du guide")
    first = Series("build strict")
    try:
        run_once(first, ROOT, work, strict=True)
    except BenchError as error:
        raise BenchError("le build strict du guide échoue (make build) : corrigez-le puis relancez le benchmark", error.output) from None
    for _ in range(runs - 1):
        run_once(first, ROOT, work, strict=True)
    pages = len(published_pages(ROOT / "docs"))
    return [Row(f"Build strict à froid du guide ({pages} pages)", first.timing())], first


def measure_macros(work: Path, runs: int) -> list[Row]:
    """Non-strict builds of one project copy with and without the macros plugin."""
    progress("2. Surcoût des macros (builds non stricts, avec et sans macros)")
    with_macros = copy_project(work / "with-macros")
    write_config(with_macros)
    without = copy_project(work / "without-macros")
    write_config(without, macros=False)
    series = run_series({"avec macros": with_macros, "sans macros": without}, work, runs, strict=False)
    with_series, without_series = series["avec macros"], series["sans macros"]
    ratio = with_series.seconds / without_series.seconds
    cpu_ratio = with_series.cpu_seconds / without_series.cpu_seconds
    return [
        Row("Build non strict avec macros", with_series.timing()),
        Row("Build non strict sans macros", without_series.timing()),
        Row("Surcoût des macros (avec / sans, non strict des deux côtés)", f"{ratio:.2f}× (CPU {cpu_ratio:.2f}×)", f"≤ {MACROS_TARGET:.2f}×", ratio <= MACROS_TARGET),
    ]


def measure_playbooks(work: Path, runs: int, sizes: tuple[int, int]) -> list[Row]:
    """Synthetic playbooks of two sizes: time, pages per second, peak memory, growth."""
    progress(f"3. Playbooks synthétiques de {sizes[0]} et {sizes[1]} pages")
    rows, measured = [], []
    for size in sizes:
        project = work / f"playbook-{size}"
        pages = make_playbook(project, size)
        series = run_series({f"{pages} pages": project}, work, runs, strict=False)[f"{pages} pages"]
        measured.append((pages, series.seconds, series.cpu_seconds))
        rows += [
            Row(f"Playbook de {pages} pages : temps de build", series.timing()),
            Row(f"Playbook de {pages} pages : débit", f"{pages / series.seconds:.0f} pages/s"),
            Row(f"Playbook de {pages} pages : mémoire maximale", f"{series.peak_mb:.0f} Mo"),
        ]
    (small, small_time, small_cpu), (large, large_time, large_cpu) = measured
    growth, limit = large_time / small_time, GROWTH_TARGET * large / small
    rows.append(Row(f"Temps({large}) / temps({small})", f"{growth:.2f}× (CPU {large_cpu / small_cpu:.2f}×)", f"≤ {limit:.3g}×", growth <= limit))
    return rows


def measure_weight(site: Path) -> tuple[list[Row], str]:
    """Gzip bytes to open the home page and a step page cold, and a table of each resource."""
    progress("4. Poids des pages (gzip niveau 6)")
    site_url = site_url_of(ROOT / "mkdocs.yml")
    rows, columns = [], {}
    for label, page, target in (("Accueil", HOME_PAGE, None), ("Page d'étape", STEP_PAGE, STEP_PAGE_TARGET)):
        weights = page_weight(site, page, site_url)
        limit = f"≤ {target / 1000:g} ko" if target else "—"
        if weights is None:
            rows.append(Row(f"{label} (/{page}) : octets transférés", "page absente", limit, False if target else None))
            continue
        total = sum(size for _, size in weights)
        rows.append(Row(f"{label} (/{page}) : octets transférés à l'ouverture", kilobytes(total), limit, total <= target if target else None))
        columns[label] = {("(la page HTML)" if url == "/" + page else url): size for url, size in weights}
    return rows, weight_table(columns)


def weight_table(columns: dict[str, dict[str, int]]) -> str:
    """Markdown table: one line per resource, one column per page, gzip sizes."""
    resources = list(dict.fromkeys(url for sizes in columns.values() for url in sizes))
    lines = ["| Ressource | " + " | ".join(columns) + " |", "|---" + "|---:" * len(columns) + "|"]
    for url in resources:
        cells = [kilobytes(sizes[url]) if url in sizes else "—" for sizes in columns.values()]
        lines.append(f"| `{url}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(rows: list[Row], details: str, runs: int, quick: bool, load_at_start: str) -> str:
    """The whole RESULTS.md."""
    command = shlex.join([os.path.relpath(sys.executable, ROOT), "bench/run.py", *sys.argv[1:]])
    lines = ["# Résultats du benchmark", ""]
    if quick:
        lines += ["> ⚠️ Mode `--quick` (test rapide) : moins de mesures et petits playbooks, chiffres indicatifs.", ""]
    lines += [
        f"Date : {datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} — commande : `{command}` — médiane de {runs} mesures par chiffre.",
        "",
        table(rows),
        "",
        "## Notes",
        "",
        "- Chaque build est un nouveau processus `python -m mkdocs build` dans un dossier de site neuf. "
        "Les cibles portent sur le temps écoulé ; le temps CPU (utilisateur + système) est donné entre parenthèses "
        "car il dépend moins de la charge de la machine (voir « Charge moyenne » plus bas).",
        "- Surcoût des macros : copie temporaire du projet, `strict: false` avec et sans le plugin `macros` "
        "(sans macros, les pages montrent le Jinja brut et le build strict échouerait) ; les deux variantes sont non strictes.",
        f"- Playbooks : pages du guide plus copies dans `docs/synthetic/`, en parties de {SECTIONS_PER_PART} sections de {SECTION_SIZE} pages comme un vrai manuel (étapes copiées sans `type`/`etape`), sans `nav:`, non strict. Avec `navigation.sections`, Material écrit dans le menu de chaque page toutes les pages de la section de premier niveau ouverte : une section plate de 1 000 pages rendrait le build quadratique.",
        "- Poids : HTML + feuilles de style, scripts, images, icônes et manifeste de même origine (pas les `prefetch`), "
        "compressés en gzip niveau 6 ; 1 ko = 1 000 octets. Servi en http(s), Material 9 charge aussi dès l'ouverture "
        "`sitemap.xml` (navigation instantanée), le worker de recherche, `search/search_index.json` et les scripts de langue de lunr : "
        "ils sont comptés. Ce n'est qu'en `file://` qu'il attend l'ouverture de la recherche.",
        "",
        "## Détail du poids (gzip niveau 6)",
        "",
        details,
        "",
        "## Machine",
        "",
        *[f"- {name} : {value}" for name, value in machine(load_at_start)],
        "",
    ]
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description="Benchmark du build du guide (résultats dans bench/RESULTS.md).")
    parser.add_argument("--runs", type=int, help="nombre de mesures par chiffre, médiane retenue (5 par défaut, 3 avec --quick)")
    parser.add_argument("--quick", action="store_true", help=f"test rapide : 3 mesures, playbooks de {QUICK_SIZES[0]} et {QUICK_SIZES[1]} pages")
    args = parser.parse_args()
    args.runs = args.runs or (3 if args.quick else 5)
    if args.runs < 1:
        parser.error("--runs doit être au moins 1")
    return args


def main() -> int:
    """Run every measure, print the table, write bench/RESULTS.md."""
    args = parse_args()
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    load_at_start = load_average()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        try:
            rows, guide = measure_guide(work, args.runs)
            rows += measure_macros(work, args.runs)
            rows += measure_playbooks(work, args.runs, sizes)
            weight_rows, details = measure_weight(guide.site)
            rows += weight_rows
        except BenchError as error:
            if error.output:
                print(last_lines(error.output), file=sys.stderr)
            print(f"bench : {error}", file=sys.stderr)
            return 1
    RESULTS.write_text(report(rows, details, args.runs, args.quick, load_at_start), encoding="utf-8")
    print(table(rows))
    progress(f"Résultats écrits dans {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
