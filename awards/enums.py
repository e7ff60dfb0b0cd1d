from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Form of award")


class AwardLevel(models.TextChoices):
    STATE = "state", _("State")
    CITY = "city", _("Ministry, sector or city")
    DISTRICT = "district", _("District")
    GRASSROOTS = "grassroots", _("Grassroots")


class NomineeType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class VoteDenominator(models.TextChoices):
    ALL = "all", _("All members of the council")
    PRESENT = "present", _("Members present")


class Rating(models.TextChoices):
    """Yearly assessment of duties (xếp loại), best first."""

    EXCELLENT = "HTXSNV", _("Excellently completed duties (HTXSNV)")
    GOOD = "HTTNV", _("Well completed duties (HTTNV)")
    COMPLETED = "HTNV", _("Completed duties (HTNV)")
    FAILED = "KHT", _("Did not complete duties")

    @classmethod
    def rank(cls, value):
        """Larger is better; unknown values rank below everything."""
        order = [cls.FAILED, cls.COMPLETED, cls.GOOD, cls.EXCELLENT]
        return order.index(value) if value in order else -1


class DisciplineLevel(models.TextChoices):
    """Disciplinary measures, mildest first."""

    REPRIMAND = "khien_trach", _("Reprimand (khiển trách)")
    WARNING = "canh_cao", _("Warning (cảnh cáo)")
    DEMOTION = "ha_bac_luong", _("Salary demotion (hạ bậc lương)")
    REMOVAL = "cach_chuc", _("Removal from office (cách chức)")
    DISMISSAL = "buoc_thoi_viec", _("Dismissal (buộc thôi việc)")

    @classmethod
    def rank(cls, value):
        return list(cls.values).index(value) if value in cls.values else -1


class InitiativeLevel(models.TextChoices):
    """Where an initiative or research work was recognised, lowest first."""

    UNIT = "unit", _("Grassroots (unit)")
    DISTRICT = "district", _("District")
    CITY = "city", _("City or ministry")
    NATIONAL = "national", _("National")

    @classmethod
    def rank(cls, value):
        return list(cls.values).index(value) if value in cls.values else -1


class Method(models.TextChoices):
    """Loại hình khen thưởng: the ground of a submission."""

    REGULAR = "regular", _("Regular (achievements of the year)")
    CAMPAIGN = "campaign", _("Campaign (thematic, by period)")
    SUDDEN = "sudden", _("Sudden (đột xuất)")
    DEDICATION = "dedication", _("Dedication (cống hiến)")
    SENIORITY = "seniority", _("Seniority (niên hạn)")
    FOREIGN = "foreign", _("Foreign relations (đối ngoại)")

    @classmethod
    def simplified(cls):
        """Điều 85: the simplified procedure applies to these grounds."""
        return [cls.SUDDEN, cls.DEDICATION, cls.SENIORITY, cls.FOREIGN]


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned to the unit")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected at verification")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    MINUTES = "minutes", _("Meeting minutes")
    INITIATIVE = "initiative", _("Initiative recognition")
    DECISION = "decision", _("Earlier decision")
    OTHER = "other", _("Other document")


class Outcome(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    MANUAL = "manual", _("Needs a manual check")


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    STANDING = "standing", _("Standing member")
    MEMBER = "member", _("Member")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Closed")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
