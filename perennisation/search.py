"""The guide's search: a French-aware offline index that readers' browsers load on first use only.

Material's search plugin cuts every page into sections (search/search_index.json). After the build
the engine turns them into search/index.js: the pages (address, title, summary), their sections
(anchor, title, plain text) and the vocabulary that makes words equivalent, from data/recherche.yml
(synonyms, loanwords) and from the glossary's acronyms (`*[GIP]: Groupement d’intérêt public`).
The theme's search script (assets/javascripts/search.js) reads that file as a script, so it works
from file:// as well as from a server; it folds accents, apostrophes and case, and ranks page titles
above section titles above text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import adapter
from .errors import Finding
from .messages import _
from .schemas import validate
from .yamlfile import load

VOCABULARY = "recherche.yml"
INDEX = "search/index.js"
#: The global the index script sets; the theme's search script reads it.
GLOBAL = "__pgSearchIndex"
ACRONYM = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
#: Words that carry no meaning in a query (folded, as the browser compares them).
STOP_WORDS = (
    "a au aux avec ce ces c d dans de des du elle en et est il ils je l la le les leur leurs lui m ma mais me "
    "meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes toi ton "
    "tu un une vos votre vous y the of and to in for on is are"
).split()


@dataclass
class Vocabulary:
    """Groups of equivalent words or phrases, as written by authors."""

    groups: list[list[str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def acronyms(text: str) -> list[list[str]]:
    """[acronym, long form] of every Markdown abbreviation; a parenthesised gloss is left out."""
    found = []
    for short, long in ACRONYM.findall(text):
        plain = re.sub(r"\s*\([^)]*\)\s*$", "", long).strip()
        if plain and plain.lower() != short.lower():
            found.append([short.strip(), plain])
    return found


def load_vocabulary(project: Path) -> Vocabulary:
    """data/recherche.yml (validated) and the acronym files it names; nothing when it is absent."""
    path = project / "data" / VOCABULARY
    vocabulary = Vocabulary()
    if not path.is_file():
        return vocabulary
    doc, findings = load(path, project)
    vocabulary.findings += findings
    if doc is None:
        return vocabulary
    vocabulary.findings += validate(doc, "recherche")
    if vocabulary.findings:
        return vocabulary
    data = doc.data or {}
    vocabulary.groups = [[str(word) for word in group] for group in data.get("synonymes") or []]
    for number, name in enumerate(data.get("sigles") or []):
        source = project / name
        if not source.is_file():
            vocabulary.findings.append(
                Finding(
                    doc.file,
                    f"sigles[{number}]: " + _("no file `{name}`", name=name),
                    line=doc.line(("sigles", number)),
                )
            )
            continue
        vocabulary.groups += acronyms(source.read_text(encoding="utf-8"))
    return vocabulary


def plain_text(fragment: str) -> str:
    """Readable text of an HTML fragment of the search plugin: no tags, entities decoded, one space."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def pack(entry: dict[str, Any]) -> None:
    """Keep a section of the search plugin as the index needs it: plain text, as UTF-8 bytes.

    Called as each page is indexed: French text (’, œ…) takes two bytes a character in Python and
    the search plugin keeps every section until the end of the build.
    """
    entry["text"] = plain_text(str(entry.get("text", ""))).encode("utf-8")


def _text(value: Any) -> str:
    """A section's plain text, packed or as the search plugin wrote it."""
    return value.decode("utf-8") if isinstance(value, bytes) else plain_text(str(value))


def summaries(pages: list[Any]) -> dict[str, str]:
    """Page URL -> its front matter summary (`description`, else `resume`)."""
    found = {}
    for page in pages:
        text = page.meta.get("description") or page.meta.get("resume")
        if isinstance(text, str) and text.strip():
            found[page.url] = _SPACE.sub(" ", text).strip()
    return found


def without_controls(title: str, labels: list[str]) -> str:
    """A heading's text without the label of a button the engine puts in it ("Copier le lien")."""
    for label in labels:
        if title.endswith(" " + label):
            return title[: -len(label) - 1].rstrip()
    return title


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Reader:
    """The search plugin's sections read as the browser's index: pages first, then sections pointing to them."""

    def __init__(self, entries: list[dict[str, Any]], pages: list[Any], labels: list[str] | None) -> None:
        self.entries = entries
        self.described = summaries(pages)
        self.controls = sorted({label for label in labels or [] if label and "{" not in label}, key=len, reverse=True)
        self.order: dict[str, int] = {}
        self.pages: list[list[str]] = []
        for entry in entries:  # one pass for the pages: their numbers come before the sections
            url, _, anchor = str(entry.get("location", "")).partition("#")
            if url not in self.order:
                self.order[url] = len(self.pages)
                self.pages.append([url, "", self.described.get(url, "")])
            if not anchor and not self.pages[self.order[url]][1]:
                self.pages[self.order[url]][1] = self.title(entry)

    def title(self, entry: dict[str, Any]) -> str:
        """A section's title as readers see it (no control labels)."""
        return without_controls(plain_text(str(entry.get("title", ""))), self.controls)

    def sections(self) -> Iterator[list[Any]]:
        """[page number, anchor, title, text] of each section (the page's own text has no anchor)."""
        for entry in self.entries:
            url, _, anchor = str(entry.get("location", "")).partition("#")
            text = _text(entry.get("text", ""))
            if anchor or text:
                yield [self.order[url], anchor, self.title(entry) if anchor else "", text]


def build_index(
    entries: list[dict[str, Any]],
    pages: list[Any],
    groups: list[list[str]],
    language: str,
    labels: list[str] | None = None,
) -> dict[str, Any]:
    """The browser's index from the search plugin's entries (as one value; write_index() streams it)."""
    reader = _Reader(entries, pages, labels)
    return {
        "version": 1,
        "lang": language,
        "pages": reader.pages,
        "sections": list(reader.sections()),
        "groups": groups,
        "stop": list(STOP_WORDS),
    }


def write_index(
    site: Path,
    pages: list[Any],
    groups: list[list[str]],
    language: str,
    labels: list[str],
    entries: list[dict[str, Any]] | None = None,
) -> Path | None:
    """Write search/index.js from the search plugin's sections (in memory, else its search_index.json).

    The file is written section by section: on a large playbook, the index as one string would be the
    build's peak of memory. None when there is no search.
    """
    source = site / "search" / "search_index.json"
    if entries is None:
        if not source.is_file():
            return None
        entries = json.loads(source.read_text(encoding="utf-8")).get("docs") or []
    reader = _Reader(entries, pages, labels)
    target = site / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        out.write(
            f'window.{GLOBAL}={{"version":1,"lang":{_compact(language)},"pages":{_compact(reader.pages)},"sections":['
        )
        for number, row in enumerate(reader.sections()):
            out.write(("," if number else "") + _compact(row))
        out.write(f'],"groups":{_compact(groups)},"stop":{_compact(list(STOP_WORDS))}}};\n')
    return target


def publish(
    config: Any,
    pages: list[Any],
    vocabulary: Vocabulary,
    labels: dict[str, str],
    entries: list[dict[str, Any]] | None = None,
) -> Path | None:
    """The post-build step: the index of the site just built (labels: the UI's, left out of headings)."""
    site = adapter.site_dir(config)
    entries = entries if entries is not None else adapter.search_entries(config)
    if entries is None and not (site / "search" / "search_index.json").is_file():
        return None
    return write_index(site, pages, vocabulary.groups, adapter.language(config), list(labels.values()), entries)
