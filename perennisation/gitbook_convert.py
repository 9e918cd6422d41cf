"""Body of a GitBook page -> Material Markdown: the block tree, links, images and GitBook HTML.

Blocks nest (a hint inside a tab, a tab inside <details>), so `{% tag %}` and <details> are parsed
into a tree and rendered with indented bodies by the renderers registered in RENDERERS (modules
gitbook_blocks and gitbook_widgets). Fenced and inline code is set aside first and never converted.
Unknown tags are never lost: they are kept as text and reported.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

TOKEN = re.compile(
    r"\{%-?\s*(?P<end>end)?(?P<name>@?[A-Za-z][\w./-]*)(?P<args>.*?)-?%\}"
    r"|<details(?P<open>\s+open)?[^>]*>\s*(?:<summary>(?P<summary>.*?)</summary>)?"
    r"|(?P<details_end></details>)",
    re.DOTALL | re.IGNORECASE,
)
ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")
CODE = re.compile(r"\x01(\d+)\x01|\x03(\d+)\x03")
SEP = "\x00"  # marks the edges of a block: becomes exactly one blank line
EDGES = re.compile(r"(?:[ \t]*\n)*[ \t]*\x00(?:[ \t]*\n|\x00)*")
LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\\[\[\]]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)((?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?)\s*\)"
)
HEADING_ANCHOR = re.compile(
    r"^(#{1,6}[ \t]+.*?)[ \t]*<a\s+(?:href=\"[^\"]*\"\s+)?id=\"([^\"\s]+)\"[^>]*>\s*</a>[ \t]*$", re.MULTILINE
)
FIGURE = re.compile(r"<figure[^>]*>(.*?)</figure>", re.DOTALL | re.IGNORECASE)
IMG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)
FIGCAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.DOTALL | re.IGNORECASE)
HTML_LINK = re.compile(r"<a\s([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
HTML_MEDIA = re.compile(r"<(img|source)\s[^>]*>", re.IGNORECASE)
HARD_BREAK = re.compile(r"(?<!\\)\\[ \t]*$", re.MULTILINE)
LIST_ITEM = re.compile(r"^(?:\d+[.)]|[*+-])[ \t]+\S")
EXTERNAL = re.compile(r"^(?:[a-z][\w+.-]*:|//)", re.IGNORECASE)
IFRAME = re.compile(r"<iframe\b[^>]*?\bsrc=[\"']([^\"']+)[\"'][^>]*>.*?</iframe>", re.IGNORECASE | re.DOTALL)
IFRAME_TITLE = re.compile(r"\btitle=[\"']([^\"']+)[\"']", re.IGNORECASE)
FOOTNOTE_LINK = re.compile(r"^#user-content-fn(?:ref)?-")
DEFINITION = re.compile(r"^( {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)(.*)$", re.MULTILINE)
EXPRESSION = re.compile(r"<code class=\"expression\">(.*?)</code>", re.DOTALL)
MATH = re.compile(r"\$\$.+?\$\$", re.DOTALL)
MARKDOWN_SPECIAL = re.compile(r"[_*\[\]]")
#: Notes written into pages are in the guide's language.
BROKEN_MARK = "{text} _(lien cassé dans la source)_"


class Links(Protocol):
    """How a page resolves what it points to (implemented by the importer)."""

    def href(self, url: str, html: bool = False) -> str | None:
        """New URL of a link or image; None when the target is missing (the defect is reported)."""

    def title(self, url: str) -> str | None:
        """Title of the page a link points to; None when it is not a page of the import."""

    def include(self, ref: str) -> tuple[str, Links] | None:
        """Text of a reusable content file and the links of its folder; None when missing (reported)."""

    def spec(self, url: str) -> Any:
        """A local OpenAPI document a link points to, parsed; None when there is none."""


class KeepLinks:
    """Links left as they are: conversion of a lone text, with no tree around it."""

    def href(self, url: str, html: bool = False) -> str | None:
        """The URL itself."""
        return url

    def title(self, url: str) -> str | None:
        """No title known."""
        return None

    def include(self, ref: str) -> tuple[str, Links] | None:
        """No reusable content known."""
        return None

    def spec(self, url: str) -> Any:
        """No local spec known."""
        return None


@dataclass
class Note:
    """One report line: a defect of the source or a feature not supported."""

    kind: str  # "source" or "unsupported"
    message: str
    needle: str = ""  # text of the source that locates the line
    last: bool = False  # the line of the needle's last occurrence, not its first


@dataclass
class Conversion:
    """One page being converted: how to resolve links, and what was found."""

    links: Links = field(default_factory=KeepLinks)
    marker: bool = False  # broken links: visible marker rather than plain text
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[Note] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    context: str = ""  # " (in include `x.md`)" while an include is converted
    depth: int = 0

    def _note(self, kind: str, message: str, needle: str) -> None:
        """Record a note once."""
        note = Note(kind, message + self.context, needle)
        if note not in self.notes:
            self.notes.append(note)

    def defect(self, message: str, needle: str = "") -> None:
        """Record a defect of the source."""
        self._note("source", message, needle)

    def unsupported(self, message: str, needle: str = "") -> None:
        """Record a feature this engine does not reproduce."""
        self._note("unsupported", message, needle)

    @property
    def warnings(self) -> list[str]:
        """Every note's message."""
        return [note.message for note in self.notes]

    def broken(self, text: str, url: str = "") -> str:
        """What a broken link becomes: its text, with a visible marker when asked."""
        text = text.strip() or (url if self.marker else "")
        return BROKEN_MARK.format(text=text).strip() if self.marker else text

    def restore(self, text: str) -> str:
        """Put the code set aside back into text."""
        return CODE.sub(lambda m: self.codes[int(m.group(1) or m.group(2))], text)

    def indent(self, text: str, prefix: str = "    ") -> str:
        """Indent a block body (code included) under an admonition, tab or list item."""
        return textwrap.indent(self.restore(text), prefix)


@dataclass
class Block:
    """A `{% name %}…{% endname %}` or <details> element; `state` is block, lone or unwrap."""

    name: str
    attrs: dict[str, str]
    raw: str
    state: str = "block"
    children: list[str | Block] = field(default_factory=list)


Renderer = Callable[[Block, Conversion], str]
RENDERERS: dict[str, Renderer] = {}
LONE_OK: set[str] = set()  # tags used without an end tag


def renderer(*names: str, lone: bool = False) -> Callable[[Renderer], Renderer]:
    """Register a block renderer for tag names (lone: the tag may come without an end tag)."""

    def register(function: Renderer) -> Renderer:
        """Record function under the names."""
        for name in names:
            RENDERERS[name] = function
            if lone:
                LONE_OK.add(name)
        return function

    return register


def lookup(name: str) -> tuple[Renderer | None, bool]:
    """The renderer of a tag name (`@vendor/block` integrations share one) and whether it may stand alone."""
    key = "@" if name.startswith("@") else name
    return RENDERERS.get(key), key in LONE_OK


def attributes(text: str) -> dict[str, str]:
    """`key="value"` pairs of a tag, unescaped, keys lower-cased."""
    return {k.lower(): html.unescape(a if a is not None else b) for k, a, b in ATTR.findall(text)}


def _token(match: re.Match[str]) -> tuple[bool, str, dict[str, str]]:
    """(is end tag, name, attributes) of a tokenizer match."""
    if match.group("details_end"):
        return True, "details", {}
    if match.group("name") is None:
        summary = match.group("summary") or ""
        return False, "details", {"title": summary, "open": "1" if match.group("open") else ""}
    attrs = attributes(match.group("args"))
    words = match.group("args").split()
    if words and "=" not in words[0]:
        attrs.setdefault("", match.group("args").strip())  # `{% include "x.md" %}`, `{% if expr %}`
    return bool(match.group("end")), match.group("name").lower(), attrs


def parse(text: str, conv: Conversion) -> list[str | Block]:
    """Tree of text and blocks; unmatched tags become lone tags, unclosed blocks are unwrapped."""
    matches = list(TOKEN.finditer(text))
    tokens = [_token(m) for m in matches]
    root = Block("", {}, "")
    stack, pos = [root], 0
    for i, (match, (is_end, name, attrs)) in enumerate(zip(matches, tokens, strict=True)):
        stack[-1].children.append(text[pos : match.start()])
        pos = match.end()
        if is_end:
            if any(b.name == name for b in stack[1:]):
                while (block := stack.pop()).name != name:
                    block.state = "unwrap"
                    conv.defect(f"unclosed `{block.raw.strip()}`: tag dropped, content kept", block.raw)
            else:
                conv.defect(f"stray `{match.group(0)}` dropped", match.group(0))
            continue
        block = Block(name, attrs, match.group(0))
        stack[-1].children.append(block)
        later = tokens[i + 1 : i + 2] if lookup(name)[1] else tokens[i + 1 :]
        if any(end and other == name for end, other, _ in later):
            stack.append(block)
        else:
            block.state = "lone"
    stack[-1].children.append(text[pos:])
    for block in stack[1:]:
        block.state = "unwrap"
        conv.defect(f"unclosed `{block.raw.strip()}`: tag dropped, content kept", block.raw)
    return root.children


def finish(text: str) -> str:
    """Turn block edges into single blank lines and trim the result."""
    return EDGES.sub("\n\n", text).strip("\n")


def body(block: Block, conv: Conversion) -> str:
    """The rendered, dedented content of a block."""
    return textwrap.dedent(finish(render(block.children, conv)))


def title_text(value: str) -> str:
    """Plain one-line text of an HTML/Markdown fragment, safe inside a quoted Material title."""
    text = html.unescape(re.sub(r"<[^>]+>", "", value))
    return " ".join(text.split()).replace('"', "&quot;")


def plain(value: str) -> str:
    """Plain one-line text of a fragment (quotes kept)."""
    return title_text(value).replace("&quot;", '"')


def children(block: Block, name: str, conv: Conversion) -> tuple[list[Block], str]:
    """The `name` sub-blocks of a container, and whatever else it held (rendered)."""
    inner = [c for c in block.children if isinstance(c, Block) and c.name == name and c.state == "block"]
    others = finish(render([c for c in block.children if not any(c is b for b in inner)], conv))
    if others.strip():
        conv.defect(f"content outside `{{% {name} %}}` in `{{% {block.name} %}}` kept after it", block.raw)
    return inner, others


def _unknown(block: Block, conv: Conversion) -> str:
    """An unknown tag kept as text (with its content, rendered, and its end tag)."""
    conv.unsupported(f"unknown GitBook tag `{block.raw.strip()}` kept as text", block.raw)
    if block.state == "lone":
        return block.raw
    end = "</details>" if block.name == "details" else f"{{% end{block.name} %}}"
    return SEP + block.raw + SEP + body(block, conv) + SEP + end + SEP


def render_block(block: Block, conv: Conversion) -> str:
    """Markdown of one block, between block edges."""
    found, lone_ok = lookup(block.name)
    if block.state == "lone" and not lone_ok:
        if found is not None and block.name != "details":
            conv.defect(f"unclosed `{block.raw.strip()}` dropped", block.raw)
            return ""
        if block.name == "details":
            conv.defect(f"unclosed `{block.raw.strip()}` kept as text", block.raw)
            return block.raw
        return _unknown(block, conv)
    if block.state == "unwrap":
        return SEP + body(block, conv) + SEP
    if found is None:
        return _unknown(block, conv)
    result = found(block, conv)
    conv.counts["integration" if block.name.startswith("@") else block.name] += bool(result)
    return SEP + result + SEP


def image(src: str, alt: str, conv: Conversion, title: str = "") -> str:
    """A Markdown image, its file copied; its alt text when the file is missing."""
    href = conv.links.href(src)
    if href is None:
        return conv.broken(alt, src)
    if not alt and not EXTERNAL.match(src):
        conv.defect(f"image `{src}` has no alt text", src)
    conv.counts["image"] += 1
    return f"![{alt.replace('[', '(').replace(']', ')')}]({href}{title})"


def _figure(match: re.Match[str], conv: Conversion) -> str:
    """<figure><img><figcaption> -> a Markdown image and its caption."""
    img = IMG.search(match.group(1))
    if img is None:
        conv.unsupported("<figure> without <img> kept as HTML", "<figure")
        return match.group(0)
    attrs = attributes(img.group(0))
    caption = FIGCAPTION.search(match.group(1))
    caption_text = plain(caption.group(1)) if caption else ""
    alt = " ".join(attrs.get("alt", "").split()) or caption_text
    conv.counts["figure"] += 1
    picture = image(attrs.get("src", ""), alt, conv)
    return SEP + picture + (f"\n_{caption_text}_" if caption_text and picture else "") + SEP


def _link(match: re.Match[str], conv: Conversion) -> str:
    """A Markdown link or image, its target resolved (plain text when broken)."""
    bang, text, target, title = match.groups()
    if target.startswith("<"):
        target = target[1:-1].strip()
    if bang:
        return image(target, text, conv, title)
    text = LINK.sub(lambda m: _link(m, conv), text)
    if FOOTNOTE_LINK.match(target):
        conv.counts["footnote link to text"] += 1
        return text
    href = conv.links.href(target)
    if href is None:
        return conv.broken(text, target)
    if href != target:
        conv.counts["link rewritten"] += 1
    return f"[{text}]({href}{title})"


def _html_link(match: re.Match[str], conv: Conversion) -> str:
    """A raw <a>: a Material button for GitBook buttons, else its href rewritten (text if broken)."""
    attrs = attributes(match.group(1))
    url, text = attrs.get("href", ""), match.group(2)
    if not url or url.startswith("#") and not url[1:]:
        return match.group(0)
    if "button" in attrs.get("class", "").split():
        href = conv.links.href(url)
        if href is None:
            return conv.broken(plain(text), url)
        kind = " .md-button--primary" if "primary" in attrs.get("class", "") else ""
        conv.counts["button"] += 1
        return f"[{plain(text)}]({href}){{ .md-button{kind} }}"
    href = conv.links.href(url, html=True)
    if href is None:
        return conv.broken(plain(text), url)
    return match.group(0).replace(f'"{url}"', f'"{html.escape(href)}"', 1) if href != url else match.group(0)


def _html_media(match: re.Match[str], conv: Conversion) -> str:
    """A raw <img> or <source>: its file copied and src rewritten; its alt text if missing."""
    attrs = attributes(match.group(0))
    url = attrs.get("src") or attrs.get("srcset", "")
    if not url or EXTERNAL.match(url):
        return match.group(0)
    href = conv.links.href(url, html=True)
    if href is None:
        return conv.broken(attrs.get("alt", ""), url) if match.group(1).lower() == "img" else ""
    return match.group(0).replace(f'"{url}"', f'"{html.escape(href)}"')


def _definitions(text: str, conv: Conversion) -> str:
    """Link reference definitions, their URL resolved; a broken one is dropped and its references become text."""
    dropped: list[str] = []

    def resolve(match: re.Match[str]) -> str:
        start, url, rest = match.groups()
        href = conv.links.href(url.strip("<>"))
        if href is None:
            dropped.append(start.strip()[1:-2].lower())
            return ""
        return f"{start}{href}{rest}"

    text = DEFINITION.sub(resolve, text)
    for ident in dropped:
        reference = re.compile(r"\[([^\]\n]+)\]\[" + re.escape(ident) + r"\]", re.IGNORECASE)
        text = reference.sub(lambda m: conv.broken(m.group(1)), text)
    return text


def _flag(text: str, conv: Conversion) -> None:
    """Report GitBook features kept as they are written: expressions and TeX formulas."""
    for found in EXPRESSION.finditer(text):
        conv.unsupported(f"GitBook expression `{plain(found.group(1))}` shown as code, not evaluated", found.group(0))
    formula = MATH.search(text)
    if formula:
        conv.unsupported("TeX formulas (`$$…$$`) kept as text", formula.group(0)[:40])


def _iframe(match: re.Match[str]) -> str:
    """An embedded frame becomes a plain link: the guide loads nothing from another site."""
    title = IFRAME_TITLE.search(match.group(0))
    return f"[{title.group(1) if title else match.group(1)}]({match.group(1)})"


def convert_text(text: str, conv: Conversion) -> str:
    """GitBook HTML and link conventions of a run of text between blocks."""
    text, anchors = HEADING_ANCHOR.subn(r"\1 { #\2 }", text)
    text, breaks = HARD_BREAK.subn("<br>", text)
    text = LINK.sub(lambda m: _link(m, conv), text.replace("&#x20;", ""))  # before HTML becomes Markdown
    text = _definitions(text, conv)
    _flag(text, conv)
    text = FIGURE.sub(lambda m: _figure(m, conv), text)
    text = HTML_LINK.sub(lambda m: _html_link(m, conv), text)
    text = HTML_MEDIA.sub(lambda m: _html_media(m, conv), text)
    text, frames = IFRAME.subn(_iframe, text)
    conv.counts.update({"heading anchor": anchors, "hard line break": breaks, "iframe to link": frames})
    if re.search(r"<iframe\b", text, re.IGNORECASE):
        conv.unsupported("raw <iframe> without src kept: remove it by hand", "<iframe")
    return text


def in_list(before: str, after: str) -> bool:
    """Whether a block stands between two items of a list (GitBook cannot nest blocks in lists)."""
    lines = [line for line in before.split("\n") if line.strip()]
    while lines and lines[-1][:1] in (" ", "\t"):
        lines.pop()
    following = next((line for line in after.split("\n") if line.strip()), "")
    return bool(lines and LIST_ITEM.match(lines[-1]) and LIST_ITEM.match(following))


def render(nodes: list[str | Block], conv: Conversion) -> str:
    """Markdown of a sequence of text runs and blocks; a block between list items joins the item above."""
    parts: list[str] = []
    for i, node in enumerate(nodes):
        if isinstance(node, str):
            parts.append(convert_text(node, conv))
            continue
        block = render_block(node, conv)
        after = nodes[i + 1] if i + 1 < len(nodes) and isinstance(nodes[i + 1], str) else ""
        if block.startswith(SEP) and in_list("".join(parts), str(after)):
            block = SEP + conv.indent(finish(block)) + SEP
            conv.counts["block kept in list item"] += 1
        parts.append(block)
    return "".join(parts)


def set_code_aside(text: str, conv: Conversion) -> str:
    """Replace fenced code blocks and inline code spans by placeholders kept in conv.codes."""

    def keep(marker: str) -> Callable[[re.Match[str]], str]:
        """A replacement function that stores each match and leaves a marker."""

        def store(match: re.Match[str]) -> str:
            """Store the match, return its placeholder."""
            conv.codes.append(match.group(0))
            return f"{marker}{len(conv.codes) - 1}{marker}"

        return store

    text = FENCE.sub(keep("\x01"), text.replace(SEP, "").replace("\x01", "").replace("\x03", ""))
    return INLINE_CODE.sub(keep("\x03"), text)


def convert_fragment(text: str, conv: Conversion) -> str:
    """Markdown of a piece of GitBook text, its code still set aside."""
    return finish(render(parse(set_code_aside(text, conv), conv), conv))


def convert_body(text: str, conv: Conversion) -> str:
    """Convert a whole page body; code is left untouched."""
    result = conv.restore(convert_fragment(text, conv))
    conv.counts = Counter({k: v for k, v in conv.counts.items() if v})
    return result + "\n"
