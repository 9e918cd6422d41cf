"""MkDocs hook: French search that ignores accents (« perennisation » finds « pérennisation »).

Material's lunr search matches words as written, and neither `separator` nor `pipeline` can fold
accents. This hook declares two extra search fields and, once the search plugin has written its
index, fills them with the unaccented forms of each entry's accented words. Registered in
mkdocs.yml (`hooks:`); standalone on purpose (MkDocs loads hooks by path).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from mkdocs.plugins import event_priority

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


@event_priority(100)  # before the search plugin reads its configuration
def on_config(config):
    """Declare the folded fields, with the boosts of the fields they fold."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        for source, (field, boost) in FOLDED_FIELDS.items():
            search.config.fields.setdefault(field, {"boost": search.config.fields.get(source, {}).get("boost", boost)})
    return config


def fold_search_index(path: Path) -> None:
    """Add the folded fields to every entry of a search_index.json."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["docs"]:
        for source, (field, _) in FOLDED_FIELDS.items():
            words = folded_words(entry.get(source) or "")
            if words:
                entry[field] = words
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@event_priority(-50)  # after the search plugin (0) wrote the index, before the offline plugin (-100) inlines it
def on_post_build(config):
    """Fold the accents of the search index."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        fold_search_index(index)
