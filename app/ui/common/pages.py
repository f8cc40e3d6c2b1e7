"""The page protocol of the main window: each sidebar page declares its name, the Action a role needs to see
it, a factory that builds its widget once, and what to do when it is shown or left. The main window
iterates the registry (app/ui/main_window.PAGE_REGISTRY) instead of testing page names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtWidgets import QWidget

from app.core.policy.access import Action

W = TypeVar("W")  # the window the factories build into (MainWindow; generic so this module imports no page)


@dataclass(frozen=True)
class Page(Generic[W]):
    name: str  # the sidebar entry, also the key callers use (`select_page("Reports")`)
    action: Action  # a role sees the page when its session may do this
    build: Callable[[W], QWidget]  # called once, in registry order, when the window is built
    shown: Callable[[W], None] | None = None  # each time the page becomes the current one
    left: Callable[[W], None] | None = None  # each time another page becomes the current one


def page_names(registry: tuple[Page[W], ...]) -> tuple[str, ...]:
    return tuple(page.name for page in registry)


def page_actions(registry: tuple[Page[W], ...]) -> dict[str, Action]:
    return {page.name: page.action for page in registry}
