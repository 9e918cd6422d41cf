"""YAML loading that remembers the line of every value, for messages that point at the source."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Finding
from .messages import _

JsonPath = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """A parsed YAML document with the 1-based line of each node, keyed by its path."""

    file: str
    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)
    offset: int = 0

    def line(self, path: JsonPath) -> int | None:
        """Line of the node at path, or of its closest ancestor."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        found = self.lines.get(path)
        return found + self.offset if found else None


def format_path(path: JsonPath) -> str:
    """('questions', 0, 'texte') -> 'questions[0].texte'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _index(
    node: yaml.Node, path: JsonPath, lines: dict[JsonPath, int], problems: list[tuple[JsonPath, str, int]]
) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                problems.append((path, _("duplicate key `{key}`", key=name), key.start_mark.line + 1))
            seen.add(name)
            _index(value, (*path, name), lines, problems)
            lines[(*path, name)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), lines, problems)


#: libyaml's loader when PyYAML was built with it (several times faster), else the pure-Python one.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, file: str, offset: int = 0) -> tuple[YamlDoc | None, list[Finding]]:
    """Parse YAML text once; return the document, or None with a finding naming line and column."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except ValueError as error:  # a date YAML reads but the calendar refuses (2026-02-30): no mark given
        return None, [_impossible_date(text, file, offset, error)]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if mark is None:
            return None, [Finding(file, _("invalid YAML: {problem}", problem=problem))]
        message = _("invalid YAML at column {column}: {problem}", column=mark.column + 1, problem=problem)
        return None, [Finding(file, message, line=mark.line + 1 + offset)]
    finally:
        loader.dispose()
    doc = YamlDoc(file, data, offset=offset)
    problems: list[tuple[JsonPath, str, int]] = []
    if node is not None:
        _index(node, (), doc.lines, problems)
    findings = [Finding(file, f"{format_path(p) or 'document'}: {m}", line=ln + offset) for p, m, ln in problems]
    return doc, findings


def _impossible_date(text: str, file: str, offset: int, error: ValueError) -> Finding:
    """A finding on the line of the first date-like value that is not a date of the calendar."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in re.finditer(r"(?<![\w-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])", line):
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                message = _(
                    "`{value}` is not a date ({problem}): write YYYY-MM-DD", value=match.group(0), problem=error
                )
                return Finding(file, message, line=number + offset)
    return Finding(file, _("invalid value: {problem}", problem=error))


def load(path: Path, root: Path) -> tuple[YamlDoc | None, list[Finding]]:
    """Parse a YAML file; file names in findings are relative to root."""
    return parse(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
