"""JSON Schema validation of data files and front matter, with messages written for authors."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .adapter import SCHEMAS as SCHEMA_DIR
from .errors import Finding, suggest
from .messages import _
from .yamlfile import YamlDoc, format_path


def slugify(text: str) -> str:
    """A valid id close to text: 'Mon Étape 2' -> 'mon-etape-2'."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@cache
def _registry() -> Registry:
    resources = [(p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8")))) for p in SCHEMA_DIR.glob("*.json")]
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of perennisation/schemas/<name>.schema.json."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=_registry())


def _message(error: ValidationError) -> str:
    """Turn a jsonschema error into a short sentence for an author."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [key for key in value if key not in instance]
        return _("missing `{key}`", key=missing[0]) if missing else error.message
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = sorted(set(instance) - set(allowed))
        return _("unknown key `{key}`", key=extra[0]) + suggest(extra[0], allowed) if extra else error.message
    if kind == "pattern" and "a-z0-9" in str(value):
        return _("`{value}` is not a valid id (lowercase letters, digits and hyphens), e.g. `{slug}`",
                 value=instance, slug=slugify(instance))
    if kind == "pattern":
        return _("`{value}` does not have the expected form ({pattern})", value=instance, pattern=value)
    if kind == "type":
        return _("`{value}` should be of type {type}", value=instance, type=value)
    if kind in ("const", "enum"):
        choices = [value] if kind == "const" else value
        return _("`{value}` is not allowed", value=instance) + suggest(str(instance), map(str, choices))
    if kind == "oneOf":
        keys = [r for sub in value for r in sub.get("required", [])]
        if keys:
            return _("needs exactly one of {keys}", keys=_(" or ").join(f"`{k}`" for k in keys))
    if kind == "minItems":
        return _("needs at least {count} item(s)", count=value)
    if kind == "minLength":
        return _("must not be empty")
    if kind in ("minimum", "maximum"):
        return _("`{value}` is out of range ({kind} {limit})", value=instance, kind=kind, limit=value)
    return error.message


def validate(doc: YamlDoc, schema: str) -> list[Finding]:
    """Every schema violation of a document, each located at its line and key path."""
    errors = sorted(validator(schema).iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path])
    findings = []
    for error in errors:
        path = tuple(error.absolute_path)
        where = format_path(path)
        text = f"{where}: {_message(error)}" if where else _message(error)
        findings.append(Finding(doc.file, text, line=doc.line(path)))
    return findings


def schema_title(name: str) -> Any:
    """The human title of a schema (used in messages and docs)."""
    return validator(name).schema.get("title", name)
