"""French typography of the built pages: a narrow no-break space (U+202F) before ; : ! ? » and after «.

Authors type plain spaces; the engine fixes the text of French pages after the build (never code,
attributes, scripts or parts in another language). What it cannot fix safely (a missing space, as in
`mot: suite`, since URLs and times look alike) is reported by `make check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import Finding
from .messages import _

NARROW = "\u202f"
#: Elements whose text is never touched.
OPAQUE = frozenset({"code", "pre", "kbd", "samp", "var", "tt", "script", "style", "textarea", "svg", "math"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
#: Tags that end a run of text: a space before them is not "before" what follows them.
BLOCKS = frozenset(
    {
        "p",
        "li",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "dt",
        "dd",
        "section",
        "ul",
        "ol",
        "table",
        "tr",
        "br",
        "blockquote",
        "nav",
        "header",
        "footer",
        "article",
        "aside",
        "details",
        "summary",
        "form",
        "fieldset",
        "legend",
        "figure",
        "figcaption",
        "main",
        "body",
        "head",
        "title",
        "html",
        "label",
        "button",
        "option",
        "select",
        "hr",
        "dl",
    }
)
#: A tag with the name of a tag as a group, script/style/textarea start tags apart, a comment or a text
#: run (speed: one match per token).
_TOKEN = re.compile(
    r"<(?P<raw>script|style|textarea)(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|<!--.*?-->|<![^>]*>|<\?[^>]*>|</?(?P<name>[A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[^<]+|<",
    re.S | re.I,
)
#: Text that fix_text() may change: without one of these, a text run is left as it is.
_TRIGGER = re.compile(r"[;:!?«»]|&(?:raquo|laquo|#187|#171);")
_ATTRIBUTES = r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
_BLOCK_NAMES = "|".join(sorted(BLOCKS, key=len, reverse=True))
_OPAQUE_NAMES = "|".join(sorted(OPAQUE, key=len, reverse=True))


def _untouched(usual: bool) -> re.Pattern[str]:
    """Speed: from a block tag to a block tag, tags that open nothing opaque and text without any of the
    characters fix_text() handles come out as they went in; fix_html() copies such a stretch whole.

    A usual page has its tags in lower case and no `lang` but on <html>: no tag can open another
    language, the pattern starts with literals the regular-expression engine finds fast, an entity
    other than a quote mark is text too (its `;` is not punctuation), and so is a whole opaque element
    (an icon, inline code, a code block; one of the same name inside ends it early, and its own closing
    tag then stops the stretch). Same result, a third faster.
    """
    no_lang = "" if usual else rf"(?!{_ATTRIBUTES}?lang)"  # a tag with `lang` anywhere may open another language
    first = "[a-z]" if usual else "[A-Za-z]"
    block = rf"</?(?:{_BLOCK_NAMES})(?=[\s/>]){no_lang}{_ATTRIBUTES}>"
    plain = rf"</?(?!(?:{_OPAQUE_NAMES})(?=[\s/>])){first}[^\s/>]*{no_lang}{_ATTRIBUTES}>"
    text = r"[^<;:!?«»]++"
    if usual:
        opaque = rf"<(?P<opaque>{_OPAQUE_NAMES})(?=[\s/>]){_ATTRIBUTES}>.*?</(?P=opaque)\s*>"
        text = rf"[^<&;:!?«»]++|&(?!(?:raquo|laquo|#187|#171);)[a-zA-Z0-9#]+;|&|{opaque}"
    pattern = rf"{block}(?:(?>{plain}|{text}|<!--.*?-->|<![^>]*>|<\?[^>]*>))*{block}"
    return re.compile(pattern, re.S if usual else re.S | re.I)


_UNTOUCHED = _untouched(usual=False)
_LOWER_UNTOUCHED = _untouched(usual=True)
_LOWER_TOKEN = re.compile(_TOKEN.pattern, re.S)
_UPPER_TAG = re.compile(r"</?[A-Z]")
_LANG_ATTRIBUTE = re.compile(r"lang\s*=")  # searched in the page in lower case
LANG = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]*)""", re.I)
SPACE = r"(?:[ \t\n\u00a0\u2009\u202f]|&nbsp;|&#160;|&#x[aA]0;|&#8239;|&#x202[fF];)"
HIGH = r"(?:[;:!?»]|&raquo;|&#187;)"
BEFORE_HIGH = re.compile(rf"{SPACE}+(?={HIGH})")
CLOSING_QUOTE = re.compile(r"(?<=[^\s\u00a0\u202f;>])(»|&raquo;|&#187;)")
OPENING_QUOTE = re.compile(rf"(«|&laquo;|&#171;){SPACE}*")
LEADING_SPACE = re.compile(rf"^{SPACE}+")
TRAILING_SPACE = re.compile(rf"{SPACE}+$")
STARTS_HIGH = re.compile(rf"^{HIGH}")


def fix_text(text: str) -> str:
    """One run of French text (HTML-escaped or plain): narrow no-break spaces where they belong."""
    text = BEFORE_HIGH.sub(NARROW, text)
    text = OPENING_QUOTE.sub(lambda m: m.group(1) + NARROW, text)
    return CLOSING_QUOTE.sub(lambda m: NARROW + m.group(1), text)


def is_french(html: str) -> bool:
    """True when the page's <html lang> is French."""
    match = re.search(r"<html\b[^>]*>", html, re.I)
    lang = LANG.search(match.group(0)) if match else None
    return bool(lang and lang.group(1).lower().startswith("fr"))


def fix_html(html: str) -> str:
    """The page with its French text fixed; code, attributes and other languages untouched."""
    if not is_french(html):
        return html
    if _is_usual(html):
        return _fix_html(html, _LOWER_UNTOUCHED, _LOWER_TOKEN)
    return _fix_html(html, _UNTOUCHED, _TOKEN)


def _is_usual(html: str) -> bool:
    """True when the page's tags are in lower case and only <html> has a `lang` (the fast patterns suit it)."""
    return _UPPER_TAG.search(html) is None and len(_LANG_ATTRIBUTE.findall(html.lower())) <= 1


def _fix_html(html: str, stretches: re.Pattern[str], tokens: re.Pattern[str]) -> str:
    """fix_html() with the patterns of untouched stretches and of tokens that suit the page."""
    out: list[str] = []
    stack: list[list[Any]] = []  # [name, depth] of the opaque elements we are in
    previous: int | None = None  # index in out of the last text run of the current block
    position, size, lower = 0, len(html), ""
    while position < size:
        if not stack:
            stretch = stretches.match(html, position)
            if stretch:  # ends with a block tag: no text before it can be joined to what follows
                out.append(stretch.group(0))
                previous, position = None, stretch.end()
                continue
        found = tokens.match(html, position)
        if found is None:  # pragma: no cover - _TOKEN matches any character
            break
        token, position = found.group(0), found.end()
        raw = found.group("raw")
        if raw:
            name = raw.lower()
            lower = lower or html.lower()
            end = lower.find(f"</{name}", position)
            end = size if end < 0 else end
            token += html[position:end]
            position = end
        else:
            name = (found.group("name") or "").lower()
        if not name and (not token.startswith("<") or token == "<"):
            if stack:
                out.append(token)
                continue
            fixed = fix_text(token) if _TRIGGER.search(token) else token
            if previous is not None:
                fixed = _join(out, previous, fixed)
            out.append(fixed)
            previous = len(out) - 1
            continue
        out.append(token)
        if not name:
            continue
        if name in BLOCKS:
            previous = None
        if token.startswith("</"):
            if stack and stack[-1][0] == name:
                stack[-1][1] -= 1
                if stack[-1][1] == 0:
                    stack.pop()
            continue
        if name in VOID or token.endswith("/>"):
            continue
        lang = LANG.search(token)
        if name in OPAQUE or (lang and not lang.group(1).lower().startswith("fr")):
            if stack and stack[-1][0] == name:
                stack[-1][1] += 1
            else:
                stack.append([name, 1])
        elif stack and stack[-1][0] == name:
            stack[-1][1] += 1
    return "".join(out)


def _join(out: list[str], previous: int, text: str) -> str:
    """Fix the spacing across an inline tag: `<b>mot </b>: suite`, `« <em>titre</em>`, `<em>titre</em>»`."""
    before = out[previous]
    if STARTS_HIGH.match(text):
        if TRAILING_SPACE.search(before):
            out[previous] = TRAILING_SPACE.sub(NARROW, before)
        elif before and not before.endswith(NARROW) and text.startswith(("»", "&raquo;", "&#187;")):
            text = NARROW + text
    elif before.endswith(NARROW) and re.search(r"(«|&laquo;|&#171;)\u202f$", before):
        text = LEADING_SPACE.sub("", text)
    return text


def fix_site(folder: Path, also: Callable[[Path, str], str] | None = None) -> int:
    """Fix every HTML file of a built site in place (then `also(path, html)`); the number changed."""
    changed = 0
    for path in folder.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        fixed = fix_html(html)
        if also is not None:
            fixed = also(path, fixed)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


# ---- What the engine cannot fix: reported by `make check` -------------------------------------

MISSING = re.compile(r"(?<=[^\W\d_])([;!?]+|:)(?=\s|$)")
#: Parts of a Markdown line that are not prose: code, links' targets, tags, macros, attribute lists…
NOT_PROSE = re.compile(
    r"`[^`]*`|\]\([^)]*\)|<[^>]*>|\{\{.*?\}\}|\{%.*?%\}|\{[:#.][^}]*\}|\{ ?[#.][^}]*\}"
    r"|https?://\S+|www\.\S+|mailto:\S+|:[a-z0-9_+-]+:|^\s*[-*]?\s*\[[^\]]*\]:.*$|^\*\[[^\]]*\]:"
)
FENCE = re.compile(r"^\s*(```|~~~)")


def missing_spaces(text: str, exceptions: tuple[str, ...] = ()) -> list[str]:
    """The punctuation marks of a line of prose typed without the space French needs before them."""
    for term in exceptions:
        text = text.replace(term, " " * len(term))
    prose = NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)
    return [m.group(1) for m in MISSING.finditer(prose)]


def check_markdown(file: str, body: str, first_line: int, exceptions: tuple[str, ...] = ()) -> list[Finding]:
    """Warnings for each line of a page body where a space is missing before ; : ! ?."""
    findings, fenced = [], False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        marks = missing_spaces(line, exceptions)
        if marks:
            findings.append(Finding(file, _message(marks), line=number, level="warning"))
    return findings


def check_data(file: str, data: Any, line_of: Any, exceptions: tuple[str, ...] = (), path: tuple = ()) -> list[Finding]:
    """The same warnings for the text values of a data file (ids, URLs and keys are not prose)."""
    findings: list[Finding] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in ("id", "url", "lien", "modele"):
                findings += check_data(file, value, line_of, exceptions, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            findings += check_data(file, value, line_of, exceptions, (*path, i))
    elif isinstance(data, str):
        marks = missing_spaces(data, exceptions)
        if marks:
            findings.append(Finding(file, _message(marks), line=line_of(path), level="warning"))
    return findings


def _message(marks: list[str]) -> str:
    shown = " ".join(f"`{m}`" for m in dict.fromkeys(marks))
    return _(
        "typography: no space before {marks} (French puts a space before ; : ! ?, e.g. `mot : suite`)", marks=shown
    )
