"""`make lint`, last step: html-validate on the markup the engine writes, as built.

The demo fixture (tests/fixtures/demo: one page per component) is built strictly; from each page, the
elements the engine writes (every outermost element with a `pg-` class, and the pg-config script) are
put in a minimal HTML document and checked by html-validate (.htmlvalidate.json). Material's own
markup is not ours to lint.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from perennisation.adapter import quiet_env

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "tests" / "fixtures" / "demo"
HTML_VALIDATE = ROOT / "node_modules" / ".bin" / "html-validate"
DOCUMENT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


def is_ours(tag: Tag) -> bool:
    """An element the engine writes: a `pg-` class, or an id/data attribute of the engine."""
    classes = tag.get("class") or []
    return any(str(c).startswith("pg-") for c in classes) or str(tag.get("id", "")).startswith("pg-")


def fragments(page: Path) -> tuple[str, str, list[str]]:
    """(language, title, outermost engine elements) of a built page."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = [
        tag.decode(formatter="html5")
        for tag in soup.find_all(is_ours)
        if not any(is_ours(parent) for parent in tag.parents)
    ]
    title = soup.title.get_text() if soup.title else page.parent.name
    return str(soup.html.get("lang", "fr")) if soup.html else "fr", title, found


def main() -> int:
    env = quiet_env()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "demo"
        shutil.copytree(DEMO, project)
        if not (project / "data" / "labels.yml").exists():
            shutil.copy(ROOT / "data" / "labels.yml", project / "data" / "labels.yml")
        site = Path(tmp) / "site"
        build = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        if build.returncode:
            print(build.stdout + build.stderr, file=sys.stderr)
            return 1
        out = Path(tmp) / "engine-markup"
        out.mkdir()
        for page in sorted(site.rglob("index.html")):
            lang, title, found = fragments(page)
            if found:
                name = page.parent.relative_to(site).as_posix().replace("/", "-") or "accueil"
                (out / f"{name}.html").write_text(
                    DOCUMENT.format(lang=lang, title=title, body="\n".join(found)), encoding="utf-8"
                )
        checked = sorted(out.glob("*.html"))
        result = subprocess.run(
            [str(HTML_VALIDATE), "--config", str(ROOT / ".htmlvalidate.json"), *map(str, checked)], cwd=ROOT
        )
        if result.returncode == 0:
            print(f"html-validate: the engine's markup of {len(checked)} pages is valid")
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
