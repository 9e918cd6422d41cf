"""Static check of a page's Jinja before rendering: syntax, undefined names, unknown ids, with lines."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from .errors import Finding, suggest
from .library import Library
from .pages import PAGE_SCHEMAS

#: macro name -> data collection its first argument names.
ID_ARGUMENTS = {
    "checklist": "checklists",
    "atelier": "ateliers",
    "questions": "ateliers",
    "fiche_atelier": "ateliers",
    "comparatif": "comparatifs",
    "diagnostic": "diagnostics",
}
COLLECTION_NAMES = {"checklists": "check-list", "ateliers": "workshop", "comparatifs": "comparison table", "diagnostics": "self-diagnosis"}


def _first_line(ast: nodes.Template, name: str) -> int:
    return next((n.lineno for n in ast.find_all(nodes.Name) if n.name == name), 1)


def check_source(
    jinja: Environment, source: str, file: str, first_line: int, known: Iterable[str], library: Library
) -> list[Finding]:
    """Findings for one page body whose first line is line first_line of file."""
    line = lambda lineno: lineno + first_line - 1  # noqa: E731 - tiny local mapping
    try:
        ast = jinja.parse(source)
    except TemplateSyntaxError as error:
        return [Finding(file, f"macro syntax error: {error.message}", line=line(error.lineno or 1))]
    known = set(known)
    findings = []
    for name in sorted(meta.find_undeclared_variables(ast) - known):
        hint = suggest(name, (k for k in known if not k.startswith("_")), listing=False)
        findings.append(Finding(file, f"undefined variable or macro `{name}`{hint}", line=line(_first_line(ast, name))))
    for call in ast.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or not call.args or not isinstance(call.args[0], nodes.Const):
            continue
        name, value = call.node.name, call.args[0].value
        if name in ID_ARGUMENTS:
            collection = ID_ARGUMENTS[name]
            valid = library.ids(collection)
            if value not in valid:
                what = COLLECTION_NAMES[collection]
                message = f"{name}(\"{value}\"): unknown {what} id `{value}`" + suggest(str(value), valid)
                findings.append(Finding(file, message, line=line(call.lineno)))
        elif name == "cartes" and value not in PAGE_SCHEMAS:
            findings.append(Finding(file, f"cartes(\"{value}\"): unknown page type" + suggest(str(value), PAGE_SCHEMAS), line=line(call.lineno)))
    return findings
