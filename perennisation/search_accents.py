"""French search that ignores accents (« perennisation » finds « pérennisation »).

Material's lunr search matches words as written, and neither `separator` nor `pipeline` can fold
accents. The engine declares two extra search fields when it starts and, once the search plugin has
written its index (the engine's post-build step runs after it), fills them with the unaccented forms
of each entry's accented words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from typing import Any

from . import adapter

#: indexed field -> (folded field, default boost)
FOLDED_FIELDS = {"title": ("titre_sans_accents", 1e3), "text": ("texte_sans_accents", 1.0)}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_WORD = re.compile(r"[^\W\d_]+", re.U)
_TAG = re.compile(r"<[^>]+>")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case text without diacritics nor ligatures: « Pérennisation, Œuvre » -> « perennisation, oeuvre »."""
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_LIGATURES))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def folded_words(text: str) -> str:
    """The unaccented forms of the accented words of a text (HTML), once each, in order of appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(_TAG.sub(" ", text)):
        plain = fold(word)
        if plain != word.lower() and len(plain) > 1:
            seen.setdefault(plain)
    return " ".join(seen)


def declare_fields(config: Any) -> None:
    """Declare the folded fields, with the boosts of the fields they fold."""
    search = adapter.search_plugin(config)
    fields = getattr(getattr(search, "config", None), "fields", None)
    if fields is not None:
        for source, (field, boost) in FOLDED_FIELDS.items():
            fields.setdefault(field, {"boost": fields.get(source, {}).get("boost", boost)})


def fold_search_index(path: Path) -> None:
    """Add the folded fields to every entry of a search_index.json."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["docs"]:
        for source, (field, _) in FOLDED_FIELDS.items():
            words = folded_words(entry.get(source) or "")
            if words:
                entry[field] = words
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def fold_site_index(site: Path) -> None:
    """Fold the accents of the built site's search index, when there is one."""
    index = site / "search" / "search_index.json"
    if index.is_file():
        fold_search_index(index)
