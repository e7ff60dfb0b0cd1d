from decimal import Decimal

import pytest
from django.urls import reverse

from awards.decisions.models import Decision
from awards.decisions.services import draft_from_session
from awards.history.models import Award
from awards.nominations.models import Nomination
from tests.awards.council.test_council import make_council
from tests.awards.decisions.test_decisions import approved_session, decision_data
from tests.awards.world import build_world
from tests.factories import UserFactory
from thiduakt.enums import Role


@pytest.fixture
def closed(db):
    world = build_world()
    world.ldtt.vote_threshold, world.ldtt.vote_secret = Decimal("0.5"), False
    world.ldtt.save()
    council, users = make_council(world, 3)
    users[0].role = Role.COUNCIL_CHAIR
    users[0].save()
    session = approved_session(world, council, users, [])
    return world, council, users, session


def test_the_secretariat_drafts_and_the_chair_signs_in_the_browser_forms(client, closed):
    world, _council, users, session = closed
    client.force_login(world.users.tx_secretariat)
    form = {k: v for k, v in decision_data(world, "400/QĐ-UBND").items() if k != "issuer"}
    form["date"] = "25/12/2024"
    response = client.post(reverse("decisions:draft", args=[session.pk]), form)
    decision = Decision.objects.get(number="400/QĐ-UBND")
    assert response.status_code == 302 and decision.lines.count() == 1
    assert (
        client.post(reverse("decisions:sign", args=[decision.pk])).status_code == 403
    )  # the secretariat does not sign
    client.force_login(users[0])
    assert client.post(reverse("decisions:sign", args=[decision.pk])).status_code == 302
    assert Award.objects.get(nomination=world.nomination).registry_number == 1
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "400/QĐ-UBND" in page


ROLES = ["anonymous", "kt_staff", "tx_secretariat", "th_secretariat", "chair"]
TABLE = {
    "decisions:list":   [302, 200, 200, 200, 200],
    "decisions:draft":  [302, 404, 200, 404, 403],
    "decisions:detail": [302, 404, 200, 404, 200],
    "decisions:update": [302, 404, 200, 404, 403],
}  # fmt: skip


@pytest.mark.parametrize(("key", "index"), [(k, i) for k in TABLE for i in range(len(ROLES))])
def test_decision_permission_table(client, closed, key, index):
    world, _council, users, session = closed
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "500/QĐ-UBND"))
    role = ROLES[index]
    if role == "chair":
        client.force_login(users[0])
    elif role != "anonymous":
        client.force_login(getattr(world.users, role))
    args = {"decisions:list": [], "decisions:draft": [session.pk]}.get(key, [decision.pk])
    assert client.get(reverse(key, args=args)).status_code == TABLE[key][index]


def test_a_chair_of_another_district_cannot_sign(client, closed):
    world, _council, _users, session = closed
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "600/QĐ-UBND"))
    stranger = UserFactory(role=Role.COUNCIL_CHAIR, unit=world.th)
    client.force_login(stranger)
    assert client.post(reverse("decisions:sign", args=[decision.pk])).status_code == 404
    assert not Award.objects.filter(nomination=world.nomination).exists()


def test_the_proposing_unit_sees_the_award_on_its_dashboard_and_in_the_history(client, closed):
    world, _council, users, session = closed
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "800/QĐ-UBND"))
    from awards.decisions.services import sign

    sign(decision, actor=users[0])
    client.force_login(world.users.kt_staff)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Nguyễn Văn An" in dashboard and "800/QĐ-UBND" in dashboard
    person_page = client.get(reverse("person_detail", args=[world.an.pk])).content.decode()
    assert "800/QĐ-UBND" in person_page


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_decision_list_and_detail_do_not_grow_with_rows(client, closed):
    from awards.decisions.models import Decision, DecisionLine
    from awards.nominations.models import Nomination
    from awards.nominations.services import add_nomination
    from tests.factories import PersonFactory

    world, _council, _users, session = closed
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "900/QĐ-UBND"))
    client.force_login(world.users.tx_secretariat)
    list_url, detail_url = reverse("decisions:list"), reverse("decisions:detail", args=[decision.pk])
    few = (_queries(client, list_url), _queries(client, detail_url))
    for i in range(5):
        Decision.objects.create(**decision_data(world, f"90{i}/QĐ-UBND-X"), session=session)
        nomination = add_nomination(
            world.submission.__class__.objects.create(proposing_unit=world.kt, year=2024),
            actor=world.users.kt_staff,
            data={"person": PersonFactory(unit=world.kt), "award_type": world.ldtt, "achievement": "Tốt."},
            evaluate=False,
        )
        DecisionLine.objects.create(decision=decision, nomination=Nomination.objects.get(pk=nomination.pk),
                                    achievement="Tốt.", position=10 + i)  # fmt: skip
    assert (_queries(client, list_url), _queries(client, detail_url)) == few


def test_the_chair_is_warned_and_refused_while_the_public_can_still_comment(client, closed):
    from django.utils import timezone

    from awards.posting.services import publish

    world, _council, users, session = closed
    notice = publish(
        actor=world.users.tx_secretariat, unit=world.tx, title="Công khai",
        nominations=[Nomination.objects.get(pk=world.nomination.pk)], start_date=timezone.localdate(), working_days=3,
    )  # fmt: skip
    decision = draft_from_session(session, actor=world.users.tx_secretariat, data=decision_data(world, "740/QĐ-UBND"))
    client.force_login(users[0])
    until = f"{notice.end_date:%d/%m/%Y}"
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert f"Nhân dân còn góp ý đến hết ngày {until}" in page
    response = client.post(reverse("decisions:sign", args=[decision.pk]), follow=True)
    assert f"đến hết ngày {until}" in response.content.decode() and "Nguyễn Văn An" in response.content.decode()
    assert Decision.objects.get(pk=decision.pk).status == "draft"


def test_the_draft_form_offers_the_chair_as_signer(client, closed):
    world, _council, users, session = closed
    client.force_login(world.users.tx_secretariat)
    form = client.get(reverse("decisions:draft", args=[session.pk])).context["form"]
    assert form["signer_name"].value() == users[0].full_name == "Nguyễn Văn Chủ"
