"""Blocks of current GitBook -> Markdown: columns, updates, OpenAPI, visibility (`if`), includes, integrations.

Columns and updates become `<div markdown>` (md_in_html) with the classes styled in the theme's
guide.css ("GitBook import" section). Nothing is fetched: an OpenAPI block is summarised from a
local spec when the source has one, else it becomes a link.
"""

from __future__ import annotations

import re
from typing import Any

from .gitbook_convert import (
    LINK,
    SEP,
    Block,
    Conversion,
    body,
    children,
    convert_fragment,
    finish,
    plain,
    render,
    renderer,
)

HEADING_LINE = re.compile(r"^(#{1,6})([ \t])", re.MULTILINE)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
MAX_INCLUDE_DEPTH = 5
#: Notes written into pages are in the guide's language.
CONDITION_TITLE = "Contenu conditionnel (GitBook)"
CONDITION_IF = "Dans GitBook, ce contenu n’était affiché que si : `{condition}`"
CONDITION_ELSE = "Dans GitBook, ce contenu n’était affiché que sinon (aucune condition précédente remplie)."
OPENAPI_SPEC = "Spécification OpenAPI"
OPENAPI_SCHEMAS = "Schémas {names} de la spécification"


def _div(css: str, content: str) -> str:
    """A md_in_html block with a class of the theme."""
    return f'<div class="{css}" markdown>\n\n{content}\n\n</div>'


@renderer("columns")
def _columns(block: Block, conv: Conversion) -> str:
    """`{% columns %}` -> a grid of columns that stacks on phones."""
    columns, others = children(block, "column", conv)
    inner = "\n".join(_div("gitbook-column", conv.restore(body(c, conv)) or "&nbsp;") for c in columns)
    return f'<div class="gitbook-columns" markdown>\n{inner}\n</div>' + (SEP + others if others.strip() else "")


@renderer("updates")
def _updates(block: Block, conv: Conversion) -> str:
    """`{% updates %}` -> dated entries (H1 of an entry becomes H2)."""
    updates, others = children(block, "update", conv)
    entries = []
    for update in updates:
        date = update.attrs.get("date", "").strip()
        content = HEADING_LINE.sub(
            lambda m: ("##" if m.group(1) == "#" else m.group(1)) + m.group(2), conv.restore(body(update, conv))
        )
        if not DATE.fullmatch(date):
            conv.defect(f"update without a valid date (`{date}`): written without one", update.raw)
            entries.append(_div("gitbook-update", content))
            continue
        stamp = f'<p class="gitbook-update__date"><time datetime="{date}">{date}</time></p>'
        entries.append(_div("gitbook-update", f"{stamp}\n\n{content}"))
    return "\n\n".join(entries) + (SEP + others if others.strip() else "")


def _operation(spec: Any, path: str, method: str) -> dict[str, Any]:
    """The operation object of a parsed OpenAPI document, {} when absent."""
    paths = spec.get("paths") if isinstance(spec, dict) else None
    item = paths.get(path) if isinstance(paths, dict) else None
    found = item.get(method) if isinstance(item, dict) else None
    return found if isinstance(found, dict) else {}


def _spec_source(block: Block) -> tuple[str, str]:
    """(URL, name) of the spec an OpenAPI block points to: its `src`, else the link it holds."""
    link = LINK.search("".join(c for c in block.children if isinstance(c, str)))
    url = block.attrs.get("src") or (link.group(3).strip("<>").strip() if link else "")
    return url, block.attrs.get("spec") or (plain(link.group(2)) if link else "") or url


def _spec_link(block: Block, conv: Conversion) -> str:
    """`Spécification OpenAPI : [name](href)`, the name alone when the spec is missing (reported)."""
    url, name = _spec_source(block)
    if not url or url.startswith("broken-reference"):
        conv.defect(f"`{block.raw.strip()}`: the spec is not in the source", block.raw)
        return f"{OPENAPI_SPEC} : {name}" if name else ""
    href = conv.links.href(url)
    return f"{OPENAPI_SPEC} : [{name}]({href})" if href else f"{OPENAPI_SPEC} : {conv.broken(name, url)}"


@renderer("openapi", "openapi-operation", "openapi-webhook", "swagger")
def _openapi(block: Block, conv: Conversion) -> str:
    """An OpenAPI operation -> method, path and summary (from a local spec), and a link to the spec."""
    method, path = block.attrs.get("method", "").lower(), block.attrs.get("path", "") or block.attrs.get("name", "")
    spec = conv.links.spec(_spec_source(block)[0])
    operation = _operation(spec, path, method) if method in METHODS else {}
    head = f"**{method.upper()}** `{path}`" if method else f"`{path}`" if path else ""
    summary = str(operation.get("summary") or block.attrs.get("summary") or "").strip()
    parts = [" — ".join(x for x in (head, summary) if x), str(operation.get("description") or "").strip()]
    if block.name == "swagger":
        parts.append(conv.restore(body(block, conv)))
    conv.unsupported(f"`{block.raw.strip()}`: a summary and a link, not an interactive API block", block.raw)
    return "\n\n".join(x for x in (*parts, _spec_link(block, conv)) if x.strip())


@renderer("openapi-schemas")
def _openapi_schemas(block: Block, conv: Conversion) -> str:
    """`{% openapi-schemas %}` -> the schema names and a link to the spec."""
    names = ", ".join(f"`{s.strip()}`" for s in block.attrs.get("schemas", "").split(",") if s.strip())
    conv.unsupported(f"`{block.raw.strip()}`: a link to the spec", block.raw)
    return OPENAPI_SCHEMAS.format(names=names) + "\n\n" + _spec_link(block, conv)


def _condition(block: Block) -> str:
    """The expression of an `if`/`elif` tag."""
    return " ".join(block.raw.strip("{%- }").split(None, 1)[1:]).strip() or "?"


def _branches(block: Block) -> list[tuple[Block | None, list[str | Block]]]:
    """The branches of an `if` block, split at its lone `else`/`elif` tags."""
    branches: list[tuple[Block | None, list[str | Block]]] = [(block, [])]
    for child in block.children:
        if isinstance(child, Block) and child.name in ("else", "elif", "elsif") and child.state == "lone":
            branches.append((child if child.name != "else" else None, []))
        else:
            branches[-1][1].append(child)
    return branches


@renderer("if")
def _if(block: Block, conv: Conversion) -> str:
    """`{% if %}` (and its `else`) -> the content of every branch, each after a note."""
    parts = []
    for tag, nodes in _branches(block):
        note = CONDITION_IF.format(condition=_condition(tag).replace("`", "'")) if tag else CONDITION_ELSE
        content = conv.restore(finish(render(nodes, conv)))
        parts.append(f'!!! note "{CONDITION_TITLE}"\n    {note}' + ("\n\n" + conv.indent(content) if content else ""))
    conv.unsupported(
        f"visibility condition `{block.raw.strip()}`: content published for everyone, with a note", block.raw
    )
    return "\n\n".join(parts)


@renderer("else", "elif", "elsif", lone=True)
def _stray_else(block: Block, conv: Conversion) -> str:
    """An `else` outside an `if`: dropped (reported)."""
    conv.defect(f"`{block.raw.strip()}` outside an `if` block dropped", block.raw)
    return ""


@renderer("include", lone=True)
def _include(block: Block, conv: Conversion) -> str:
    """`{% include %}` -> the reusable content, converted in place."""
    ref = block.attrs.get("") or block.attrs.get("src", "")
    ref = ref.strip().strip("\"'")
    if conv.depth >= MAX_INCLUDE_DEPTH:
        conv.defect(f"`{block.raw.strip()}`: includes nested too deep (a loop?): dropped", block.raw)
        return ""
    found = conv.links.include(ref)
    if found is None:
        return ""
    text, links = found
    saved = conv.links, conv.context
    conv.links, conv.context, conv.depth = links, f" (in include `{ref}`)", conv.depth + 1
    try:
        return convert_fragment(text, conv)
    finally:
        conv.links, conv.context, conv.depth = saved[0], saved[1], conv.depth - 1


@renderer("@", lone=True)
def _integration(block: Block, conv: Conversion) -> str:
    """A GitBook integration block (`{% @vendor/block url="…" %}`): a link to its URL, else kept as text."""
    url = block.attrs.get("url", "")
    if not url:
        conv.unsupported(f"integration `{block.raw.strip()}` kept as text", block.raw)
        return block.raw
    caption = plain(body(block, conv)) if block.state == "block" else ""
    href = conv.links.href(url)
    return f"[{caption or url}]({href})" if href else conv.broken(caption, url)


@renderer("swagger-description")
def _swagger_description(block: Block, conv: Conversion) -> str:
    """The description of a legacy `{% swagger %}` block."""
    return conv.restore(body(block, conv))


@renderer("swagger-parameter")
def _swagger_parameter(block: Block, conv: Conversion) -> str:
    """A parameter of a legacy `{% swagger %}` block -> a list item."""
    name, where = block.attrs.get("name", ""), block.attrs.get("in", "")
    required = "*" if block.attrs.get("required") == "true" else ""
    flags = ", ".join(x for x in (where, block.attrs.get("type", ""), required) if x)
    text = " ".join(conv.restore(body(block, conv)).split())
    return f"- `{name}`" + (f" ({flags})" if flags else "") + (f" : {text}" if text else "")


@renderer("swagger-response")
def _swagger_response(block: Block, conv: Conversion) -> str:
    """A response of a legacy `{% swagger %}` block -> its status and content."""
    status = block.attrs.get("status", "")
    description = block.attrs.get("description", "")
    content = conv.restore(body(block, conv))
    return f"**{status}** {description}".strip() + (f"\n\n{content}" if content else "")
