"""Benchmark of the guide: build, scale, what readers download, edit-to-preview.

Writes bench/RESULTS.md (tables, machine), bench/results.json (the figures, medians), bench/scale.svg
(build time and peak memory against page count), bench/PROFILE.md and bench/profile.svg (where a
build of the guide spends its time). Performance goals live here, never in timed tests.

  1. cold strict build of the guide (`python -m mkdocs build --strict`, new process, new site dir);
  2. macros overhead: non-strict build of a copy of the project with and without the macros plugin;
  3. synthetic playbooks of 100, 500, 1 000 and 5 000 pages: time, peak memory, growth;
  4. first load of every page, in Chromium, from a gzip server, until the network is idle;
  5. Lighthouse (mobile) on the home page, a step page and the check-lists page;
  6. edit-to-preview under `make serve`: a saved change to a page or a data file, until it is served;
  7. the GitBook importer on a 400-page synthetic space (bench/importer.py);
  8. a profile of one build of the guide.

Usage: python bench/run.py [--runs N] [--quick] [--sizes 100,1000] [--skip lighthouse,preview,…]   (make bench)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

import browser
import chart
import preview
import profiling
from builds import (
    GNU_TIME,
    ROOT,
    TEMPLATE_CACHE,
    BenchError,
    Series,
    copy_project,
    last_lines,
    make_playbook,
    progress,
    published_pages,
    run_once,
    run_series,
    write_config,
)

BENCH = ROOT / "bench"
RESULTS = BENCH / "RESULTS.md"
JSON = BENCH / "results.json"
SCALE_SVG = BENCH / "scale.svg"
PROFILE_MD = BENCH / "PROFILE.md"
PROFILE_SVG = BENCH / "profile.svg"
STEPS = ("guide", "macros", "playbooks", "weight", "lighthouse", "preview", "import", "profile")
# Targets (issue 14).
GUIDE_TARGET = 1.5  # s, cold strict build of the guide
MACROS_TARGET = 1.05  # build time with macros / without
GROWTH_TARGET = 10.5  # time(1 000 pages) / time(100 pages)
MEMORY_TARGET = 150  # MB, peak of the 1 000-page playbook
FIRST_LOAD_TARGET = 120_000  # bytes transferred, any page
LIGHTHOUSE_PERFORMANCE = 0.98
PREVIEW_TARGET = 1.0  # s
FULL_SIZES = (100, 500, 1000, 5000)
QUICK_SIZES = (100, 500)
IMPORT_PAGES = 400


@dataclass
class Row:
    """One line of a results table."""

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


def kilobytes(count: float) -> str:
    """Bytes as kB (1 kB = 1 000 bytes)."""
    return f"{count / 1000:.1f} ko"


class Bench:
    """The measures, their rows for RESULTS.md, their figures for results.json and the details."""

    def __init__(self, work: Path, runs: int, quick: bool) -> None:
        self.work, self.runs, self.quick = work, runs, quick
        self.rows: list[Row] = []
        self.figures: dict[str, float | None] = dict.fromkeys(
            (
                "guide_build_s",
                "macros_overhead",
                "ratio_1000_100",
                "rss_1000_mb",
                "rss_5000_mb",
                "step_first_load_kb",
                "home_first_load_kb",
                "edit_to_preview_s",
                "import_400_s",
            )
        )
        self.details: list[str] = []
        self.guide_site: Path | None = None

    # -- 1. the guide ------------------------------------------------------------------------
    def guide(self) -> None:
        """Cold strict build of the guide itself: first with no compiled template at all, then as usual."""
        progress("1. Build strict du guide")
        shutil.rmtree(TEMPLATE_CACHE, ignore_errors=True)
        first = Series("premier build, gabarits non compilés")
        run_once(first, ROOT, self.work, strict=True)
        series = Series("build strict")
        for _ in range(self.runs):
            try:
                run_once(series, ROOT, self.work, strict=True)
            except BenchError as error:
                raise BenchError(
                    "le build strict du guide échoue (make build) : corrigez-le puis relancez le benchmark",
                    error.output,
                ) from None
        self.guide_site = series.site
        self.figures["guide_build_s"] = round(series.seconds, 3)
        pages = len(published_pages(ROOT / "docs"))
        self.rows += [
            Row(f"Premier build strict du guide, aucun gabarit compilé ({pages} pages)", first.timing()),
            Row(
                f"Build strict à froid du guide ({pages} pages)",
                series.timing(),
                f"≤ {GUIDE_TARGET:g} s",
                series.seconds <= GUIDE_TARGET,
            ),
        ]

    # -- 2. macros overhead --------------------------------------------------------------------
    def macros(self) -> None:
        """Non-strict builds of one project copy with and without the macros plugin."""
        progress("2. Surcoût des macros (builds non stricts, avec et sans macros)")
        with_macros = copy_project(self.work / "with-macros")
        write_config(with_macros)
        without = copy_project(self.work / "without-macros")
        write_config(without, macros=False)
        alone = copy_project(self.work / "macros-alone")
        write_config(alone, macros=False, plugin_alone=True)
        projects = {"avec macros": with_macros, "sans macros": without, "mkdocs-macros seul": alone}
        series = run_series(projects, self.work, self.runs, strict=False)
        with_series, without_series, alone_series = (series[label] for label in projects)
        ratio = with_series.seconds / without_series.seconds
        cpu_ratio = with_series.cpu_seconds / without_series.cpu_seconds
        self.figures["macros_overhead"] = round(ratio, 3)
        self.rows += [
            Row("Build non strict avec macros", with_series.timing()),
            Row("Build non strict sans macros (Material seul)", without_series.timing()),
            Row(
                "mkdocs-macros seul, sans le moteur ni aucune page rendue (plancher du surcoût)",
                f"{alone_series.timing()} : {alone_series.seconds / without_series.seconds:.2f}×",
            ),
            Row(
                "Surcoût des macros (avec / sans)",
                f"{ratio:.2f}× (CPU {cpu_ratio:.2f}×)",
                f"≤ {MACROS_TARGET:.2f}×",
                ratio <= MACROS_TARGET,
            ),
        ]

    # -- 3. playbooks ----------------------------------------------------------------------------
    def playbooks(self, sizes: tuple[int, ...]) -> None:
        """Synthetic playbooks: time, pages per second, peak memory, growth; the scale chart."""
        progress(f"3. Playbooks synthétiques de {', '.join(map(str, sizes))} pages")
        measured: dict[int, Series] = {}
        for size in sizes:
            project = self.work / f"playbook-{size}"
            pages = make_playbook(project, size)
            runs = 1 if size >= 5000 else (min(self.runs, 3) if size >= 500 else self.runs)
            label = f"{pages} pages"
            series = run_series({label: project}, self.work, runs, strict=False)[label]
            measured[size] = series
            self.rows += [
                Row(
                    f"Playbook de {pages} pages : temps de build ({runs} mesure{'s' if runs > 1 else ''})",
                    series.timing(),
                ),
                Row(f"Playbook de {pages} pages : débit", f"{pages / series.seconds:.0f} pages/s"),
                Row(
                    f"Playbook de {pages} pages : mémoire maximale",
                    f"{series.peak_mb:.0f} Mo",
                    f"≤ {MEMORY_TARGET} Mo" if size == 1000 else "—",
                    series.peak_mb <= MEMORY_TARGET if size == 1000 else None,
                ),
            ]
            if series.site is not None:
                import shutil

                shutil.rmtree(series.site, ignore_errors=True)
        if 1000 in measured:
            self.figures["rss_1000_mb"] = round(measured[1000].peak_mb, 1)
        if 5000 in measured:
            self.figures["rss_5000_mb"] = round(measured[5000].peak_mb, 1)
        if 100 in measured and 1000 in measured:
            growth = measured[1000].seconds / measured[100].seconds
            self.figures["ratio_1000_100"] = round(growth, 3)
            cpu = measured[1000].cpu_seconds / measured[100].cpu_seconds
            self.rows.append(
                Row(
                    "Temps(1000) / temps(100)",
                    f"{growth:.2f}× (CPU {cpu:.2f}×)",
                    f"≤ {GROWTH_TARGET:g}×",
                    growth <= GROWTH_TARGET,
                )
            )
        points = [(size, s.seconds, s.peak_mb) for size, s in measured.items()]
        if len(points) >= 2:
            SCALE_SVG.write_text(
                chart.scale_chart(points, "Temps de build et mémoire maximale selon le nombre de pages", MEMORY_TARGET),
                encoding="utf-8",
            )

    # -- 4. first load -----------------------------------------------------------------------------
    def weight(self) -> None:
        """Every page of the guide opened cold in Chromium from a gzip server."""
        progress("4. Premier chargement de chaque page (Chromium, serveur gzip)")
        site = self._site()
        with browser.GzipServer(site) as server:
            loads = browser.first_loads(server.url, browser.site_pages(site))
        by_page = {load.page: load for load in loads}
        heaviest = max(loads, key=lambda load: load.total)
        step = next((p for p in by_page if p.startswith("methode/") and p.split("/")[1][:1].isdigit()), None)
        wanted = [("Accueil", ""), ("Page d'étape", step), ("Check-lists", "check-lists/")]
        for label, page in wanted:
            if page is None or page not in by_page:
                continue
            total = by_page[page].total
            self.rows.append(
                Row(
                    f"{label} (/{page}) : octets transférés au premier chargement",
                    kilobytes(total),
                    f"≤ {FIRST_LOAD_TARGET / 1000:g} ko",
                    total <= FIRST_LOAD_TARGET,
                )
            )
        self.rows.append(
            Row(
                f"Page la plus lourde (/{heaviest.page}) : premier chargement",
                kilobytes(heaviest.total),
                f"≤ {FIRST_LOAD_TARGET / 1000:g} ko",
                heaviest.total <= FIRST_LOAD_TARGET,
            )
        )
        self.figures["home_first_load_kb"] = round(by_page[""].total / 1000, 1) if "" in by_page else None
        self.figures["step_first_load_kb"] = round(by_page[step].total / 1000, 1) if step in by_page else None
        searched = [
            url
            for load in loads
            for url, _ in load.resources
            if "/search/" in url or "search." in url.rsplit("/", 1)[-1]
        ]
        self.rows.append(Row("Requêtes de la recherche à l'ouverture des pages", str(len(searched)), "0", not searched))
        columns = {label: by_page[page] for label, page in wanted if page in by_page}
        self.details += [
            "## Détail du premier chargement (octets transférés, gzip)",
            "",
            self._weight_table(columns),
            "",
        ]

    @staticmethod
    def _weight_table(columns: dict[str, browser.Load]) -> str:
        resources = list(dict.fromkeys(url for load in columns.values() for url, _ in load.resources))
        lines = ["| Ressource | " + " | ".join(columns) + " |", "|---" + "|---:" * len(columns) + "|"]
        for url in resources:
            cells = []
            for load in columns.values():
                sizes = [size for u, size in load.resources if u == url]
                cells.append(kilobytes(sum(sizes)) if sizes else "—")
            lines.append(f"| `{url}` | " + " | ".join(cells) + " |")
        return "\n".join(lines)

    # -- 5. Lighthouse -----------------------------------------------------------------------------
    def lighthouse(self) -> None:
        """Lighthouse (mobile preset) on three pages of the guide served with gzip."""
        progress("5. Lighthouse (mobile) : accueil, étape, check-lists")
        site = self._site()
        step = next(
            (p for p in browser.site_pages(site) if p.startswith("methode/") and p.split("/")[1][:1].isdigit()), ""
        )
        with browser.GzipServer(site) as server:
            for label, page in (("Accueil", ""), ("Page d'étape", step), ("Check-lists", "check-lists/")):
                audit = browser.lighthouse(server.url + page, page)
                if audit is None:
                    self.rows.append(Row("Lighthouse", "non installé (npm install dans le dépôt)"))
                    return
                if not audit.scores:
                    self.rows.append(Row(f"Lighthouse {label}", audit.metrics.get("erreur", "échec")))
                    continue
                scores = audit.scores
                others = all(scores.get(k) == 1 for k in ("accessibility", "best-practices", "seo"))
                shown = ", ".join(f"{k} {v:.2f}" for k, v in scores.items())
                self.rows.append(
                    Row(
                        f"Lighthouse mobile {label} (/{page})",
                        shown,
                        f"perf ≥ {LIGHTHOUSE_PERFORMANCE}, autres 1,00",
                        scores.get("performance", 0) >= LIGHTHOUSE_PERFORMANCE and others,
                    )
                )
                metrics = ", ".join(f"{k} {v}" for k, v in audit.metrics.items())
                self.details.append(f"- Lighthouse {label} : {metrics}")
        self.details.append("")

    # -- 6. edit to preview ------------------------------------------------------------------------
    def preview(self) -> None:
        """Edit-to-preview under make serve's server."""
        progress("6. Modification → aperçu (make serve)")
        trials = preview.measure(self.work, trials=3 if self.quick else 5)
        self.figures["edit_to_preview_s"] = round(trials.median, 3)
        self.rows += [
            Row(
                "Aperçu après modification d'une page (médiane)",
                f"{statistics.median(trials.page):.2f} s",
                f"≤ {PREVIEW_TARGET:g} s",
                statistics.median(trials.page) <= PREVIEW_TARGET,
            ),
            Row(
                "Aperçu après modification d'une donnée (médiane)",
                f"{statistics.median(trials.data):.2f} s",
                f"≤ {PREVIEW_TARGET:g} s",
                statistics.median(trials.data) <= PREVIEW_TARGET,
            ),
        ]

    # -- 7. importer -----------------------------------------------------------------------------
    def importer(self) -> None:
        """bench/importer.py (the importer's own measure), when it is there."""
        progress(f"7. Importeur GitBook ({IMPORT_PAGES} pages)")
        try:
            from importer import bench_import  # type: ignore[import-not-found]
        except ImportError:
            self.rows.append(Row(f"Import GitBook de {IMPORT_PAGES} pages", "non mesuré (bench/importer.py absent)"))
            return
        seconds = bench_import(pages=IMPORT_PAGES)
        self.figures["import_400_s"] = round(seconds, 3)
        self.rows.append(Row(f"Import GitBook de {IMPORT_PAGES} pages (médiane)", f"{seconds:.2f} s"))

    # -- 8. profile ------------------------------------------------------------------------------
    def profile(self) -> None:
        """cProfile of one non-strict build of the guide: PROFILE.md and profile.svg."""
        progress("8. Profil d'un build du guide (cProfile)")
        project = self.work / "profiled"
        if not project.exists():
            copy_project(project)
            write_config(project)
        stats = profiling.run_profile(project, self.work / "profiled-site", self.work / "build.prof")
        PROFILE_MD.write_text(
            "# Profil d'un build du guide\n\n"
            "`python -m cProfile -m mkdocs build` (non strict) d'une copie du guide, "
            f"{datetime.now().astimezone():%Y-%m-%d %H:%M}. "
            "Graphe de flammes : [profile.svg](profile.svg).\n\n" + profiling.summary(stats) + "\n",
            encoding="utf-8",
        )
        PROFILE_SVG.write_text(
            profiling.flame_svg(stats, "Build du guide : où va le temps (cProfile)"), encoding="utf-8"
        )
        self.rows.append(Row("Profil d'un build", "bench/PROFILE.md, bench/profile.svg"))

    def _site(self) -> Path:
        if self.guide_site is None or not self.guide_site.exists():
            series = Series("build strict (pour les mesures du navigateur)")
            run_once(series, ROOT, self.work, strict=True)
            self.guide_site = series.site
        assert self.guide_site is not None
        return self.guide_site


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


def version(package: str) -> str:
    """Installed version of a distribution, or '?'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def machine(load_at_start: str) -> list[tuple[str, str]]:
    """Description of the machine and of the tool versions."""
    memory = proc_value("/proc/meminfo", "MemTotal")
    if memory.endswith("kB"):
        memory = f"{int(memory.split()[0]) / 1024 / 1024:.1f} Gio"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(
        f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "playwright")
    )
    return [
        ("Système", platform.platform()),
        ("Processeur", proc_value("/proc/cpuinfo", "model name")),
        ("Cœurs disponibles (nproc)", str(cpus)),
        ("Mémoire totale", memory),
        ("Python", platform.python_version()),
        ("Outils", versions),
        (
            "Mesure de la mémoire",
            "/usr/bin/time -v" if GNU_TIME.exists() else "ru_maxrss du processus (enveloppe Python)",
        ),
        ("Charge moyenne 1/5/15 min (début → fin)", f"{load_at_start} → {load_average()}"),
    ]


NOTES = [
    "- Chaque build est un nouveau processus `python -m mkdocs build` dans un dossier de site neuf. Les cibles portent "
    "sur le temps écoulé ; le temps CPU (utilisateur + système) est donné entre parenthèses car il dépend moins de la "
    "charge de la machine (voir « Charge moyenne » plus bas : d'autres travaux sur la machine allongent les temps).",
    "- Build à froid : rien n'est repris d'un build précédent, ni page, ni donnée, ni index ; seul le code compilé "
    "des gabarits Jinja est gardé sur disque, comme Python garde ses `.pyc` (`perennisation/bytecode.py`, dossier "
    "`PERENNISATION_CACHE`, ici un dossier temporaire du benchmark). Le premier build, sans aucun gabarit compilé, "
    "est mesuré à part.",
    "- Surcoût des macros : copie temporaire du projet, `strict: false` avec et sans le plugin `macros` (sans macros, "
    "c'est Material seul avec ses plugins : ni le moteur, ni sa couche de thème). La ligne « mkdocs-macros seul » "
    "charge le plugin sans module ni page à rendre (`render_by_default: false`) : ce que coûte le plugin lui-même "
    "(ses imports, dont `requests`, et ses commandes git), que le moteur ne peut pas réduire.",
    "- Playbooks : pages du guide plus copies dans `docs/synthetic/`, en parties de 5 sections de 20 pages comme un "
    "vrai manuel, sans `nav:`, non strict. Le graphique `scale.svg` montre le temps et la mémoire selon le nombre "
    "de pages.",
    "- Premier chargement : chaque page ouverte dans Chromium (contexte neuf, cache vide) servie en gzip (niveau 6) "
    "sur la boucle locale, jusqu'au repos du réseau ; octets transférés = corps compressés + en-têtes, comptés par "
    "Chromium. La recherche ne charge rien avant sa première utilisation.",
    "- Lighthouse : préréglage mobile (réseau et processeur simulés), même serveur gzip.",
    "- Aperçu : serveur de `make serve` sur une copie du projet ; une modification est écrite, la page servie est "
    "demandée toutes les 20 ms jusqu'à ce qu'elle la montre (page : paragraphe ajouté ; donnée : premier élément "
    "d'une check-list).",
]


#: results.json keys: label, target as shown, test (None: measured, no target).
SUMMARY = {
    "guide_build_s": ("Build strict à froid du guide (s)", f"≤ {GUIDE_TARGET:g}", lambda v: v <= GUIDE_TARGET),
    "macros_overhead": ("Surcoût des macros (avec / sans)", f"≤ {MACROS_TARGET:.2f}×", lambda v: v <= MACROS_TARGET),
    "ratio_1000_100": ("Temps(1 000) / temps(100)", f"≤ {GROWTH_TARGET:g}×", lambda v: v <= GROWTH_TARGET),
    "rss_1000_mb": ("Mémoire maximale, 1 000 pages (Mo)", f"≤ {MEMORY_TARGET}", lambda v: v <= MEMORY_TARGET),
    "rss_5000_mb": ("Mémoire maximale, 5 000 pages (Mo)", "mesurée", None),
    "step_first_load_kb": (
        "Premier chargement d'une étape (ko gzip)",
        f"≤ {FIRST_LOAD_TARGET / 1000:g}",
        lambda v: v <= FIRST_LOAD_TARGET / 1000,
    ),
    "home_first_load_kb": (
        "Premier chargement de l'accueil (ko gzip)",
        f"≤ {FIRST_LOAD_TARGET / 1000:g}",
        lambda v: v <= FIRST_LOAD_TARGET / 1000,
    ),
    "edit_to_preview_s": (
        "Modification → aperçu sous make serve (s)",
        f"≤ {PREVIEW_TARGET:g}",
        lambda v: v <= PREVIEW_TARGET,
    ),
    "import_400_s": (f"Import GitBook de {IMPORT_PAGES} pages (s)", "mesurée", None),
}


def summary(figures: dict[str, float | None]) -> str:
    """The figures of results.json against their targets (a step skipped in this run keeps its last value)."""
    lines = ["| Clé | Mesure | Valeur | Cible | |", "|---|---|---:|---:|:-:|"]
    for key, (label, target, test) in SUMMARY.items():
        value = figures.get(key)
        status = "" if value is None or test is None else ("✅" if test(value) else "❌")
        lines.append(f"| `{key}` | {label} | {'—' if value is None else value} | {target} | {status} |")
    return "\n".join(lines)


def report(bench: Bench, runs: int, quick: bool, load_at_start: str, figures: dict[str, float | None]) -> str:
    """The whole RESULTS.md."""
    command = shlex.join([os.path.relpath(sys.executable, ROOT), "bench/run.py", *sys.argv[1:]])
    lines = ["# Résultats du benchmark", ""]
    if quick:
        lines += ["> ⚠️ Mode `--quick` : moins de mesures et petits playbooks, chiffres indicatifs.", ""]
    lines += [
        f"Date : {datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} — commande : `{command}` — "
        f"médiane de {runs} mesures par chiffre "
        "(une seule pour le playbook de 5 000 pages). Chiffres en JSON : [results.json](results.json).",
        "",
        "## Synthèse (bench/results.json)",
        "",
        summary(figures),
        "",
        "## Cette série",
        "",
        table(bench.rows),
        "",
        "![Temps de build et mémoire maximale selon le nombre de pages](scale.svg)",
        "",
        "## Notes",
        "",
        *NOTES,
        "",
        *bench.details,
        "## Machine",
        "",
        *[f"- {name} : {value}" for name, value in machine(load_at_start)],
        "",
    ]
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        description="Benchmark du guide (résultats dans bench/RESULTS.md et bench/results.json)."
    )
    parser.add_argument("--runs", type=int, help="mesures par chiffre, médiane retenue (5 par défaut, 1 avec --quick)")
    parser.add_argument(
        "--quick", action="store_true", help="test rapide : 1 mesure, playbooks de 100 et 500 pages, sans Lighthouse"
    )
    parser.add_argument("--sizes", help="tailles des playbooks, par ex. 100,1000 (défaut : 100,500,1000,5000)")
    parser.add_argument("--skip", default="", help=f"étapes à sauter parmi {','.join(STEPS)}")
    args = parser.parse_args()
    args.runs = args.runs or (1 if args.quick else 5)
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.quick:
        args.skip.add("lighthouse")
    if args.runs < 1 or args.skip - set(STEPS):
        parser.error(f"--runs doit être au moins 1, --skip parmi {','.join(STEPS)}")
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    args.sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else sizes
    return args


def main() -> int:
    """Run every measure, print the table, write the results."""
    args = parse_args()
    load_at_start = load_average()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        bench = Bench(Path(folder), args.runs, args.quick)
        steps = {
            "guide": bench.guide,
            "macros": bench.macros,
            "playbooks": lambda: bench.playbooks(args.sizes),
            "weight": bench.weight,
            "lighthouse": bench.lighthouse,
            "preview": bench.preview,
            "import": bench.importer,
            "profile": bench.profile,
        }
        try:
            for name in STEPS:
                if name not in args.skip:
                    steps[name]()
        except BenchError as error:
            if error.output:
                print(last_lines(error.output), file=sys.stderr)
            print(f"bench : {error}", file=sys.stderr)
            return 1
        finally:
            shutil.rmtree(TEMPLATE_CACHE, ignore_errors=True)
    previous = json.loads(JSON.read_text(encoding="utf-8")) if JSON.exists() else {}
    figures = {key: value if value is not None else previous.get(key) for key, value in bench.figures.items()}
    JSON.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    RESULTS.write_text(report(bench, args.runs, args.quick, load_at_start, figures), encoding="utf-8")
    print(table(bench.rows))
    progress(f"Résultats écrits dans {RESULTS.relative_to(ROOT)} et {JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
