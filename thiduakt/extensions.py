"""Hooks through which the domain apps add to the shared shell without the core importing them.

Dependencies point one way (thiduakt ← campaigns ← awards ← exemplars); an app registers
its menu entries and dashboard panels here from its AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    icon: str
    position: int
    visible: Callable = lambda user: True


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    context: Callable  # (user) -> dict, or None when the panel has nothing to show
    position: int


@dataclass(frozen=True)
class PersonSection:
    template: str
    context: Callable  # (user, person) -> dict
    position: int


nav_items: list[NavItem] = []
person_sections: list[PersonSection] = []
dashboard_panels: list[DashboardPanel] = []


def add_nav_item(item):
    if item not in nav_items:
        nav_items.append(item)
        nav_items.sort(key=lambda i: i.position)


def add_person_section(section):
    if section not in person_sections:
        person_sections.append(section)
        person_sections.sort(key=lambda s: s.position)


def add_dashboard_panel(panel):
    if panel not in dashboard_panels:
        dashboard_panels.append(panel)
        dashboard_panels.sort(key=lambda p: p.position)
