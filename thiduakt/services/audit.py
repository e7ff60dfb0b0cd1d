"""Writing the audit log. Every service that changes data calls `record`."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from thiduakt.models import AuditLog


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        # Two related records may share a name: compare by id, show by name.
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(obj, fields):
    """The audited fields of an object as JSON-safe values (foreign keys by their name)."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def changes(before, after):
    """{field: [old, new]} for the fields that differ."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(*, actor, action, obj, unit=None, data=None):
    return AuditLog.objects.create(
        actor=actor if actor and actor.pk else None,
        actor_name=actor.get_full_name() if actor else "",
        action=action,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
        data=data or {},
    )
