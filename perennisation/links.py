"""Links written in data files: a page of the guide (path from docs/) or an external address."""

from __future__ import annotations

from dataclasses import dataclass

from .adapter import relative_url
from .errors import ContentError, Finding, suggest
from .guide import Guide
from .messages import _

EXTERNAL = ("http://", "https://", "mailto:", "tel:")


@dataclass(frozen=True)
class Link:
    """A resolved link, ready for a template."""

    text: str
    href: str
    external: bool


def page_url(guide: Guide, src: str, from_url: str, file: str = "", line: int | None = None) -> str:
    """URL of the page docs/src (with optional #anchor) relative to the page at from_url."""
    path, _sep, anchor = src.partition("#")
    target = guide.page(path)
    if target is None:
        message = _("link to `{path}`: no such page in docs/", path=path) + suggest(path, (p.src for p in guide.pages))
        raise ContentError(Finding(file or "data", message, line=line))
    href = relative_url(target.url, from_url)
    if target.url == "" and href in ("", "."):
        href = "./"
    return href + (f"#{anchor}" if anchor else "")


def resolve(guide: Guide, link: dict[str, str], from_url: str, file: str = "", line: int | None = None) -> Link:
    """Resolve one `{texte, url}` link of a data file."""
    url = link["url"]
    if url.startswith(EXTERNAL):
        return Link(link["texte"], url, True)
    return Link(link["texte"], page_url(guide, url, from_url, file, line), False)
