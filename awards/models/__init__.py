from .catalogue import AwardType, EligibilityRule
from .history import Award, Discipline, Initiative, YearlyRating
from .nominations import Attachment, ManualCheck, Nomination, Submission

__all__ = [
    "Attachment", "Award", "AwardType", "Discipline", "EligibilityRule", "Initiative", "ManualCheck",
    "Nomination", "Submission", "YearlyRating",
]  # fmt: skip
