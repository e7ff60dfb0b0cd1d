from .audit import AuditLog
from .imports import ImportBatch
from .logins import LoginFailure
from .outbox import OutboxMessage, OutgoingMail
from .people import Person
from .units import Unit, UnitLevel
from .users import User

__all__ = [
    "AuditLog", "ImportBatch", "LoginFailure", "OutboxMessage", "OutgoingMail", "Person", "Unit", "UnitLevel", "User",
]  # fmt: skip
