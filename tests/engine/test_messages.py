"""Every message the engine writes to authors exists in every language it ships (French complete)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from perennisation import adapter, messages
from perennisation.registry import COMPONENTS


def sentences() -> dict[str, str]:
    """English sentence -> module, for every literal `_("…")` of the engine."""
    found = {}
    for path in sorted(adapter.PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = path.name
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


LANGUAGES = sorted(p.stem for p in messages.CATALOGS.glob("*.yml"))


def test_french_is_shipped() -> None:
    assert "fr" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sentence_is_translated_with_the_same_placeholders(language: str) -> None:
    catalog = messages.catalog(language)
    used = sentences()
    assert len(used) > 40
    missing = sorted(f"{module}: {sentence!r}" for sentence, module in used.items() if sentence not in catalog)
    assert not missing, f"untranslated in perennisation/messages/{language}.yml:\n" + "\n".join(missing)
    wrong = [s for s in used if placeholders(catalog[s]) != placeholders(s)]
    assert not wrong, f"placeholders differ: {wrong}"
    nouns = {c.data.noun for c in COMPONENTS if c.data}
    assert nouns <= set(catalog), sorted(nouns - set(catalog))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_stale_entry(language: str) -> None:
    nouns = {c.data.noun for c in COMPONENTS if c.data}
    stale = sorted(set(messages.catalog(language)) - set(sentences()) - nouns)
    assert not stale, f"entries no code uses any more in {language}.yml: {stale}"


def test_english_is_the_fallback_and_switching_back_works() -> None:
    try:
        messages.use("fr")
        assert messages._("missing `{key}`", key="x") == "`x` manquant"
        messages.use("de")
        assert messages._("missing `{key}`", key="x") == "missing `x`"
    finally:
        messages.use("en")


def test_the_catalogs_ship_in_the_package() -> None:
    text = (Path(adapter.PACKAGE).parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"messages/*.yml"' in text


def _literal_words(node: ast.AST) -> list[str]:
    """Words of the string literals of a message expression, outside `_()` calls."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_"):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [w for w in node.value.split() if re.fullmatch(r"[A-Za-z’']{2,}[,.;:!?]?", w)]
    return [w for child in ast.iter_child_nodes(node) for w in _literal_words(child)]


def test_findings_are_written_through_the_catalog() -> None:
    """No finding for authors is a bare English sentence (the importer's report, for its user, is apart)."""
    bare = []
    for path in sorted(adapter.PACKAGE.glob("*.py")):
        if path.name.startswith("gitbook"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding" and len(node.args) >= 2:
                words = _literal_words(node.args[1])
                if len(words) >= 2:
                    bare.append(f"{path.name}:{node.lineno}: {' '.join(words)}")
    assert not bare, "wrap these messages in _() and translate them:\n" + "\n".join(bare)
