"""The data authors edit (data/*.yml): loaded once, validated against schemas, ids checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Finding, suggest
from .messages import _
from .registry import collections
from .schemas import slugify, validate
from .yamlfile import YamlDoc, format_path, load


@dataclass
class Library:
    """Every data document, by collection and id, plus the UI labels of the selected language."""

    root: Path
    collections: dict[str, dict[str, YamlDoc]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    files: dict[str, YamlDoc] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)  # files with a schema error: not cross-checked
    unreadable: dict[str, set[str]] = field(default_factory=dict)  # ids of files that do not parse

    def get(self, collection: str, ident: str) -> dict[str, Any]:
        """The data of one item; KeyError when the id is unknown."""
        return self.collections[collection][ident].data

    def ids(self, collection: str) -> list[str]:
        """Sorted ids of a collection (a file that does not parse keeps its id: it is reported once)."""
        return sorted(set(self.collections.get(collection, {})) | self.unreadable.get(collection, set()))


def _duplicates(doc: YamlDoc, items: list[tuple[tuple, Any]], what: str) -> list[Finding]:
    """A finding for each id already used earlier in the same document."""
    first: dict[Any, tuple] = {}
    findings = []
    for path, ident in items:
        if not ident:
            continue
        if ident in first:
            message = (
                format_path(path)
                + ": "
                + _(
                    "duplicate {what} id `{id}` (first used at line {line})",
                    what=what,
                    id=ident,
                    line=doc.line(first[ident]),
                )
            )
            findings.append(Finding(doc.file, message, line=doc.line(path)))
        else:
            first[ident] = path
    return findings


def _item_ids(schema: str, data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], Any]]:
    """(path, id) of the items whose ids must be unique inside a document."""
    if schema == "checklist":
        found: list[tuple[tuple[str | int, ...], Any]] = [
            (("items", i, "id"), it.get("id")) for i, it in enumerate(data.get("items") or [])
        ]
        for s, section in enumerate(data.get("sections") or []):
            found += [
                (("sections", s, "items", i, "id"), it.get("id")) for i, it in enumerate(section.get("items") or [])
            ]
        return found
    if schema == "atelier":
        return [
            (("questions", i, "id"), q.get("id"))
            for i, q in enumerate(data.get("questions") or [])
            if isinstance(q, dict)
        ]
    if schema == "diagnostic":
        found = [(("questions", i, "id"), q.get("id")) for i, q in enumerate(data.get("questions") or [])]
        for i, q in enumerate(data.get("questions") or []):
            found += [
                (("questions", i, "reponses", k, "id"), f"{q.get('id')}/{r.get('id')}")
                for k, r in enumerate(q.get("reponses") or [])
            ]
        return found
    if schema == "comparatif":
        return [(("lignes", i, "id"), r.get("id")) for i, r in enumerate(data.get("lignes") or [])]
    return []


def _load_collection(library: Library, folder: str, schema: str) -> None:
    items: dict[str, YamlDoc] = {}
    for path in sorted((library.root / folder).glob("*.y*ml")):
        doc, findings = load(path, library.root.parent)
        library.findings += findings
        ident = path.stem
        if doc is None:
            library.unreadable.setdefault(folder, set()).add(ident)
            continue
        if slugify(ident) != ident:
            message = _("file name `{name}` is not a valid id, rename it `{slug}.yml`", name=ident, slug=slugify(ident))
            library.findings.append(Finding(doc.file, message))
        schema_findings = validate(doc, schema)
        library.findings += schema_findings
        if schema_findings:
            library.invalid.add(doc.file)
        else:
            library.findings += _duplicates(doc, _item_ids(schema, doc.data), _("item"))
            if schema == "checklist":
                sections = [(("sections", s, "id"), sec["id"]) for s, sec in enumerate(doc.data.get("sections") or [])]
                library.findings += _duplicates(doc, sections, _("section"))
        items[ident] = doc
        library.files[doc.file] = doc
    library.collections[folder] = items


def _load_labels(library: Library, language: str) -> None:
    path = library.root / "labels.yml"
    if not path.exists():
        library.findings.append(
            Finding(f"{library.root.name}/labels.yml", _("missing file: the engine's UI labels live there"))
        )
        return
    doc, findings = load(path, library.root.parent)
    library.findings += findings
    if doc is None:
        return
    library.files[doc.file] = doc
    schema_findings = validate(doc, "labels")
    library.findings += schema_findings
    if schema_findings:
        return
    if language not in doc.data:
        message = _("no labels for language `{language}` (theme.language in mkdocs.yml)", language=language)
        message += suggest(language, doc.data)
        library.findings.append(Finding(doc.file, message, line=1))
        return
    library.labels = dict(doc.data[language])


def _cross_collection_ids(library: Library) -> None:
    """Checklist and workshop ids share the anchor namespace of a page: they must differ."""
    seen: dict[str, str] = {}
    for folder in ("checklists", "ateliers"):
        for ident, doc in library.collections.get(folder, {}).items():
            if ident in seen:
                library.findings.append(
                    Finding(doc.file, _("id `{id}` is already used by {file}", id=ident, file=seen[ident]))
                )
            seen[ident] = doc.file


def load_library(root: Path, language: str) -> Library:
    """Load and validate every data file under root (the project's data/ folder)."""
    library = Library(root)
    for folder, data in collections().items():
        _load_collection(library, folder, data.schema)
    _load_labels(library, language)
    _cross_collection_ids(library)
    return library
