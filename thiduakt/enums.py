from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative (government)")
    AGENCY = "agency", _("Agency, department")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Health facility")
    ENTERPRISE = "enterprise", _("Enterprise")
    MASS_ORGANISATION = "mass_organisation", _("Party or mass organisation")
    RESIDENTIAL = "residential", _("Residential group")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PersonCategory(models.TextChoices):
    """Phân loại cán bộ, as the yearly statistics tables count people."""

    PROVINCIAL_LEADER = "provincial_leader", _("Leader at provincial level or above")
    DEPARTMENT_LEADER = "department_leader", _("Leader at department level")
    OFFICE_LEADER = "office_leader", _("Leader at office level (deputy head or above)")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    FRONTLINE = "frontline", _("Front-line worker (worker, farmer, employee)")
    OTHER = "other", _("Other officials and employees")


class Role(models.TextChoices):
    UNIT_STAFF = "unit_staff", _("Unit staff")
    SECRETARIAT = "secretariat", _("Emulation secretariat")
    COUNCIL_MEMBER = "council_member", _("Council member")
    COUNCIL_CHAIR = "council_chair", _("Council chair")
    ADMIN = "admin", _("Administrator")
