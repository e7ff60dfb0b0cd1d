from .audit import AuditLog
from .imports import ImportBatch
from .logins import LoginFailure
from .outbox import OutboxMessage, OutgoingMail
from .people import Person
from .units import Succession, SuccessionRelation, Unit, UnitLevel
from .users import User

__all__ = [
    "AuditLog", "ImportBatch", "LoginFailure", "OutboxMessage", "OutgoingMail", "Person", "Succession",
    "SuccessionRelation", "Unit", "UnitLevel", "User",
]  # fmt: skip
