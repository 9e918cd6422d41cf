"""The one table of the engine's components: everything else (macro registration, data folders,
schemas, static checks, `make check`, the scripts a page loads) is derived from it.

A component is a macro authors call in a page. It renders templates/<template>.html; when its first
argument is the id of a data item, `data` names the folder of data/ and the JSON Schema of those
items; `script` is the browser module (theme assets/javascripts/<script>.js) that brings it to life,
loaded only on pages where the component's `selector` matches.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Data:
    """A folder of data/ whose files are items of one schema; the id of an item is its file name."""

    folder: str
    schema: str
    noun: str  # how messages name one item


@dataclass(frozen=True)
class Component:
    """A macro, its template, the data it reads and the browser module it needs."""

    macro: str
    render: str  # "module:function" of this package; the function takes (guide, page_url, *args)
    template: str
    data: Data | None = None
    script: str | None = None
    selector: str | None = None  # CSS selector of the rendered element the script drives
    argument: str | None = None  # what the first argument must be when it is not a data id

    def function(self) -> Callable[..., str]:
        """The Python function that renders the component."""
        module, _, name = self.render.partition(":")
        function: Callable[..., str] = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return function


CHECKLISTS = Data("checklists", "checklist", "check-list")
WORKSHOPS = Data("ateliers", "atelier", "workshop")
TABLES = Data("comparatifs", "comparatif", "comparison table")
DIAGNOSTICS = Data("diagnostics", "diagnostic", "self-diagnosis")
BACK_PLANNINGS = Data("retroplanning", "retroplanning", "back-planning")

COMPONENTS: tuple[Component, ...] = (
    Component("checklist", "checklists:render_checklist", "checklist", CHECKLISTS, "checklist", "[data-pg-checklist]"),
    Component("atelier", "workshops:render_workshop", "atelier", WORKSHOPS),
    Component("questions", "workshops:render_questions", "questions", WORKSHOPS),
    Component("fiche_atelier", "workshops:render_sheet", "fiche-atelier", WORKSHOPS),
    Component("comparatif", "tables:render_table", "comparatif", TABLES, "comparatif", "[data-pg-comparatif]"),
    Component("cartes_etapes", "steps:render_step_cards", "cartes-etapes"),
    Component("cartes", "steps:render_cards", "cartes", None, "cards", "[data-pg-cards]", argument="page type"),
    Component(
        "diagnostic", "diagnostic:render_diagnostic", "diagnostic", DIAGNOSTICS, "diagnostic", "[data-pg-diagnostic]"
    ),
    Component(
        "retroplanning",
        "retroplanning:render_retroplanning",
        "retroplanning",
        BACK_PLANNINGS,
        "retroplanning",
        "[data-pg-retroplanning]",
    ),
    Component("nouveautes", "dates:render_news", "nouveautes"),
)

#: Templates rendered by the engine itself around components (step navigation), not by a macro.
PAGE_TEMPLATES = ("progression", "pager-etapes", "en-bref")


@cache
def collections() -> dict[str, Data]:
    """Data folders by name, each declared once even when several components read it."""
    return {c.data.folder: c.data for c in COMPONENTS if c.data}


@cache
def id_arguments() -> dict[str, Data]:
    """Macro name -> the data its first argument names."""
    return {c.macro: c.data for c in COMPONENTS if c.data}


def by_macro(name: str) -> Component:
    """The component a macro name belongs to."""
    return next(c for c in COMPONENTS if c.macro == name)


@cache
def scripts() -> dict[str, str]:
    """Browser modules by the selector that needs them (for the loader in assets/javascripts/guide.js)."""
    return {c.selector: c.script for c in COMPONENTS if c.script and c.selector}
