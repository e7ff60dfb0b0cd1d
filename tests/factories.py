import datetime

import factory

from thiduakt.enums import Gender, PersonCategory, Role, UnitKind
from thiduakt.models import Person, Unit, UnitLevel, User


class UnitLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitLevel
        django_get_or_create = ("name",)

    name = "Phường/Xã"
    rank = 3


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Phường Số {n}")
    kind = UnitKind.ADMINISTRATIVE
    level = factory.SubFactory(UnitLevelFactory)
    parent = None


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Trần Văn Bình {n}")
    gender = Gender.MALE
    birth_date = datetime.date(1980, 5, 17)
    unit = factory.SubFactory(UnitFactory)
    category = PersonCategory.OTHER
    position = "Chuyên viên"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Lê Thị Hoa {n}")
    role = Role.UNIT_STAFF
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "Thiduakt@2026")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
