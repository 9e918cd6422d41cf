"""The guide's engine, loaded by mkdocs-macros (`plugins: - macros: modules: [perennisation]`).

This module only registers: each macro comes from the component registry (registry.py) and lives in
a small topic module; hooks.py loads and checks the guide once per build.
"""

from typing import Any

from .hooks import on_post_build, on_post_page_macros, on_pre_page_macros, register, start
from .registry import COMPONENTS

__all__ = ["define_env", "on_pre_page_macros", "on_post_page_macros", "on_post_build"]


def define_env(env: Any) -> None:
    """Load the guide (stops on content errors) and register its macros."""
    guide = start(env)
    for component in COMPONENTS:
        register(env, guide, component.macro, component.function())
