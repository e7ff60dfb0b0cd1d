class DomainError(Exception):
    """A refusal with a translated message that views show to the user as it is."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class EditConflict(DomainError):
    """The record changed since the user opened the form; their edit is refused."""
