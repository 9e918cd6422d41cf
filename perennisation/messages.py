"""Messages to authors in the guide's language (theme.language), gettext-style.

The engine writes each message in English as its own key: `_("unknown icon `{name}`", name=…)`.
`perennisation/messages/<language>.yml` maps those English sentences to the guide's language; a
language without a catalog, or a sentence without a translation, falls back to English.
tests/engine/test_messages.py checks that every sentence the code uses is translated in every catalog.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGS = Path(__file__).resolve().parent / "messages"
_language = ["en"]


@cache
def catalog(language: str) -> dict[str, str]:
    """English sentence -> translation, for one language ('fr', 'fr_FR' and 'fr-CA' share 'fr')."""
    path = CATALOGS / f"{language.replace('-', '_').split('_')[0]}.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


def use(language: str) -> None:
    """Write the following messages in this language (called when the guide is loaded)."""
    _language[0] = language or "en"


def language() -> str:
    """The language messages are written in."""
    return _language[0]


def N_(sentence: str) -> str:  # noqa: N802 - gettext's name for it
    """Mark a sentence translated later, where it is used (gettext_noop): the catalog test finds it."""
    return sentence


def _(sentence: str, **values: Any) -> str:
    """The sentence in the current language, with {name} placeholders filled."""
    text = catalog(_language[0]).get(sentence, sentence)
    return text.format(**values) if values else text
