"""Static check of a page's Jinja before rendering: syntax, undefined names, unknown ids, with lines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from .errors import Finding, suggest
from .library import Library
from .messages import _
from .pages import PAGE_SCHEMAS
from .perf import uses_jinja
from .registry import id_arguments


def literal_calls(ast: nodes.Template) -> Iterator[tuple[str, object, int]]:
    """(macro, first argument, line) of every call whose first argument is a literal."""
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.args and isinstance(call.args[0], nodes.Const):
            yield call.node.name, call.args[0].value, call.lineno


@lru_cache(maxsize=4096)
def parse(source: str) -> nodes.Template | TemplateSyntaxError:
    """The Jinja syntax tree of a page body (default delimiters), or its syntax error.

    Memoised: the build's check, methode.json, `make check` and the preview server read every page.
    """
    try:
        return Environment().parse(source)
    except TemplateSyntaxError as error:
        return error


@lru_cache(maxsize=4096)
def used_ids(source: str) -> frozenset[tuple[str, str]]:
    """(collection, id) of the data items a page body injects; empty when its Jinja does not parse."""
    if not uses_jinja(source):
        return frozenset()
    ast = parse(source)
    if isinstance(ast, TemplateSyntaxError):
        return frozenset()
    arguments = id_arguments()
    return frozenset((arguments[name].folder, str(value)) for name, value, _ in literal_calls(ast) if name in arguments)


def _first_line(ast: nodes.Template, name: str) -> int:
    return next((n.lineno for n in ast.find_all(nodes.Name) if n.name == name), 1)


def check_source(source: str, file: str, first_line: int, known: Iterable[str], library: Library) -> list[Finding]:
    """Findings for one page body whose first line is line first_line of file."""
    line = lambda lineno: lineno + first_line - 1  # noqa: E731 - tiny local mapping
    ast = parse(source)
    if isinstance(ast, TemplateSyntaxError):
        return [Finding(file, _("macro syntax error: {problem}", problem=ast.message), line=line(ast.lineno or 1))]
    known = set(known)
    findings = []
    for name in sorted(meta.find_undeclared_variables(ast) - known):
        hint = suggest(name, (k for k in known if not k.startswith("_")), listing=False)
        message = _("undefined variable or macro `{name}`", name=name) + hint
        findings.append(Finding(file, message, line=line(_first_line(ast, name))))
    arguments = id_arguments()
    for name, value, lineno in literal_calls(ast):
        if name in arguments:
            valid = library.ids(arguments[name].folder)
            if value not in valid:
                what = arguments[name].noun
                message = f'{name}("{value}"): ' + _("unknown {what} id `{id}`", what=_(what), id=value)
                message += suggest(str(value), valid)
                findings.append(Finding(file, message, line=line(lineno)))
        elif name == "cartes" and value not in PAGE_SCHEMAS:
            message = f'cartes("{value}"): ' + _("unknown page type") + suggest(str(value), PAGE_SCHEMAS)
            findings.append(Finding(file, message, line=line(lineno)))
    return findings
