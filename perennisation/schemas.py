"""JSON Schema validation of data files and front matter, with messages written for authors."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
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
    resources = [
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8")))) for p in SCHEMA_DIR.glob("*.json")
    ]
    return Registry().with_resources(resources)


@cache
def _schema_file(name: str) -> Any:
    """A schema file of perennisation/schemas/, parsed once."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _inline(node: Any, base: str, seen: tuple[str, ...] = ()) -> Any:
    """The schema with every `$ref` replaced by what it points to (siblings kept through allOf).

    jsonschema resolves a `$ref` at each use, which made validating the data most of the engine's
    start-up: the inlined schema says the same and validates several times faster.
    """
    if isinstance(node, list):
        return [_inline(item, base, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {key: value if key == "$defs" else _inline(value, base, seen) for key, value in node.items()}
    ref = node["$ref"]
    if ref in seen:
        raise RecursionError(ref)  # a recursive schema keeps its references
    file, _sep, pointer = ref.partition("#")
    target = _schema_file(file or base)
    for part in (p for p in pointer.split("/") if p):
        target = target[part]
    target = _inline(target, file or base, (*seen, ref))
    rest = {key: _inline(value, base, seen) for key, value in node.items() if key != "$ref"}
    return {"allOf": [target], **rest} if rest else target


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of perennisation/schemas/<name>.schema.json (references inlined when possible)."""
    schema = _schema_file(f"{name}.schema.json")
    try:
        flat = {key: value for key, value in _inline(schema, f"{name}.schema.json").items() if key != "$defs"}
    except (RecursionError, KeyError, OSError):
        return Draft202012Validator(schema, registry=_registry())
    return Draft202012Validator(flat, registry=_registry())


def _message(error: ValidationError) -> str:
    """Turn a jsonschema error into a short sentence for an author."""
    kind = error.validator
    instance: Any = error.instance
    value: Any = error.validator_value
    schema: Any = error.schema
    if kind == "required":
        missing = [key for key in value if key not in instance]
        return _("missing `{key}`", key=missing[0]) if missing else error.message
    if kind == "additionalProperties":
        allowed = schema.get("properties", {})
        extra = sorted(set(instance) - set(allowed))
        return _("unknown key `{key}`", key=extra[0]) + suggest(extra[0], allowed) if extra else error.message
    if kind == "pattern" and "a-z0-9" in str(value):
        return _(
            "`{value}` is not a valid id (lowercase letters, digits and hyphens), e.g. `{slug}`",
            value=instance,
            slug=slugify(str(instance)),
        )
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
    schema: Any = validator(name).schema
    return schema.get("title", name)
