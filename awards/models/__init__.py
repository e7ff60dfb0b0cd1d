from .catalogue import AwardType, EligibilityRule
from .certificates import (
    BatchKind,
    BatchStatus,
    Certificate,
    CertificateTemplate,
    ChunkStatus,
    PrintBatch,
    PrintChunk,
    Printer,
    PrintMode,
)
from .council import AgendaItem, Attendance, BallotReceipt, Council, CouncilMember, CouncilSession, Vote
from .decisions import Decision, DecisionLine, RegistryCounter
from .documents import DocumentKind, DocumentStatus, GeneratedDocument, Minutes
from .history import Award, Discipline, Initiative, YearlyRating
from .nominations import Attachment, ManualCheck, Nomination, Submission
from .posting import Feedback, Holiday, PublicNotice

__all__ = [
    "BatchKind", "BatchStatus", "Certificate", "CertificateTemplate", "ChunkStatus", "PrintBatch", "PrintChunk",
    "Printer", "PrintMode",
    "DocumentKind", "DocumentStatus", "GeneratedDocument", "Minutes",
    "Decision", "DecisionLine", "RegistryCounter", "Feedback", "Holiday", "PublicNotice",
    "AgendaItem", "Attendance", "BallotReceipt", "Council", "CouncilMember", "CouncilSession", "Vote",
    "Attachment", "Award", "AwardType", "Discipline", "EligibilityRule", "Initiative", "ManualCheck",
    "Nomination", "Submission", "YearlyRating",
]  # fmt: skip
