"""Every page of the Django admin, as every kind of user, against rows of both districts.

An administrator manages their own subtree: a row of another district is a 404 on its change,
history and delete pages, is missing from every list and autocomplete, and nothing a POST
sends there changes the database. The city-wide catalogue is read by every administrator and
changed by the city's only. Outside the admin role the admin site lets nobody in.
"""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.catalogue.models import EligibilityRule
from awards.council.models import Council, CouncilMember
from awards.history.models import Award, Discipline, YearlyRating
from awards.posting.models import Holiday
from tests.admin_forms import form_data
from tests.factories import PersonFactory, UnitFactory, UserFactory
from thiduakt.admin_scope import ScopedAdmin, ScopedInline
from thiduakt.models import Unit

from .admin_world import ROLES, SCOPE, build_admin_world

CATALOGUE = {"thiduakt.unitlevel", "awards.awardtype", "awards.holiday"}
READ_ONLY = {"thiduakt.auditlog"}
UNDELETABLE = {"thiduakt.unit", "thiduakt.person", "thiduakt.user"} | READ_ONLY
SUPERUSER_ONLY = {"auth.group"}
OBJECT_PAGES = ["change", "history", "delete"]


@pytest.fixture
def world(db):
    return build_admin_world()


def registered():
    return sorted(model._meta.label_lower for model in admin.site._registry)


def test_the_world_has_rows_for_every_registered_model(world):
    assert set(world.rows) == set(registered())


def test_every_project_admin_is_scoped():
    """A new ModelAdmin or inline that forgets the scope fails here, before a probe finds it."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower in SUPERUSER_ONLY:
            continue
        assert isinstance(model_admin, ScopedAdmin), model._meta.label
        for inline in model_admin.inlines:
            assert issubclass(inline, ScopedInline), inline


def snapshot():
    """Every row of the project's tables, to show a request changed nothing."""
    rows = {}
    for app in ("auth", "thiduakt", "campaigns", "awards"):
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list())
    return rows


def page_url(label, page, obj=None):
    app, model = label.split(".")
    if page == "password_change":
        app, model = "auth", "user"  # the name Django's UserAdmin gives it, whatever the user model
    return reverse(f"admin:{app}_{model}_{page}", args=[obj.pk] if obj is not None else [])


def autocomplete_urls(label):
    """One autocomplete query per autocomplete field of the model's admin and of its inlines."""
    model_admin = admin.site._registry[apps.get_model(label)]
    sources = [(model_admin.model, model_admin.autocomplete_fields)]
    sources += [(inline.model, inline.autocomplete_fields) for inline in model_admin.inlines]
    for model, fields in sources:
        for field in fields:
            query = {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field}
            url = f"{reverse('admin:autocomplete')}?{urlencode(query)}"
            yield field, model._meta.get_field(field).related_model, url


def expected(role, label, page, district=None):
    """The status a GET answers with: 302 to the login page, 403 refused, 404 outside the scope.

    `staff` is a secretariat account with the staff flag set behind the model's back: the
    admin site still lets only administrators in.
    """
    if role in ("anonymous", "staff"):
        return 302  # to the admin's login page
    if label in SUPERUSER_ONLY:
        return 403
    if district is not None and district not in SCOPE[role]:
        return 404
    city = role == "city_admin"
    if page == "add" and (label in READ_ONLY or (label in CATALOGUE and not city)):
        return 403
    if page == "delete" and (label in UNDELETABLE or (label in CATALOGUE and not city)):
        return 403
    return 200


CASES = [(label, role) for label in registered() for role in ROLES]


@pytest.mark.parametrize(("label", "role"), CASES, ids=[f"{label}-{role}" for label, role in CASES])
def test_admin_permission_table(client, world, label, role):
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    before = snapshot()
    objects = world.rows[label]

    for page in ("changelist", "add"):
        response = client.get(page_url(label, page))
        assert response.status_code == expected(role, label, page), (page, response.status_code)
        if page == "changelist" and response.status_code == 200:
            listed = {obj.pk for obj in response.context["cl"].result_list}
            for district, obj in objects.items():
                assert (obj.pk in listed) == (district in SCOPE[role]), (district, listed)

    pages = OBJECT_PAGES + (["password_change"] if label == "thiduakt.user" else [])
    for district, obj in objects.items():
        for page in pages:
            response = client.get(page_url(label, page, obj))
            assert response.status_code == expected(role, label, page, district), (page, district, response)

    for field, related, url in autocomplete_urls(label):
        response = client.get(url + "&term=")
        want = expected(role, label, "autocomplete")
        assert response.status_code == want, (field, response.status_code)
        if want == 200:
            found = related._base_manager.filter(pk__in=[r["id"] for r in json.loads(response.content)["results"]])
            home = getattr(world.users, role).unit
            assert found and all(home.contains(unit_of(obj)) for obj in found), (field, list(found))

    # Whatever is sent to the rows outside one's scope, nothing changes.
    for district, obj in objects.items():
        if role in SCOPE and district in SCOPE[role] and not (label in CATALOGUE and role != "city_admin"):
            continue
        for page in ["change", "delete"] + pages[3:]:
            response = client.post(page_url(label, page, obj), {"post": "yes", "name": "Đã đổi", "title": "Đã đổi"})
            assert response.status_code in {302, 403, 404}, (page, district, response.status_code)
            if role in SCOPE and label not in SUPERUSER_ONLY:
                assert response.status_code in {403, 404}
        bulk_delete = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        client.post(page_url(label, "changelist"), bulk_delete)
    assert snapshot() == before


def unit_of(obj):
    return obj if isinstance(obj, Unit) else obj.unit


# --- The probe's shapes -----------------------------------------------------------------------


def seat(client, council, user):
    """Post the council's change page with one more member row, as the inline's "add" does."""
    url = page_url("awards.council", "change", council)
    data = form_data(client.get(url))
    row = int(data["members-TOTAL_FORMS"])
    data.update({"members-TOTAL_FORMS": row + 1, f"members-{row}-user": user.pk, f"members-{row}-role": "member",
                 f"members-{row}-is_active": "on"})  # fmt: skip
    return client.post(url, data)


def test_the_council_inline_seats_nobody_from_another_district(client, world):
    council = world.rows["awards.council"]["tx"]
    client.force_login(world.users.tx_admin)

    refused = seat(client, council, world.users.th_secretariat)
    assert refused.status_code == 200 and refused.context["errors"]
    assert not CouncilMember.objects.filter(council=council, user=world.users.th_secretariat).exists()

    assert seat(client, council, world.users.kt_staff).status_code == 302  # the same form seats one's own people
    assert CouncilMember.objects.filter(council=council, user=world.users.kt_staff).exists()


def test_a_council_with_a_member_from_above_still_saves_and_keeps_them(client, world):
    council = world.rows["awards.council"]["tx"]
    CouncilMember.objects.create(council=council, user=world.users.city_admin, role="chair")
    client.force_login(world.users.tx_admin)
    url = page_url("awards.council", "change", council)
    data = form_data(client.get(url)) | {"name": "Hội đồng TĐKT quận Thanh Xuân khóa mới"}
    assert client.post(url, data).status_code == 302
    assert set(council.members.values_list("user__username", flat=True)) == {
        "hanoi.quantri",
        world.users.tx_council.username,
    }


def test_a_council_cannot_be_moved_to_another_district(client, world):
    council = world.rows["awards.council"]["tx"]
    client.force_login(world.users.tx_admin)
    url = page_url("awards.council", "change", council)
    response = client.post(url, form_data(client.get(url)) | {"unit": world.th.pk})
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    council.refresh_from_db()
    assert council.unit == world.tx


def test_an_award_is_added_only_for_ones_own_people(client, world):
    client.force_login(world.users.tx_admin)
    award = {"award_type": world.rows["awards.awardtype"]["shared"].pk, "year": 2024, "decision_number": "9/QĐ"}
    refused = client.post(page_url("awards.award", "add"), award | {"person": world.th_person.pk})
    assert refused.status_code == 200 and "person" in refused.context["adminform"].form.errors
    assert not Award.objects.filter(decision_number="9/QĐ").exists()
    assert client.post(page_url("awards.award", "add"), award | {"person": world.an.pk}).status_code == 302
    assert Award.objects.get(decision_number="9/QĐ").person == world.an


def test_an_initiative_across_districts_is_the_citys(client, world):
    shared = world.shared_initiative
    for role, status in (("tx_admin", 404), ("th_admin", 404), ("city_admin", 200)):
        client.force_login(getattr(world.users, role))
        assert client.get(page_url("awards.initiative", "change", shared)).status_code == status, role


@pytest.mark.parametrize("label", ["awards.awardtype", "awards.holiday"])
def test_only_the_citys_administrators_change_the_catalogue(client, world, label):
    obj = world.rows[label]["shared"]
    url = page_url(label, "change", obj)
    client.force_login(world.users.city_admin)
    data = form_data(client.get(url)) | {"name": "Đã đổi"}
    client.force_login(world.users.tx_admin)
    before = snapshot()
    page = client.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]  # read, not changed
    assert client.post(url, data).status_code == 403
    assert client.post(page_url(label, "delete", obj), {"post": "yes"}).status_code == 403
    assert client.get(page_url(label, "add")).status_code == 403
    assert snapshot() == before

    client.force_login(world.users.city_admin)
    assert client.post(url, data).status_code == 302
    obj.refresh_from_db()
    assert obj.name == "Đã đổi"


def test_the_eligibility_rules_of_an_award_type_stay_the_citys(client, world):
    award_type = world.rows["awards.awardtype"]["shared"]
    client.force_login(world.users.city_admin)
    url = page_url("awards.awardtype", "change", award_type)
    data = form_data(client.get(url))
    rule = EligibilityRule.objects.filter(award_type=award_type).first()
    assert rule is not None
    data[f"rules-{0}-label"] = "Đổi điều kiện"
    client.force_login(world.users.th_admin)
    assert client.post(url, data).status_code == 403
    rule.refresh_from_db()
    assert rule.label != "Đổi điều kiện"


# --- The changelists' queries do not grow with their rows -------------------------------------


def grow(world, count):
    bk = world.rows["awards.awardtype"]["shared"]
    first = Holiday.objects.count()
    for i in range(first, first + count):
        person = PersonFactory(unit=world.kt, full_name=f"Lê Văn Cường {i}")
        YearlyRating.objects.create(person=person, year=2020, rating="HTTNV")
        YearlyRating.objects.create(unit=UnitFactory(parent=world.tx), year=2020, rating="HTTNV")
        Award.objects.create(person=person, award_type=bk, year=2020, decision_number=f"{i}/QĐ-UBND")
        Award.objects.create(unit=world.km, award_type=bk, year=2019, decision_number=f"{i}/QĐ-TT")
        Discipline.objects.create(person=person, year=2020, level="khien_trach")
        Council.objects.create(
            unit=UnitFactory(parent=world.tx), name=f"Hội đồng {i}", term_start=datetime.date(2022, 1, 1)
        )
        UserFactory(unit=world.km)
        Holiday.objects.create(date=datetime.date(2030, 1, 1) + datetime.timedelta(days=i), name=f"Nghỉ {i}")


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("label", registered())
def test_changelist_queries_do_not_grow_with_rows(client, world, label):
    client.force_login(world.users.city_admin if label != "auth.group" else world.users.city_superuser)
    url = page_url(label, "changelist")
    grow(world, 2)
    few = count(client, url)
    grow(world, 10)
    assert count(client, url) == few
