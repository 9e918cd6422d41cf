"""axe-core in Chromium, shared by the accessibility tests (tests/site/, tests/engine/).

axe-core is the npm package pinned in package.json (node_modules/, installed by `make test`).
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Rules switched off because they are proven false positives on this site: rule id -> the proof.
# Only such rules belong here; everything else is fixed in the theme or the content. Empty today.
ALLOW_LIST: dict[str, str] = {}

# Waits for the page's finite CSS transitions and animations (header, tabs…): axe must measure
# colours at rest, not halfway through a fade.
SETTLE = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))"""

RUN_AXE = """async ([context, options]) => {
  const results = await axe.run(context || document, options);
  return results.violations.map(v => ({
    id: v.id, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
  }));
}"""


def site_pages(site: Path) -> list[str]:
    """URL (relative to the site's root) of every HTML page: each index.html, plus 404.html.

    Redirect stubs (mkdocs-redirects) are not pages: the browser leaves them at once."""
    urls = []
    for file in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in file.read_text(encoding="utf-8")[:2000]:
            continue
        rel = file.relative_to(site).as_posix()
        urls.append(rel.removesuffix("index.html") if file.name == "index.html" else rel)
    return urls


def axe_page(browser, scheme: str):
    """One browser page in the given palette, reused for every URL (Material follows
    prefers-color-scheme on a first visit: the palettes in mkdocs.yml are tied to it)."""
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)"
    context = browser.new_context(locale="fr-FR", color_scheme=scheme)
    return context, context.new_page()


def open_with_axe(page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="load")
    page.evaluate(SETTLE)
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == {"light": "default", "dark": "slate"}[scheme], f"{url}: palette {palette!r} instead of {scheme}"
    page.add_script_tag(path=str(AXE))


def axe_violations(page, context: object = None, options: dict | None = None) -> list[dict]:
    options = options or {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return [v for v in page.evaluate(RUN_AXE, [context, options]) if v["id"] not in ALLOW_LIST]


def report(found: dict[str, list[dict]]) -> str:
    """One line per failing element: rule, page, selector, what to do."""
    lines = []
    for url, violations in found.items():
        for v in violations:
            for node in v["nodes"]:
                summary = " ".join(node["summary"].split())[:300]
                lines.append(f"{v['id']} on {url}: {node['target']} — {v['help']} ({summary}) {v['helpUrl']}")
    return f"{len(lines)} axe violation(s):\n" + "\n".join(lines)


def violations_on(context, page, urls: list[str], scheme: str) -> dict[str, list[dict]]:
    """axe violations of each URL (opened in turn in one page), keyed by URL; closes the context."""
    found: dict[str, list[dict]] = {}
    try:
        for url in urls:
            open_with_axe(page, url, scheme)
            if violations := axe_violations(page):
                found[url] = violations
    finally:
        context.close()
    return found
