"""Presentation: components are Jinja templates in the package's templates/, always HTML-escaped."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .adapter import TEMPLATES
from .bytecode import attach
from .schemas import slugify


def fill(label: str, **values: Any) -> Markup:
    """Replace {name} placeholders of a UI label with escaped values ('Étape {n} sur {total}')."""
    text = str(escape(label))
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(escape(value)))
    return Markup(text)


@cache
def environment() -> Environment:
    """The Jinja environment of the components (autoescape on; absent optional data renders empty)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    attach(env)  # compiled templates kept between builds
    env.filters["fill"] = fill
    env.filters["slug"] = slugify
    return env


def component(name: str, **context: Any) -> str:
    """Render templates/<name>.html as one raw-HTML block safe to embed in Markdown."""
    html = environment().get_template(f"{name}.html").render(**context)
    # Blank lines would end Markdown's raw-HTML block; indentation would make code blocks.
    return "\n" + "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"


def strip_tags(html: str) -> str:
    """Plain text of a small HTML fragment (for attributes)."""
    return re.sub(r"<[^>]+>", "", html)
