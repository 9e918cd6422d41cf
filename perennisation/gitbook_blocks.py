"""Body of a GitBook page -> Material Markdown: `{% … %}` blocks, GitBook HTML, links and assets.

Blocks nest (a hint inside a tab, a tab inside <details>), so `{% tag %}` and <details> are parsed
into a tree and rendered with indented bodies. Fenced code is set aside first and never converted.
`<mark>` is kept as raw HTML: it is valid HTML, renders highlighted everywhere and needs no
extension. Unknown tags are never lost: a block's content is kept, a lone tag is kept as text.
"""

from __future__ import annotations

import html
import posixpath
import re
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

TOKEN = re.compile(
    r"\{%-?\s*(?P<end>end)?(?P<name>[A-Za-z][\w-]*)(?P<args>.*?)-?%\}"
    r"|<details(?P<open>\s+open)?[^>]*>\s*(?:<summary>(?P<summary>.*?)</summary>)?"
    r"|(?P<details_end></details>)",
    re.DOTALL | re.IGNORECASE,
)
ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.DOTALL | re.MULTILINE)
CODE = re.compile(r"\x01(\d+)\x01")
SEP = "\x00"  # marks the edges of a block: becomes exactly one blank line
EDGES = re.compile(r"(?:[ \t]*\n)*[ \t]*\x00(?:[ \t]*\n|\x00)*")
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\s]+)((?:\s+\"[^\"]*\")?)\)")
HEADING_ANCHOR = re.compile(
    r"^(#{1,6}[ \t]+.*?)[ \t]*<a\s+(?:href=\"#[^\"]*\"\s+)?id=\"([\w.:-]+)\"[^>]*>\s*</a>[ \t]*$", re.MULTILINE
)
FIGURE = re.compile(r"<figure[^>]*>(.*?)</figure>", re.DOTALL | re.IGNORECASE)
IMG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)
FIGCAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.DOTALL | re.IGNORECASE)
HARD_BREAK = re.compile(r"(?<!\\)\\[ \t]*$", re.MULTILINE)
LIST_ITEM = re.compile(r"^(?:\d+[.)]|[*+-])[ \t]+\S")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
CONSTRUCT = re.compile(r"^(?:[!?=]{3}|\x01|[|<>]|[*+-][ \t]|\d+[.)][ \t])")
MARKDOWN_SPECIAL = re.compile(r"[_*\[\]]")
EXTERNAL = re.compile(r"^(?:[a-z][\w+.-]*:|#|/)", re.IGNORECASE)
HINT_STYLES = {"info", "success", "warning", "danger"}
#: Notes written into pages are in the guide's language.
MISSING_FILE = "(fichier absent de l'export GitBook : `{name}`)"
STEP_LABEL = "Étape {n}"


@dataclass
class Conversion:
    """One page being converted: how to resolve links, assets and titles, and what was found."""

    link: Callable[[str], str] = lambda url: url
    asset: Callable[[str], str | None] = lambda src: None
    title: Callable[[str], str | None] = lambda url: None
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """Record a warning once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def restore(self, text: str) -> str:
        """Put the fenced code blocks set aside back into text."""
        return CODE.sub(lambda m: self.codes[int(m.group(1))], text)

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


def _token(match: re.Match[str]) -> tuple[bool, str, dict[str, str]]:
    """(is end tag, name, attributes) of a tokenizer match."""
    if match.group("details_end"):
        return True, "details", {}
    if match.group("name") is None:
        summary = match.group("summary") or ""
        return False, "details", {"title": summary, "open": "1" if match.group("open") else ""}
    attrs = {k.lower(): html.unescape(a if a is not None else b) for k, a, b in ATTR.findall(match.group("args"))}
    return bool(match.group("end")), match.group("name").lower(), attrs


def parse(text: str, conv: Conversion) -> list[str | Block]:
    """Tree of text and blocks; unmatched tags become lone tags, unclosed blocks are unwrapped."""
    matches = list(TOKEN.finditer(text))
    tokens = [_token(m) for m in matches]
    root = Block("", {}, "")
    stack, pos = [root], 0
    for i, (match, (is_end, name, attrs)) in enumerate(zip(matches, tokens)):
        stack[-1].children.append(text[pos : match.start()])
        pos = match.end()
        if is_end:
            if any(b.name == name for b in stack[1:]):
                while (block := stack.pop()).name != name:
                    block.state = "unwrap"
                    conv.warn(f"unclosed `{block.raw.strip()}`: tag dropped, content kept")
            else:
                conv.warn(f"stray `{match.group(0)}` dropped")
            continue
        block = Block(name, attrs, match.group(0))
        stack[-1].children.append(block)
        later = tokens[i + 1 : i + 2] if name in ("file", "embed") else tokens[i + 1 :]
        if any(end and other == name for end, other, _ in later):
            stack.append(block)
        else:
            block.state = "lone"
    stack[-1].children.append(text[pos:])
    for block in stack[1:]:
        block.state = "unwrap"
        conv.warn(f"unclosed `{block.raw.strip()}`: tag dropped, content kept")
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


def _hint(block: Block, conv: Conversion) -> str:
    style = block.attrs.get("style", "info").lower()
    if style not in HINT_STYLES:
        conv.warn(f"hint style `{style}` unknown: rendered as `note`")
        style = "note"
    return f"!!! {style}\n" + conv.indent(body(block, conv))


def _details(block: Block, conv: Conversion) -> str:
    title = title_text(block.attrs.get("title", ""))
    head = ("???+" if block.attrs.get("open") else "???") + " note" + (f' "{title}"' if title else "")
    return head + "\n" + conv.indent(body(block, conv))


def _children(block: Block, name: str, conv: Conversion) -> tuple[list[Block], str]:
    """The `name` sub-blocks of a container, and whatever else it held (rendered)."""
    inner = [c for c in block.children if isinstance(c, Block) and c.name == name and c.state == "block"]
    others = finish(render([c for c in block.children if not any(c is b for b in inner)], conv))
    if others.strip():
        conv.warn(f"content outside `{{% {name} %}}` in `{{% {block.name} %}}` kept after it")
    return inner, others


def _tabs(block: Block, conv: Conversion) -> str:
    tabs, others = _children(block, "tab", conv)
    parts = []
    for n, tab in enumerate(tabs, 1):
        title = title_text(tab.attrs.get("title", "")) or str(n)
        parts.append(f'=== "{title}"\n' + conv.indent(body(tab, conv) or "&nbsp;"))
    return "\n\n".join(parts) + (SEP + others if others.strip() else "")


def _stepper(block: Block, conv: Conversion) -> str:
    steps, others = _children(block, "step", conv)
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


def _content_ref(block: Block, conv: Conversion) -> str:
    url = block.attrs.get("url", "")
    inner = finish(render(block.children, conv))
    given = LINK.search(inner)
    text = given.group(2) if given else title_text(inner)
    title = conv.title(url)
    if title is None:
        conv.warn(f"content-ref `{url}`: target page not in the tree, link text kept")
    return f"[{title or text or url}]({conv.link(url)})"


def _file(block: Block, conv: Conversion) -> str:
    src = block.attrs.get("src", "")
    name = posixpath.basename(unquote(src)) or src
    caption = title_text(finish(render(block.children, conv))).replace("&quot;", '"')
    href = conv.asset(src)
    if href is None:
        conv.warn(f"file `{src}` missing: caption written as text")
        return (MARKDOWN_SPECIAL.sub(r"\\\g<0>", caption) + " " + MISSING_FILE.format(name=name)).lstrip()
    return f"[{caption or name}]({href})"


def _embed(block: Block, conv: Conversion) -> str:
    url = block.attrs.get("url", "")
    caption = title_text(finish(render(block.children, conv))).replace("&quot;", '"')
    return f"[{caption or url}]({url if EXTERNAL.match(url) else conv.link(url)})"


def _code(block: Block, conv: Conversion) -> str:
    content = body(block, conv)
    fence = CODE.search(content)
    extra = ""
    if block.attrs.get("title"):
        extra += f' title="{title_text(block.attrs["title"])}"'
    if block.attrs.get("linenumbers") == "true":
        extra += ' linenums="1"'
    if fence and extra:
        code = conv.codes[int(fence.group(1))]
        first, _, rest = code.partition("\n")
        conv.codes[int(fence.group(1))] = f"{first.rstrip()}{extra}\n{rest}"
    return content


RENDERERS: dict[str, Callable[[Block, Conversion], str]] = {
    "hint": _hint, "details": _details, "tabs": _tabs, "stepper": _stepper,
    "content-ref": _content_ref, "file": _file, "embed": _embed, "code": _code,
}
LONE_OK = {"file", "embed"}  # used without an end tag and without caption


def render_block(block: Block, conv: Conversion) -> str:
    """Markdown of one block, between block edges."""
    if block.state == "lone" and block.name not in LONE_OK:
        if block.name in RENDERERS and block.name != "details":
            conv.warn(f"unclosed `{block.raw.strip()}` dropped")
            return ""
        what = "unclosed" if block.name == "details" else "unknown GitBook tag"
        conv.warn(f"{what} `{block.raw.strip()}` kept as text")
        return block.raw
    renderer = RENDERERS.get(block.name)
    if block.state == "unwrap" or renderer is None:
        if block.state != "unwrap":
            conv.warn(f"unsupported GitBook block `{block.raw.strip()}`: tags dropped, content kept")
        return SEP + body(block, conv) + SEP
    conv.counts[block.name] += 1
    return SEP + renderer(block, conv) + SEP


def _figure(match: re.Match[str], conv: Conversion) -> str:
    img = IMG.search(match.group(1))
    if img is None:
        conv.warn("<figure> without <img> kept as HTML")
        return match.group(0)
    attrs = {k.lower(): html.unescape(a if a is not None else b) for k, a, b in ATTR.findall(img.group(0))}
    caption = FIGCAPTION.search(match.group(1))
    caption_text = title_text(caption.group(1)).replace("&quot;", '"') if caption else ""
    alt = " ".join(attrs.get("alt", "").split()) or caption_text
    if not alt:
        conv.warn(f"image `{attrs.get('src', '')}` has no alt text")
    conv.counts["figure"] += 1
    image = f"![{alt.replace('[', '(').replace(']', ')')}]({_image_src(attrs.get('src', ''), conv)})"
    return SEP + image + (f"\n_{caption_text}_" if caption_text else "") + SEP


def _image_src(src: str, conv: Conversion) -> str:
    """A local image is copied next to the page; a missing one is reported and left as is."""
    if not src or EXTERNAL.match(src):
        return src
    href = conv.asset(src)
    if href is None:
        conv.warn(f"image `{src}` missing")
    return href or src


def _link(match: re.Match[str], conv: Conversion) -> str:
    bang, text, target, title = match.groups()
    if re.match(r"/(?!/)", target):
        conv.warn(f"absolute link `{target}` kept: it points outside the imported pages")
    if EXTERNAL.match(target):
        return match.group(0)
    new = _image_src(target, conv) if bang else conv.link(target)
    if new != target:
        conv.counts["image copied" if bang else "link rewritten"] += 1
    return f"{bang}[{text}]({new}{title})"


IFRAME = re.compile(r"<iframe\b[^>]*?\bsrc=[\"']([^\"']+)[\"'][^>]*>.*?</iframe>", re.IGNORECASE | re.DOTALL)
IFRAME_TITLE = re.compile(r"\btitle=[\"']([^\"']+)[\"']", re.IGNORECASE)


def _iframe(match: re.Match[str]) -> str:
    """An embedded frame becomes a plain link: the guide loads nothing from another site."""
    title = IFRAME_TITLE.search(match.group(0))
    return f"[{title.group(1) if title else match.group(1)}]({match.group(1)})"


def convert_text(text: str, conv: Conversion) -> str:
    """GitBook HTML and link conventions of a run of text between blocks."""
    text = FIGURE.sub(lambda m: _figure(m, conv), text)
    text, anchors = HEADING_ANCHOR.subn(r"\1 { #\2 }", text)
    text, breaks = HARD_BREAK.subn("<br>", text)
    text = LINK.sub(lambda m: _link(m, conv), text.replace("&#x20;", ""))
    text, frames = IFRAME.subn(_iframe, text)
    conv.counts.update({"heading anchor": anchors, "hard line break": breaks, "iframe to link": frames})
    if re.search(r"<iframe\b", text, re.IGNORECASE):
        conv.warn("raw <iframe> without src kept: remove it by hand")
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


def convert_body(text: str, conv: Conversion) -> str:
    """Convert a whole page body; fenced code is left untouched."""

    def keep(match: re.Match[str]) -> str:
        conv.codes.append(match.group(0))
        return f"\x01{len(conv.codes) - 1}\x01"

    text = FENCE.sub(keep, text.replace(SEP, "").replace("\x01", ""))
    result = conv.restore(finish(render(parse(text, conv), conv)))
    conv.counts = Counter({k: v for k, v in conv.counts.items() if v})
    return result + "\n"
