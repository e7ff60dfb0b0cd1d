from .audit import AuditLog
from .imports import ImportBatch
from .people import Person
from .units import Unit, UnitLevel
from .users import User

__all__ = ["AuditLog", "ImportBatch", "Person", "Unit", "UnitLevel", "User"]
