"""A synthetic GitBook space, as Git Sync writes one, to test and time the importer at scale.

`make_space(folder, pages=400)` writes a space with a two-level hierarchy (parts of SUMMARY.md, then
chapters with their README and pages), `.gitbook.yaml` (root, structure, redirects, some of them
broken), assets with spaces and accents in their names, reusable content, a local OpenAPI spec, and
every construct the importer converts, plus the defects real spaces have (broken references, links
to missing pages and anchors, a page left out of SUMMARY.md). The text is generated, deterministic.

Usage: python tools/gitbook_synth.py FOLDER [PAGES]
"""

from __future__ import annotations

import random
import struct
import sys
import zlib
from pathlib import Path

WORDS = (
    "service équipe sponsor administration incubateur budget pérennisation trajectoire usagers feuille de route "
    "structure accueil gouvernance comité indicateurs impact transfert hébergement données accessibilité sécurité "
    "recrutement marché convention calendrier instance arbitrage ressources produit coach intrapreneur"
).split()
ASSETS = [
    "Schéma global.png",
    "Carte des acteurs.png",
    "capture écran (2).png",
    "Logo équipe.png",
    "Note de cadrage.pdf",
    "Modèle de convention.docx",
    "Grille d'analyse.xlsx",
]
CONSTRUCTS = (
    "hint",
    "tabs",
    "stepper",
    "columns",
    "updates",
    "openapi",
    "visibility",
    "include",
    "embed",
    "integration",
    "unknown",
    "details",
    "content_ref",
    "file",
    "figure",
    "code",
    "buttons",
    "cards",
)


def png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        """A PNG chunk."""
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x20\x70\xb0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


class Writer:
    """Generates the space: the page tree first, then every page's text."""

    def __init__(self, folder: Path, pages: int, seed: int) -> None:
        """Plan the page tree."""
        self.folder = folder
        self.rng = random.Random(seed)
        self.tree = self._tree(max(pages, 12))
        self.pages = [page for _, part in self.tree for readme, children in part for page in [readme, *children]]

    def _tree(self, pages: int) -> list[tuple[str, list[tuple[str, list[str]]]]]:
        """Parts -> chapters (folder README) -> pages; `pages` files in all, the space README included."""
        parts = max(2, round((pages / 50) ** 0.5 * 2))
        chapters = max(2, round(pages / parts / 10))
        left, tree, n = pages - 1, [], 0
        for p in range(parts):
            part: list[tuple[str, list[str]]] = []
            for c in range(chapters):
                slots = parts * chapters - (p * chapters + c)
                size = max(1, left // slots)
                left -= size
                folder = f"partie-{p + 1}/chapitre-{c + 1}-{self.rng.choice(WORDS)}"
                children = [f"{folder}/page-{n + i + 1}-{self.rng.choice(WORDS)}.md" for i in range(size - 1)]
                n += size
                part.append((f"{folder}/README.md", children))
            tree.append((f"Partie {p + 1} — {self.rng.choice(WORDS).capitalize()}", part))
        return tree

    def sentence(self, words: int = 14) -> str:
        """A generated French-looking sentence."""
        text = " ".join(self.rng.choice(WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        """A few sentences."""
        return " ".join(self.sentence(self.rng.randint(8, 18)) for _ in range(self.rng.randint(2, 4)))

    def link_to(self, page: str, target: str) -> str:
        """A link from page to target, written one of the ways GitBook accepts."""
        depth = page.count("/")
        rel = "../" * depth + target
        style = self.rng.randrange(6)
        if style == 1:
            return f"[{self.rng.choice(WORDS)}](/{target})"
        if style == 2 and target.endswith(".md") and not target.endswith("README.md"):
            return f"[{self.rng.choice(WORDS)}]({rel[:-3]})"
        if style == 3 and target.endswith("README.md"):
            return f"[{self.rng.choice(WORDS)}]({rel[:-9]})"
        if style == 4:
            return f"[{self.rng.choice(WORDS)}]({rel}#à-propos-de-l’équipe)"
        if style == 5:
            return f"[{self.rng.choice(WORDS)}]({rel}#étapes-1)"
        return f"[{self.rng.choice(WORDS)}]({rel})"

    def asset(self, page: str, name: str) -> str:
        """Path of an asset from a page, in angle brackets when it has spaces."""
        path = "../" * page.count("/") + ".gitbook/assets/" + name
        return f"<{path}>" if " " in path else path

    def page_text(self, index: int, page: str) -> str:
        """The Markdown of one page."""
        title = f"{self.rng.choice(WORDS).capitalize()} {self.rng.choice(WORDS)} {index}"
        up = "../" * page.count("/")
        others = [self.rng.choice(self.pages) for _ in range(3)]
        parts = [
            f"---\ndescription: {self.sentence(10)}\nicon: book\n---",
            f"# {title}",
            self.paragraph(),
            "Voir aussi " + ", ".join(self.link_to(page, o) for o in others) + ".",
            "## À propos de l’équipe",
            self.paragraph(),
            f"![{self.rng.choice(WORDS)}]({self.asset(page, self.rng.choice(ASSETS[:4]))})",
            "## Étapes",
            self.paragraph(),
            "## Étapes",
            self.paragraph(),
        ]
        for k in (index % len(CONSTRUCTS), (index * 7 + 3) % len(CONSTRUCTS)):
            parts.append(getattr(self, CONSTRUCTS[k])(page, up))
        if index % 9 == 4:
            parts.append(
                f"Lien perdu : [ancienne page](broken-reference), [autre](/broken/pages/x{index}Yz), "
                f"[disparue]({up}archives/disparue.md), ![photo]({up}.gitbook/assets/absente-{index}.png)."
            )
        parts.append("## Pour aller plus loin\n\n" + self.paragraph())
        return "\n\n".join(parts) + "\n"

    def hint(self, page: str, up: str) -> str:
        """A hint of a random style."""
        style = self.rng.choice(["info", "success", "warning", "danger"])
        return f'{{% hint style="{style}" %}}\n{self.paragraph()}\n{{% endhint %}}'

    def tabs(self, page: str, up: str) -> str:
        """Two tabs."""
        return (
            '{% tabs %}\n{% tab title="Avant" %}\n' + self.paragraph() + "\n{% endtab %}\n\n"
            '{% tab title="Après" %}\n' + self.paragraph() + "\n{% endtab %}\n{% endtabs %}"
        )

    def stepper(self, page: str, up: str) -> str:
        """A stepper of three steps."""
        step = "{{% step %}}\n### {title}\n\n{text}\n{{% endstep %}}"
        steps = "\n\n".join(
            step.format(title=self.rng.choice(WORDS).capitalize(), text=self.sentence()) for _ in range(3)
        )
        return f"{{% stepper %}}\n{steps}\n{{% endstepper %}}"

    def columns(self, page: str, up: str) -> str:
        """Two columns."""
        return (
            '{% columns %}\n{% column width="50%" %}\n' + self.paragraph() + "\n{% endcolumn %}\n\n"
            "{% column %}\n" + self.paragraph() + "\n{% endcolumn %}\n{% endcolumns %}"
        )

    def updates(self, page: str, up: str) -> str:
        """Two dated updates."""
        return (
            '{% updates format="full" %}\n{% update date="2025-02-03" %}\n## Nouveauté\n\n'
            + self.sentence()
            + '\n{% endupdate %}\n\n{% update date="2024-09-17" %}\n'
            + self.sentence()
            + "\n{% endupdate %}\n{% endupdates %}"
        )

    def openapi(self, page: str, up: str) -> str:
        """An operation of the local OpenAPI spec."""
        return (
            f'{{% openapi-operation spec="annuaire" path="/services/{{id}}" method="get" %}}\n'
            f"[OpenAPI annuaire]({up}.gitbook/assets/annuaire.yaml)\n{{% endopenapi-operation %}}"
        )

    def visibility(self, page: str, up: str) -> str:
        """An `if`/`else` visibility block."""
        return (
            '{% if visitor.claims.unsigned.role === "sponsor" %}\n'
            + self.sentence()
            + "\n{% else %}\n"
            + self.sentence()
            + "\n{% endif %}"
        )

    def include(self, page: str, up: str) -> str:
        """A reusable content block."""
        return f'{{% include "{up}.gitbook/includes/{self.rng.choice(["contact", "licence", "rappel"])}.md" %}}'

    def embed(self, page: str, up: str) -> str:
        """An embedded video."""
        return '{% embed url="https://video.example.org/watch?v=synthetique" %}\nLa présentation filmée\n{% endembed %}'

    def integration(self, page: str, up: str) -> str:
        """A Figma integration block."""
        return '{% @figma/embed fileId="abc" url="https://www.figma.com/file/abc/parcours" %}'

    def unknown(self, page: str, up: str) -> str:
        """A tag GitBook's importer does not know."""
        return '{% sondage question="Utile ?" %}\n' + self.sentence() + "\n{% endsondage %}"

    def details(self, page: str, up: str) -> str:
        """An expandable block."""
        return f"<details>\n<summary>{self.sentence(5)}</summary>\n\n{self.paragraph()}\n\n</details>"

    def content_ref(self, page: str, up: str) -> str:
        """A page reference block."""
        target = self.rng.choice(self.pages)
        return f'{{% content-ref url="{up}{target}" %}}\n[{target}]({up}{target})\n{{% endcontent-ref %}}'

    def file(self, page: str, up: str) -> str:
        """A file block."""
        name = self.rng.choice(ASSETS[4:])
        return f'{{% file src="{up}.gitbook/assets/{name}" %}}\n{self.sentence(6)}\n{{% endfile %}}'

    def figure(self, page: str, up: str) -> str:
        """A figure with a caption."""
        name = self.rng.choice(ASSETS[:4])
        return (
            f'<figure><img src="{up}.gitbook/assets/{name}" alt="{self.sentence(4)[:-1]}">'
            f"<figcaption><p>{self.sentence(5)}</p></figcaption></figure>"
        )

    def code(self, page: str, up: str) -> str:
        """A titled code block holding GitBook syntax."""
        return '{% code title="exemple.yml" %}\n```yaml\ncle: valeur\n# {% hint %} reste du code\n```\n{% endcode %}'

    def buttons(self, page: str, up: str) -> str:
        """A GitBook button."""
        target = self.rng.choice(self.pages)
        return f'<a href="{up}{target}" class="button primary">Continuer</a>'

    def cards(self, page: str, up: str) -> str:
        """A cards table linking a page without its extension."""
        target = self.rng.choice(self.pages)
        return (
            '<table data-view="cards"><thead><tr><th></th><th data-hidden data-card-target '
            f'data-type="content-ref"></th></tr></thead><tbody><tr><td>{self.sentence(3)}</td>'
            f'<td><a href="{up}{target[:-3]}">suite</a></td></tr></tbody></table>'
        )

    def summary(self) -> str:
        """SUMMARY.md: the parts as groups, chapters and their pages nested."""
        lines = ["# Table of contents", "", "* [Accueil](README.md)"]
        for part, chapters in self.tree:
            lines += ["", f"## {part}", ""]
            for readme, children in chapters:
                lines.append(f"* [{readme.split('/')[1].replace('-', ' ').capitalize()}]({readme})")
                lines += [f"  * [{Path(child).stem.replace('-', ' ').capitalize()}]({child})" for child in children]
        lines.append("* [Page fantôme](archives/fantome.md)")
        return "\n".join(lines) + "\n"

    def support_files(self) -> dict[str, str | bytes]:
        """The space's files other than pages."""
        first, second = self.pages[1], self.pages[2]
        files: dict[str, str | bytes] = {
            ".gitbook.yaml": "root: ./\n\nstructure:\n  readme: README.md\n  summary: SUMMARY.md\n\nredirects:\n"
            f"  ancien-chapitre: {first}\n  vieux/guide: {second}\n  perdu: archives/perdu.md\n"
            f"  {first[:-3]}: {second}\n",
            "SUMMARY.md": self.summary(),
            "brouillon.md": "# Brouillon\n\nPage absente du sommaire.\n",
            ".gitbook/assets/annuaire.yaml": "openapi: 3.0.3\ninfo: {title: Annuaire, version: '1'}\npaths:\n"
            "  /services/{id}:\n    get:\n      summary: Lire un service\n",
        }
        for name in ("contact", "licence", "rappel"):
            files[f".gitbook/includes/{name}.md"] = f"---\ntitle: {name}\n---\n\n{self.paragraph()}\n"
        for name in ASSETS:
            files[f".gitbook/assets/{name}"] = png() if name.endswith(".png") else f"{name}\n".encode()
        return files

    def write(self) -> None:
        """Write every file of the space."""
        files: dict[str, str | bytes] = {"README.md": self.page_text(0, "README.md"), **self.support_files()}
        for n, page in enumerate(self.pages, 1):
            files[page] = self.page_text(n, page)
        for rel, content in files.items():
            path = self.folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")


def make_space(folder: Path, pages: int = 400, seed: int = 13) -> Path:
    """Write a synthetic GitBook space of about `pages` pages into folder; return folder."""
    folder = Path(folder)
    Writer(folder, pages, seed).write()
    return folder


if __name__ == "__main__":
    target = make_space(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 400)
    print(f"{sum(1 for _ in target.rglob('*.md'))} Markdown files written to {target}")
