"""`make nouveau-guide DEST=../mon-guide`: a minimal guide on this engine, for teams that start blank.

The new project holds the engine and its tests as they are here, and a content of its own: an
identity, one step, one check-list and one workshop, made from the models of docs/_modeles/ (the
same ones authors copy by hand). Its mkdocs.yml is this guide's, with identity and navigation
replaced, so plugins and settings stay those the engine is tested with. It builds strictly and
passes its tests as created.

    python tools/nouveau_guide.py DEST [--nom "Mon guide"] [--adresse URL] [--identifiant ID]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "docs" / "_modeles"
#: What a new guide takes from this repository as it is: the engine, its tests and tools.
ENGINE = [
    "perennisation",
    "overrides",
    "tools",
    "tests/engine",
    "tests/site",
    "tests/fixtures",
    "Makefile",
    "pyproject.toml",
    "requirements",
    "package.json",
    "package-lock.json",
    ".ci",
    ".gitignore",
    "LICENSE",
    ".vscode",
    "mkdocs.offline.yml",
    "mkdocs.pdf.yml",
    "docs/_modeles",
    "data/labels.yml",
    "data/recherche.yml",
    "CONTRIBUTING.md",
]
STEP, CHECKLIST, WORKSHOP = "methode/1-premiere-etape.md", "premiere-check-list", "premier-atelier"


def copy_engine(dest: Path) -> None:
    """Copy the engine's files, leaving caches and builds out."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "node_modules", "site")
    helpers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").glob("*.py")]  # conftest and its helpers
    for name in ENGINE + helpers:
        source, target = ROOT / name, dest / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)
        elif source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def set_key(text: str, key: str, value: str) -> str:
    """Replace a top-level scalar of mkdocs.yml (with any folded continuation lines)."""
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar
    return re.sub(rf"(?m)^{key}:.*(?:\n[ \t]+\S.*)*$", lambda _: f"{key}: {quoted}", text, count=1)


def config(name: str, address: str, ident: str) -> str:
    """This guide's mkdocs.yml with the new identity and navigation."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = set_key(text, "site_name", name)
    text = set_key(text, "site_description", f"{name} : une méthode pas à pas.")
    text = set_key(text, "site_author", name)
    text = set_key(text, "site_url", address)
    text = re.sub(r"(?m)^(repo_url|repo_name|edit_uri):.*\n", "", text)
    text = set_key(text, "copyright", "Contenu sous Licence Ouverte 2.0")
    text = re.sub(r"(?m)^(\s+identifiant:).*$", rf"\1 {ident}", text)
    text = re.sub(r"(?m)^(\s+nom:).*$", lambda m: f"{m.group(1)} {json.dumps(name, ensure_ascii=False)}", text, count=1)
    text = re.sub(r"(?m)^(\s+contact:).*$", r"\1 contact@exemple.org", text, count=1)
    text = re.sub(r"(?m)^(\s+conformite:).*$", r"\1 non conforme", text, count=1)
    nav = f"""nav:
  - Accueil: index.md
  - La méthode:
      - {STEP}
  - Atelier: ateliers/{WORKSHOP}.md
  - Accessibilité: accessibilite.md
"""
    return re.sub(r"(?ms)^nav:\n.*?(?=^\S|\Z)", nav, text)


def model(name: str, **replace: str) -> str:
    """A file of docs/_modeles/ with its placeholders replaced."""
    text = (MODELS / name).read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def dated(page: str) -> str:
    """A page with today's `mis_a_jour` in its front matter."""
    today = f"mis_a_jour: {date.today().isoformat()}\n"
    if page.startswith("---\n"):
        return page if "\nmis_a_jour:" in page else "---\n" + today + page[4:]
    return f"---\n{today}---\n{page}"


def content(dest: Path, name: str) -> None:
    """Pages and data of the new guide."""
    files = {
        "docs/index.md": (
            f"# {name}\n\nCe guide présente notre méthode, étape par étape.\n\n{{{{ cartes_etapes() }}}}\n"
        ),
        f"docs/{STEP}": model(
            "etape.md",
            **{
                "etape: 6": "etape: 1",
                "../outils/index.md": "../index.md",
                "identifiant-de-la-check-list": CHECKLIST,
                "identifiant-de-l-atelier": WORKSHOP,
            },
        ),
        f"docs/ateliers/{WORKSHOP}.md": model("atelier.md", **{"identifiant-de-l-atelier": WORKSHOP}),
        f"data/checklists/{CHECKLIST}.yml": model("check-list.yml", **{"methode/index.md": STEP}),
        f"data/ateliers/{WORKSHOP}.yml": model("atelier.yml"),
        "docs/accessibilite.md": (
            "# Accessibilité\n\n## État de conformité { #etat-de-conformite }\n\nnon conforme : ce site n’a pas "
            "encore fait l’objet d’un audit de conformité au RGAA.\n\n## Nous signaler un problème { #contact }\n\n"
            "Écrivez-nous à contact@exemple.org.\n"
        ),
        "docs/_includes/abreviations.md": "*[RGAA]: Référentiel général d’amélioration de l’accessibilité\n",
        "README.md": (
            f"# {name}\n\n```bash\nmake serve   # installe puis sert le guide\n"
            "make test    # installe puis lance les tests\n```\n"
        ),
    }
    for path, text in files.items():
        if path.startswith("docs/") and not path.startswith("docs/_"):
            text = dated(text)
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Crée un guide minimal sur ce moteur.")
    parser.add_argument("dest", type=Path, help="dossier à créer (il ne doit pas exister)")
    parser.add_argument("--nom", default="Mon guide")
    parser.add_argument("--adresse", default="https://mon-guide.exemple.org/")
    parser.add_argument("--identifiant", default="mon-guide")
    args = parser.parse_args(argv)
    dest = args.dest.resolve()
    if dest.exists():
        print(f"nouveau-guide : {dest} existe déjà, choisissez un autre dossier.", file=sys.stderr)
        return 1
    copy_engine(dest)
    (dest / "mkdocs.yml").write_text(config(args.nom, args.adresse, args.identifiant), encoding="utf-8")
    content(dest, args.nom)
    anchors = subprocess.run([sys.executable, "tools/anchors.py"], cwd=dest, capture_output=True, text=True)
    if anchors.returncode != 0:
        print(anchors.stdout + anchors.stderr, file=sys.stderr)
        return 1
    print(f"Guide créé dans {dest}. Ensuite : cd {dest} && make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
