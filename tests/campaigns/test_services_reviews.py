import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.enums import CampaignStatus, ReviewKind
from campaigns.models import Campaign, Review, ReviewAttachment
from campaigns.services.reviews import record_review
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _review(kind, held_on, summary="Đánh giá kết quả thực hiện phong trào"):
    return {"kind": kind, "held_on": held_on, "summary": summary}


def _record(campaign, actor, kind, held_on, **kwargs):
    review = record_review(campaign, actor=actor, data=_review(kind, held_on), **kwargs)
    campaign.refresh_from_db()  # as the next request would see it
    return review


def test_an_interim_review_moves_a_launched_campaign_to_interim(org, district_campaign):
    campaign = district_campaign
    review = _record(campaign, org.users.sec_a, ReviewKind.INTERIM, D(2025, 6, 30))

    assert campaign.status == CampaignStatus.INTERIM_REVIEW and campaign.version == 2
    assert review.created_by == org.users.sec_a and review.campaign == campaign
    actions = list(AuditLog.objects.for_object(campaign).order_by("pk").values_list("action", "data"))
    assert actions == [
        ("review.interim", {"held_on": "2025-06-30", "attachments": 0}),
        ("campaign.interim_review", {"from": "launched", "to": "interim_review"}),
    ]


def test_a_second_interim_review_keeps_the_stage(org, district_campaign):
    _record(district_campaign, org.users.sec_a, ReviewKind.INTERIM, D(2025, 3, 31))
    _record(district_campaign, org.users.sec_a, ReviewKind.INTERIM, D(2025, 9, 30))
    assert district_campaign.status == CampaignStatus.INTERIM_REVIEW and district_campaign.version == 2
    assert district_campaign.reviews.filter(kind=ReviewKind.INTERIM).count() == 2


@pytest.mark.parametrize("interim_first", [False, True])
def test_a_final_review_moves_the_campaign_to_final(org, district_campaign, interim_first):
    if interim_first:
        _record(district_campaign, org.users.sec_a, ReviewKind.INTERIM, D(2025, 6, 30))
    _record(district_campaign, org.users.sec_a, ReviewKind.FINAL, D(2025, 12, 20))
    assert district_campaign.status == CampaignStatus.FINAL_REVIEW
    last = AuditLog.objects.for_object(district_campaign).first()
    assert last.action == "campaign.final_review"
    assert last.data == {
        "from": "interim_review" if interim_first else "launched",
        "to": "final_review",
    }


def test_an_interim_review_after_the_final_one_is_refused(org, district_campaign):
    _record(district_campaign, org.users.sec_a, ReviewKind.FINAL, D(2025, 12, 20))
    audit_count = AuditLog.objects.count()

    with pytest.raises(DomainError):
        _record(district_campaign, org.users.sec_a, ReviewKind.INTERIM, D(2025, 12, 21))

    assert district_campaign.status == CampaignStatus.FINAL_REVIEW
    assert list(district_campaign.reviews.values_list("kind", flat=True)) == [ReviewKind.FINAL]
    assert AuditLog.objects.count() == audit_count


def test_an_interim_review_racing_a_final_one_is_refused(org, district_campaign):
    """Two secretaries at once: A's request has read the campaign (interim stage), then B records
    the final review and commits, then A records another interim review. The stage must be checked
    on the row as it is now (DESIGN §4: lock, then check), so A is refused."""
    _record(district_campaign, org.users.sec_a, ReviewKind.INTERIM, D(2025, 6, 30))
    read_by_a = Campaign.objects.get(pk=district_campaign.pk)
    _record(district_campaign, org.users.sec_city, ReviewKind.FINAL, D(2025, 12, 20))
    assert read_by_a.status == CampaignStatus.INTERIM_REVIEW  # what A still holds

    with pytest.raises(DomainError):
        record_review(read_by_a, actor=org.users.sec_a, data=_review(ReviewKind.INTERIM, D(2025, 12, 21)))

    assert list(district_campaign.reviews.order_by("held_on").values_list("kind", flat=True)) == [
        ReviewKind.INTERIM,
        ReviewKind.FINAL,
    ]


def test_a_final_review_racing_the_close_is_refused(org, district_campaign):
    from campaigns.services.campaigns import set_campaign_state

    _record(district_campaign, org.users.sec_a, ReviewKind.FINAL, D(2025, 12, 20))
    read_by_a = Campaign.objects.get(pk=district_campaign.pk)
    set_campaign_state(district_campaign, CampaignStatus.CLOSED, actor=org.users.sec_city)

    with pytest.raises(DomainError):
        record_review(read_by_a, actor=org.users.sec_a, data=_review(ReviewKind.FINAL, D(2025, 12, 28)))

    assert district_campaign.reviews.count() == 1


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.CLOSED])
@pytest.mark.parametrize("kind", [ReviewKind.INTERIM, ReviewKind.FINAL])
def test_no_review_before_launch_or_after_closing(org, new_campaign, status, kind):
    campaign = new_campaign(org.a, status=status, criteria=1)
    with pytest.raises(DomainError):
        record_review(campaign, actor=org.users.sec_a, data=_review(kind, D(2025, 6, 30)))
    assert not Review.objects.exists()


def test_a_review_dated_before_the_start_is_refused(org, district_campaign):
    with pytest.raises(DomainError) as refusal:
        record_review(district_campaign, actor=org.users.sec_a, data=_review(ReviewKind.INTERIM, D(2024, 12, 31)))
    assert refusal.value.field == "held_on"
    district_campaign.refresh_from_db()
    assert district_campaign.status == CampaignStatus.LAUNCHED
    assert not Review.objects.exists()
    assert not AuditLog.objects.exists()


def test_a_review_on_the_start_day_is_accepted(org, district_campaign):
    _record(district_campaign, org.users.sec_a, ReviewKind.INTERIM, district_campaign.start_date)
    assert district_campaign.status == CampaignStatus.INTERIM_REVIEW


def test_attachments_are_saved_with_the_review(org, district_campaign, settings):
    files = [
        ("Báo cáo tổng kết", SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")),
        ("Biên bản hội nghị", SimpleUploadedFile("bien-ban.pdf", PDF + b"% 2", content_type="application/pdf")),
    ]
    review = _record(district_campaign, org.users.sec_a, ReviewKind.FINAL, D(2025, 12, 20), attachments=files)

    saved = list(ReviewAttachment.objects.filter(review=review).order_by("pk"))
    assert [a.title for a in saved] == ["Báo cáo tổng kết", "Biên bản hội nghị"]
    for attachment, content in zip(saved, (PDF, PDF + b"% 2"), strict=True):
        assert attachment.file.name.startswith("campaigns/reviews/")
        assert str(settings.MEDIA_ROOT) in attachment.file.path
        with attachment.file.open("rb") as stored:
            assert stored.read() == content
    entry = AuditLog.objects.for_object(district_campaign).filter(action="review.final").get()
    assert entry.data == {"held_on": "2025-12-20", "attachments": 2}


def test_a_refused_review_leaves_no_attachment(org, district_campaign):
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    with pytest.raises(DomainError):
        record_review(
            district_campaign, actor=org.users.sec_a, data=_review(ReviewKind.FINAL, D(2024, 1, 1)),
            attachments=[("Báo cáo", upload)],
        )  # fmt: skip
    assert not ReviewAttachment.objects.exists()


def test_close_after_the_final_review(org, district_campaign):
    from campaigns.services.campaigns import set_campaign_state

    _record(district_campaign, org.users.sec_a, ReviewKind.FINAL, D(2025, 12, 20))
    closed = set_campaign_state(district_campaign, CampaignStatus.CLOSED, actor=org.users.sec_a)
    assert closed.status == CampaignStatus.CLOSED
    assert Campaign.objects.get(pk=district_campaign.pk).status == CampaignStatus.CLOSED
