from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Regular (yearly)")
    THEMATIC = "thematic", _("Thematic (for a period)")


class CampaignScope(models.TextChoices):
    SUBTREE = "subtree", _("All units under the launching unit")
    CLUSTER = "cluster", _("The members of a cluster or bloc")
    CHOSEN = "chosen", _("Chosen units")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    INTERIM_REVIEW = "interim_review", _("Interim review")
    FINAL_REVIEW = "final_review", _("Final review")
    CLOSED = "closed", _("Closed")


class EmulationTitle(models.TextChoices):
    """Emulation titles a unit or person registers for (Luật TĐKT 2022, Điều 24–27).

    The titles are fixed by law; the award catalogue (awards app) describes each with
    the same code and carries the rules, thresholds and quotas as editable data.
    """

    LDTT = "LDTT", _("Advanced worker (Lao động tiên tiến)")
    CSTD_CS = "CSTD_CS", _("Grassroots emulation fighter (Chiến sĩ thi đua cơ sở)")
    CSTD_TP = "CSTD_TP", _("City emulation fighter (Chiến sĩ thi đua thành phố)")
    CSTD_TQ = "CSTD_TQ", _("National emulation fighter (Chiến sĩ thi đua toàn quốc)")
    TTLDTT = "TTLDTT", _("Advanced collective (Tập thể lao động tiên tiến)")
    TTLDXS = "TTLDXS", _("Excellent collective (Tập thể lao động xuất sắc)")
    CO_TP = "CO_TP", _("City emulation flag (Cờ thi đua của UBND thành phố)")

    @classmethod
    def for_collectives(cls):
        return [cls.TTLDTT, cls.TTLDXS, cls.CO_TP]

    @classmethod
    def for_individuals(cls):
        return [cls.LDTT, cls.CSTD_CS, cls.CSTD_TP, cls.CSTD_TQ]


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class ClusterKind(models.TextChoices):
    TERRITORIAL = "territorial", _("Cluster (by territory)")
    SECTORAL = "sectoral", _("Bloc (by sector)")


class ClusterRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY = "deputy", _("Deputy leader")
    MEMBER = "member", _("Member")


class RankingStatus(models.TextChoices):
    OPEN = "open", _("Being scored")
    FINAL = "final", _("Final")


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Interim review (sơ kết)")
    FINAL = "final", _("Final review (tổng kết)")
