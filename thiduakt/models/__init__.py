from .audit import AuditLog
from .imports import ImportBatch
from .logins import LoginFailure
from .people import Person
from .units import Unit, UnitLevel
from .users import User

__all__ = ["AuditLog", "ImportBatch", "LoginFailure", "Person", "Unit", "UnitLevel", "User"]
