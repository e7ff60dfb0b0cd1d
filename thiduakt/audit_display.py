"""How audit entries read on each object's history."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "unit.create": _("Created the unit"),
    "unit.update": _("Edited the unit"),
    "unit.succession": _("Recorded a successor unit"),
    "unit.succession_change": _("Corrected a successor unit"),
    "unit.succession_remove": _("Removed a successor unit"),
    "person.create": _("Added the person"),
    "person.update": _("Edited the person's record"),
    "person.import": _("Imported from an Excel file"),
    "import.people": _("Imported a list of people"),
    "import.successions": _("Imported a table of successions"),
    "login.throttle": _("Logins refused for a while after repeated failures"),
}


def action_label(entry):
    return ACTION_LABELS.get(entry.action, entry.action)


def _field(entry, name):
    # An entry may describe a related record (a campaign's criterion): data["model"] names it.
    label = entry.data.get("model") or f"{entry.content_type.app_label}.{entry.content_type.model}"
    model = apps.get_model(label)
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _display(field, value):
    if field is not None and field.choices and value in dict(field.choices):
        return str(dict(field.choices)[value])
    if isinstance(value, dict):
        return value.get("label", "—")
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return str(value)


def change_lines(entry):
    """[(field label, old, new)] for an update entry; [] otherwise."""
    lines = []
    for name, (old, new) in entry.data.get("changes", {}).items():
        field = _field(entry, name)
        label = str(field.verbose_name) if field is not None else name
        lines.append((label, _display(field, old), _display(field, new)))
    return lines


def register_action_labels(labels):
    """Apps add the labels of their own audit actions (called from AppConfig.ready)."""
    ACTION_LABELS.update(labels)
