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


def record_many(*, actor, action, objects, unit_id=lambda obj: None, data=lambda obj: None, describe=str):
    """One entry per object, as `record` writes it, in one insert: the audit of a bulk write.

    `unit_id`, `data` and `describe` give each object's unit, details and name in the log."""
    objects = list(objects)
    types = ContentType.objects.get_for_models(*{type(obj) for obj in objects})  # cached after the first call
    return AuditLog.objects.bulk_create(
        [
            AuditLog(
                actor=actor if actor and actor.pk else None, actor_name=actor.get_full_name() if actor else "",
                action=action, content_type=types[type(obj)], object_id=str(obj.pk),
                object_repr=describe(obj)[:255], unit_id=unit_id(obj), data=data(obj) or {},
            )
            for obj in objects
        ],
        batch_size=1000,
    )  # fmt: skip
