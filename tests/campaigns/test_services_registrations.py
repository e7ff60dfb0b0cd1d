import pytest

from campaigns.enums import CampaignStatus, EmulationTitle, RegistrationStatus
from campaigns.models import Registration, RegistrationEntry
from campaigns.services.registrations import (
    approve_registration,
    return_registration,
    save_registration,
    submit_registration,
)
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog

T = EmulationTitle


def _save(campaign, unit, actor, entries, pledge="Phấn đấu hoàn thành xuất sắc nhiệm vụ"):
    return save_registration(campaign, unit, actor=actor, pledge=pledge, entries=entries)


def _nothing_saved():
    assert not Registration.objects.exists()
    assert not RegistrationEntry.objects.exists()
    assert not AuditLog.objects.filter(action__startswith="registration.").exists()


def test_a_unit_registers_itself_and_its_people(org, district_campaign):
    entries = [(None, T.TTLDXS), (org.people.a1, T.LDTT), (org.people.a1, T.CSTD_CS)]
    registration = _save(district_campaign, org.a1, org.users.staff_a1, entries, pledge="  Giao ước thi đua  ")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.pledge == "Giao ước thi đua"
    assert {(e.person_id, e.title) for e in registration.entries.all()} == {
        (None, "TTLDXS"), (org.people.a1.pk, "LDTT"), (org.people.a1.pk, "CSTD_CS"),
    }  # fmt: skip
    entry = AuditLog.objects.for_object(registration).get()
    assert entry.action == "registration.save" and entry.unit == org.a1 and entry.actor == org.users.staff_a1
    assert len(entry.data["after"]) == 3 and "before" not in entry.data


def test_titles_arriving_as_plain_strings_from_a_form_are_accepted(org, district_campaign):
    registration = _save(district_campaign, org.a1, org.users.staff_a1, [(None, "TTLDTT"), (org.people.a1, "LDTT")])
    assert sorted(registration.entries.values_list("title", flat=True)) == ["LDTT", "TTLDTT"]


def test_saving_again_replaces_the_entries_and_audits_before_and_after(org, district_campaign):
    _save(district_campaign, org.a1, org.users.staff_a1, [(None, T.TTLDTT), (org.people.a1, T.LDTT)])
    registration = _save(district_campaign, org.a1, org.users.staff_a1, [(org.people.a1, T.CSTD_CS)])
    assert Registration.objects.count() == 1
    assert list(registration.entries.values_list("person_id", "title")) == [(org.people.a1.pk, "CSTD_CS")]
    entry = AuditLog.objects.for_object(registration).first()
    assert entry.data == {
        "before": sorted([f"—: {T.TTLDTT.label}", f"Nguyễn Văn An: {T.LDTT.label}"]),
        "after": [f"Nguyễn Văn An: {T.CSTD_CS.label}"],
    }


def test_a_person_of_a_unit_below_may_be_registered(org, district_campaign):
    registration = _save(district_campaign, org.a1, org.users.staff_a1, [(org.people.a1_group, T.LDTT)])
    assert registration.entries.get().person == org.people.a1_group


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.FINAL_REVIEW, CampaignStatus.CLOSED])
def test_registration_is_refused_unless_the_campaign_runs(org, new_campaign, status):
    campaign = new_campaign(org.a, status=status, criteria=1)
    with pytest.raises(DomainError):
        _save(campaign, org.a1, org.users.staff_a1, [(None, T.TTLDTT)])
    _nothing_saved()


def test_registration_during_the_interim_review_is_accepted(org, new_campaign):
    campaign = new_campaign(org.a, status=CampaignStatus.INTERIM_REVIEW, criteria=1)
    assert _save(campaign, org.a1, org.users.staff_a1, [(None, T.TTLDTT)]).pk


@pytest.mark.parametrize("unit", ["b1", "a", "city"])
def test_a_unit_outside_the_participants_is_refused(org, district_campaign, unit):
    with pytest.raises(DomainError):
        _save(district_campaign, getattr(org, unit), org.users.sec_city, [(None, T.TTLDTT)])
    _nothing_saved()


def test_a_person_from_another_unit_is_refused(org, district_campaign):
    for stranger in (org.people.a2, org.people.b1):
        with pytest.raises(DomainError) as refusal:
            _save(district_campaign, org.a1, org.users.staff_a1, [(None, T.TTLDTT), (stranger, T.LDTT)])
        assert stranger.full_name in refusal.value.message
    _nothing_saved()


@pytest.mark.parametrize("title", EmulationTitle.for_individuals())
def test_an_individual_title_for_the_unit_itself_is_refused(org, district_campaign, title):
    with pytest.raises(DomainError):
        _save(district_campaign, org.a1, org.users.staff_a1, [(None, title)])
    _nothing_saved()


@pytest.mark.parametrize("title", EmulationTitle.for_collectives())
def test_a_collective_title_for_a_person_is_refused(org, district_campaign, title):
    with pytest.raises(DomainError):
        _save(district_campaign, org.a1, org.users.staff_a1, [(org.people.a1, title)])
    _nothing_saved()


@pytest.mark.parametrize("twice", ["unit", "person"])
def test_an_entry_listed_twice_is_refused(org, district_campaign, twice):
    entry = (None, T.TTLDTT) if twice == "unit" else (org.people.a1, T.LDTT)
    with pytest.raises(DomainError):
        _save(district_campaign, org.a1, org.users.staff_a1, [entry, (org.people.a1, T.CSTD_CS), entry])
    _nothing_saved()


def test_an_empty_registration_is_refused(org, district_campaign):
    with pytest.raises(DomainError):
        _save(district_campaign, org.a1, org.users.staff_a1, [])
    _nothing_saved()


def _actions(registration):
    return list(AuditLog.objects.for_object(registration).order_by("pk").values_list("action", flat=True))


def test_the_resubmission_flow(org, district_campaign):
    staff, secretariat = org.users.staff_a1, org.users.sec_a
    registration = _save(district_campaign, org.a1, staff, [(None, T.TTLDTT)])

    submitted = submit_registration(registration, actor=staff)
    assert submitted.status == RegistrationStatus.SUBMITTED and submitted.submitted_at is not None

    # Editing after submitting is refused and changes nothing.
    with pytest.raises(DomainError):
        _save(district_campaign, org.a1, staff, [(None, T.TTLDXS)])
    assert list(registration.entries.values_list("title", flat=True)) == ["TTLDTT"]

    for empty in ("", "   ", None):
        with pytest.raises(DomainError) as refusal:
            return_registration(registration, actor=secretariat, reason=empty)
        assert refusal.value.field == "reason"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED

    returned = return_registration(registration, actor=secretariat, reason="  Thiếu giao ước của chi bộ  ")
    returned.refresh_from_db()
    assert returned.status == RegistrationStatus.RETURNED
    assert returned.return_reason == "Thiếu giao ước của chi bộ"
    assert returned.decided_by == secretariat and returned.decided_at is not None

    # Returned: the unit may edit again, then resubmit.
    _save(district_campaign, org.a1, staff, [(None, T.TTLDXS), (org.people.a1, T.LDTT)])
    assert sorted(registration.entries.values_list("title", flat=True)) == ["LDTT", "TTLDXS"]
    submit_registration(registration, actor=staff)

    approved = approve_registration(registration, actor=secretariat)
    approved.refresh_from_db()
    assert approved.status == RegistrationStatus.APPROVED
    assert approved.return_reason == "" and approved.decided_by == secretariat

    with pytest.raises(DomainError):
        approve_registration(registration, actor=secretariat)
    with pytest.raises(DomainError):
        return_registration(registration, actor=secretariat, reason="Đổi ý")
    with pytest.raises(DomainError):
        _save(district_campaign, org.a1, staff, [(None, T.TTLDTT)])
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.version == 5  # 1, then one per transition: submit, return, submit, approve

    assert _actions(registration) == [
        "registration.save",
        "registration.submit",
        "registration.return",
        "registration.save",
        "registration.submit",
        "registration.approve",
    ]
    entries = list(AuditLog.objects.for_object(registration).order_by("pk"))
    assert entries[1].data == {"from": "draft", "to": "submitted"}
    assert entries[2].data == {"from": "submitted", "to": "returned", "reason": "Thiếu giao ước của chi bộ"}
    assert entries[3].data["before"] == [f"—: {T.TTLDTT.label}"]
    assert entries[4].data == {"from": "returned", "to": "submitted"}
    assert entries[5].data == {"from": "submitted", "to": "approved"}
    assert all(e.unit == org.a1 for e in entries)


def test_a_draft_cannot_be_approved_or_returned(org, district_campaign):
    registration = _save(district_campaign, org.a1, org.users.staff_a1, [(None, T.TTLDTT)])
    with pytest.raises(DomainError):
        approve_registration(registration, actor=org.users.sec_a)
    with pytest.raises(DomainError):
        return_registration(registration, actor=org.users.sec_a, reason="Sai")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT
    assert _actions(registration) == ["registration.save"]


def test_submitting_twice_is_refused(org, district_campaign):
    registration = _save(district_campaign, org.a1, org.users.staff_a1, [(None, T.TTLDTT)])
    submit_registration(registration, actor=org.users.staff_a1)
    with pytest.raises(DomainError):
        submit_registration(registration, actor=org.users.staff_a1)
    assert _actions(registration) == ["registration.save", "registration.submit"]
