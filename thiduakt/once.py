"""One-time form tokens: a form sent twice (a double click, two identical requests at once)
makes one record, and both sendings get that record back.

The form carries a fresh token in a hidden field; the model keeps it in a unique
`request_token` column with the account that sent it (`created_by`). A service decorated with
`once(Model)` first looks for the record an earlier sending made (`earlier`); when two sendings
run at the same moment, both find none, the later one fails on the unique token when it
writes, and gets the first one's record instead.
"""

import functools
import uuid

from django import forms
from django.db import IntegrityError


class OneTimeTokenField(forms.UUIDField):
    """Hidden; every form shown gets a new token (the initial is called per form)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


def _account(actor):
    return actor if actor is not None and actor.pk else None


def earlier(model, token, actor):
    """The record an earlier sending of the same form by the same account made, or None."""
    if not token:
        return None
    return model.objects.filter(request_token=token, created_by=_account(actor)).first()


def once(model):
    """Decorate a service taking `token=` and `actor=` keywords that creates a `model` row."""

    def decorate(create):
        @functools.wraps(create)
        def wrapper(*args, token=None, actor=None, **kwargs):
            try:
                return create(*args, token=token, actor=actor, **kwargs)
            except IntegrityError:
                found = earlier(model, token, actor)
                if found is None:
                    raise
                return found

        return wrapper

    return decorate
