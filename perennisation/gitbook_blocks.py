"""GitBook's classic blocks -> Material Markdown: hints, details, tabs, stepper, content-ref, files, embeds, code.

`<mark>` is kept as raw HTML: it is valid HTML, renders highlighted everywhere and needs no extension.
The conversion core lives in gitbook_convert; the blocks of current GitBook in gitbook_widgets.
"""

from __future__ import annotations

import posixpath
import re
import textwrap
from urllib.parse import unquote

from .gitbook_convert import (
    CODE,
    EXTERNAL,
    LINK,
    MARKDOWN_SPECIAL,
    SEP,
    Block,
    Conversion,
    body,
    children,
    convert_body,
    finish,
    plain,
    render,
    renderer,
    title_text,
)

HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
CONSTRUCT = re.compile(r"^(?:[!?=]{3}|\x01|[|<>]|[*+-][ \t]|\d+[.)][ \t])")
HINT_STYLES = {"info", "success", "warning", "danger"}
#: Notes written into pages are in the guide's language.
MISSING_FILE = "(fichier absent de l'export GitBook : `{name}`)"
STEP_LABEL = "Étape {n}"

__all__ = ["EXTERNAL", "Conversion", "convert_body"]


@renderer("hint")
def _hint(block: Block, conv: Conversion) -> str:
    """`{% hint %}` -> an admonition of the same style."""
    style = block.attrs.get("style", "info").lower()
    if style not in HINT_STYLES:
        conv.unsupported(f"hint style `{style}` unknown: rendered as `note`", block.raw)
        style = "note"
    return f"!!! {style}\n" + conv.indent(body(block, conv))


@renderer("details")
def _details(block: Block, conv: Conversion) -> str:
    """<details> -> a collapsible admonition (open when GitBook's was)."""
    title = title_text(block.attrs.get("title", ""))
    head = ("???+" if block.attrs.get("open") else "???") + " note" + (f' "{title}"' if title else "")
    return head + "\n" + conv.indent(body(block, conv))


@renderer("tabs")
def _tabs(block: Block, conv: Conversion) -> str:
    """`{% tabs %}` -> content tabs."""
    tabs, others = children(block, "tab", conv)
    parts = []
    for n, tab in enumerate(tabs, 1):
        title = title_text(tab.attrs.get("title", "")) or str(n)
        parts.append(f'=== "{title}"\n' + conv.indent(body(tab, conv) or "&nbsp;"))
    return "\n\n".join(parts) + (SEP + others if others.strip() else "")


@renderer("stepper")
def _stepper(block: Block, conv: Conversion) -> str:
    """`{% stepper %}` -> a numbered list, each step's heading in bold."""
    steps, others = children(block, "step", conv)
    items = []
    for n, step in enumerate(steps, 1):
        first, _, rest = body(step, conv).partition("\n")
        heading = HEADING.match(first)
        if heading:
            first = f"**{heading.group(1)}**"
        elif not first.strip() or CONSTRUCT.match(first):
            first, rest = f"**{STEP_LABEL.format(n=n)}**", f"{first}\n{rest}"
        rest = textwrap.dedent(rest.strip("\n"))
        items.append(f"{n}. {first}" + ("\n\n" + conv.indent(rest) if rest.strip() else ""))
    return "\n\n".join(items) + (SEP + others if others.strip() else "")


@renderer("content-ref")
def _content_ref(block: Block, conv: Conversion) -> str:
    """`{% content-ref %}` -> a link titled with the target page's title."""
    url = block.attrs.get("url", "")
    inner = finish(render(block.children, conv))
    given = LINK.search(inner)
    text = given.group(2) if given else title_text(inner)
    href = conv.links.href(url)
    if href is None:
        return conv.broken(text, url)
    return f"[{conv.links.title(url) or text or url}]({href})"


@renderer("file", lone=True)
def _file(block: Block, conv: Conversion) -> str:
    """`{% file %}` -> a link to the copied file (its caption as text when missing)."""
    src = block.attrs.get("src", "")
    name = posixpath.basename(unquote(src.partition("?")[0])) or src
    caption = plain(finish(render(block.children, conv)))
    href = conv.links.href(src)
    if href is None:
        text = MARKDOWN_SPECIAL.sub(r"\\\g<0>", caption)
        return conv.broken(text, src) if conv.marker else f"{text} {MISSING_FILE.format(name=name)}".lstrip()
    return f"[{caption or name}]({href})"


@renderer("embed", lone=True)
def _embed(block: Block, conv: Conversion) -> str:
    """`{% embed %}` -> a link: the guide embeds nothing from another site."""
    url = block.attrs.get("url", "")
    caption = plain(finish(render(block.children, conv)))
    href = conv.links.href(url)
    if href is None:
        return conv.broken(caption, url)
    return f"[{caption or url}]({href})"


@renderer("code")
def _code(block: Block, conv: Conversion) -> str:
    """`{% code %}` -> its fence, with the title and line numbers as fence options."""
    content = body(block, conv)
    fence = CODE.search(content)
    extra = ""
    if block.attrs.get("title"):
        extra += f' title="{title_text(block.attrs["title"])}"'
    if block.attrs.get("linenumbers") == "true":
        extra += ' linenums="1"'
    if fence and fence.group(1) and extra:
        code = conv.codes[int(fence.group(1))]
        first, _, rest = code.partition("\n")
        conv.codes[int(fence.group(1))] = f"{first.rstrip()}{extra}\n{rest}"
    return content


from . import gitbook_widgets  # noqa: E402,F401 - registers the blocks of current GitBook
