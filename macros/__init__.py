"""mkdocs-macros module of the guide: registers the macros authors call in pages.

Each macro lives in a small topic module; hooks.py loads and checks the data once per build.
"""

from .checklists import render_checklist
from .diagnostic import render_diagnostic
from .hooks import on_post_build, on_post_page_macros, on_pre_page_macros, register, start
from .steps import render_cards, render_step_cards
from .tables import render_table
from .workshops import render_questions, render_sheet, render_workshop

__all__ = ["define_env", "on_pre_page_macros", "on_post_page_macros", "on_post_build"]


def define_env(env) -> None:
    """Load the guide (stops on content errors) and register its macros."""
    guide = start(env)
    register(env, guide, "checklist", render_checklist)
    register(env, guide, "atelier", render_workshop)
    register(env, guide, "questions", render_questions)
    register(env, guide, "fiche_atelier", render_sheet)
    register(env, guide, "comparatif", render_table)
    register(env, guide, "cartes_etapes", render_step_cards)
    register(env, guide, "cartes", render_cards)
    register(env, guide, "diagnostic", render_diagnostic)
