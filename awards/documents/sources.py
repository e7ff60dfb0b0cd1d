"""What a document says, as plain data.

The PDF templates render this data and nothing else, so its fingerprint (`Source.digest`)
changes exactly when the printed content would: an edited decision, a renamed nominee, new
notes in the minutes. Bump LAYOUT when a template changes what documents say, so files made
with the old templates count as stale.

The wording here is the official language of the documents, written in Vietnamese directly;
only the refusals shown to users are msgids.
"""

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _
from slugify import slugify

from awards.council.models import BallotReceipt, CouncilSession, Vote
from awards.decisions.models import Decision
from awards.documents.models import DocumentKind, Minutes
from awards.enums import AwardKind, CouncilRole, DecisionStatus, SessionStatus, VoteDenominator
from thiduakt.errors import DomainError
from thiduakt.pdf import vietnamese as vn

LAYOUT = "1"
COUNCIL = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
ROLE_TEXT = {
    CouncilRole.CHAIR: "Chủ tịch Hội đồng",
    CouncilRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    CouncilRole.STANDING: "Ủy viên thường trực",
    CouncilRole.MEMBER: "Ủy viên",
}
ROLE_ORDER = list(ROLE_TEXT)


@dataclass(frozen=True)
class Source:
    kind: str
    template: str
    filename: str
    context: dict = field(repr=False)

    @cached_property
    def digest(self):
        payload = json.dumps([LAYOUT, self.kind, self.context], sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def source_for(kind, obj):
    """The content of the document of `kind` about `obj` (a session, or a decision)."""
    if kind == DocumentKind.MINUTES:
        return minutes_source(obj)
    if kind == DocumentKind.DECISION:
        return decision_source(obj)
    raise ValueError(kind)


# --- nominees -------------------------------------------------------------------------------


def _nominee(nomination):
    """Name, position and unit as a list prints them."""
    if nomination.person_id:
        person = nomination.person
        return {"name": person.full_name, "position": person.position, "unit": person.unit.name, "collective": False}
    unit = nomination.unit
    return {"name": unit.name, "position": "", "unit": unit.parent.name if unit.parent_id else "", "collective": True}


def _award_phrase(award_type):
    return f"danh hiệu “{award_type.name}”" if award_type.kind == AwardKind.TITLE else award_type.name


def _years(nominations):
    years = sorted({n.year for n in nominations})
    return f" năm {years[0]}" if len(years) == 1 else ""


# --- minutes (biên bản họp Hội đồng) --------------------------------------------------------


def _member(member):
    return {
        "name": member.user.get_full_name() or member.user.username,
        "role": ROLE_TEXT.get(member.role, ""),
        "position": member.position,
    }


def _member_order(member):
    return (ROLE_ORDER.index(member.role) if member.role in ROLE_ORDER else len(ROLE_ORDER), member.user.full_name)


def _rule(item):
    how = "Bỏ phiếu kín" if item.secret else "Biểu quyết công khai"
    whom = "tổng số thành viên Hội đồng" if item.denominator == VoteDenominator.ALL else "số thành viên dự họp"
    return f"{how}; thông qua khi đạt từ {vn.percent(item.threshold)} {whom} trở lên"


def _result(item):
    if item.passed:
        return "Đạt"
    if item.quorum_met is False:
        return "Không đủ số thành viên dự họp"
    return "Không đạt"


def minutes_source(session):
    session = CouncilSession.objects.select_related("council__unit__parent").get(pk=session.pk)
    if session.status != SessionStatus.CLOSED:
        raise DomainError(_("The minutes can be made once the vote of the session is closed."))
    council, unit = session.council, session.council.unit
    minutes = Minutes.objects.filter(session=session).first()

    attendance = sorted(
        session.attendance.select_related("member__user"), key=lambda a: _member_order(a.member)
    )  # fmt: skip
    present = [a.member for a in attendance if a.present]
    absent = [a.member for a in attendance if not a.present]
    written_ids = set(
        BallotReceipt.objects.filter(item__session=session, written=True).values_list("member_id", flat=True)
    )
    chair = next((m for m in present if m.role == CouncilRole.CHAIR), None) or next(
        (m for m in council.members.select_related("user") if m.role == CouncilRole.CHAIR), None
    )

    items = list(
        session.items.select_related(
            "nomination__award_type", "nomination__person__unit", "nomination__unit__parent"
        ).order_by("nomination__award_type__position", "nomination__award_type__name", "nomination__position", "pk")
    )
    # Who disagreed is part of the record only for open votes; a secret vote names nobody.
    dissent = {}
    open_votes = Vote.objects.filter(item__in=[i for i in items if not i.secret], agree=False, member__isnull=False)
    for vote in open_votes.select_related("member__user").order_by("member__user__full_name"):
        dissent.setdefault(vote.item_id, []).append(vote.member.user.get_full_name())

    groups, by_award = [], {}
    for item in items:
        award_type = item.nomination.award_type
        if award_type.pk not in by_award:
            by_award[award_type.pk] = {"award": award_type.name, "rule": _rule(item), "items": []}
            groups.append(by_award[award_type.pk])
        row = _nominee(item.nomination)
        row.update(
            agree=item.agree or 0, disagree=item.disagree or 0, counted=item.counted_against or 0,
            share=vn.percent(item.share), passed=bool(item.passed), result=_result(item), secret=item.secret,
            dissent=[] if item.secret else dissent.get(item.pk, []),
        )  # fmt: skip
        by_award[award_type.pk]["items"].append(row)

    approved = [i for i in items if i.passed]
    total = len(attendance)
    closed_at = timezone.localtime(session.closed_at) if session.closed_at else None
    context = {
        "body": f"UBND {vn.upper(unit.name)}" if vn.is_government(unit) else vn.upper(unit.name),
        "council_name": council.name,
        "place_date": f"{vn.place_of(unit)}, {vn.long_date(session.held_on)}",
        "held_on": vn.long_date(session.held_on),
        "held_on_short": vn.short_date(session.held_on),
        "place": session.place,
        "chair": _member(chair) if chair else None,
        "total": total,
        "present_count": len(present),
        "present_share": vn.percent(len(present) / total) if total else "—",
        "present": [_member(m) for m in present],
        "absent": [{**_member(m), "written": m.pk in written_ids} for m in absent],
        "groups": groups,
        "considered": len(items),
        "approved": len(approved),
        "approved_nominees": vn.count_nominees(
            sum(1 for i in approved if not i.nomination.is_collective),
            sum(1 for i in approved if i.nomination.is_collective),
        ),
        "rejected": len(items) - len(approved),
        "closed_at": f"{closed_at:%H} giờ {closed_at:%M} phút ngày {closed_at:%d/%m/%Y}" if closed_at else "",
        "notes": [line for line in (minutes.notes if minutes else "").splitlines() if line.strip()],
        "final": bool(minutes and minutes.final),
    }
    return Source(
        kind=DocumentKind.MINUTES,
        template="awards/documents/pdf/minutes.html",
        filename=f"bien-ban-hop-hoi-dong-{session.held_on:%Y-%m-%d}.pdf",
        context=context,
    )


# --- decision (quyết định khen thưởng) ------------------------------------------------------


def decision_source(decision):
    decision = Decision.objects.select_related("issuer__parent", "session__council__unit").get(pk=decision.pk)
    lines = list(
        decision.lines.select_related(
            "nomination__award_type", "nomination__person__unit", "nomination__unit__parent",
            "nomination__submission__proposing_unit", "award",
        ).order_by("position", "pk")
    )  # fmt: skip
    if not lines:
        raise DomainError(_("The decision lists nobody."))
    issuer, signed = decision.issuer, decision.status == DecisionStatus.SIGNED
    nominations = [line.nomination for line in lines]

    articles, by_award = [], {}
    for nomination in sorted(nominations, key=lambda n: (n.award_type.position, n.award_type.name)):
        award_type = nomination.award_type
        if award_type.pk not in by_award:
            by_award[award_type.pk] = {"phrase": _award_phrase(award_type), "individuals": 0, "collectives": 0}
            articles.append(by_award[award_type.pk])
        by_award[award_type.pk]["collectives" if nomination.is_collective else "individuals"] += 1
    for article in articles:
        article["nominees"] = vn.count_nominees(article["individuals"], article["collectives"])

    sections = {"individuals": [], "collectives": []}
    for line in lines:
        row = _nominee(line.nomination)
        row.update(
            award=line.nomination.award_type.name, achievement=line.achievement,
            registry=line.award.registry_number if signed and line.award_id else None,
        )  # fmt: skip
        sections["collectives" if row["collective"] else "individuals"].append(row)

    years = _years(nominations)
    subject = "Về việc khen thưởng " + vn.join_words([a["phrase"] for a in articles]) + years
    office_caps, office_text = vn.authority(issuer, decision.signer_title)
    proposal = ""
    if decision.session_id:
        session = decision.session
        proposal = (
            f"Theo đề nghị của Hội đồng Thi đua - Khen thưởng {vn.in_sentence(session.council.unit)} "
            f"tại phiên họp ngày {vn.short_date(session.held_on)}."
        )
    proposers = list(dict.fromkeys(n.submission.proposing_unit.name for n in nominations))
    number = decision.number or "…"
    context = {
        "issuer": vn.issuer_lines(issuer),
        "number": number,
        "place_date": f"{vn.place_of(issuer)}, {vn.long_date(decision.date)}",
        "subject": subject,
        "office": office_caps,
        "office_text": office_text,
        "bases": [b for b in (vn.as_basis(line) for line in decision.legal_bases.splitlines()) if b],
        "proposal": proposal,
        "articles": articles,
        "year_text": years,
        "proposers": proposers,
        "signer": vn.signer_lines(decision.signer_title),
        "signer_name": decision.signer_name,
        "signed": signed,
        "date_short": vn.short_date(decision.date),
        "individuals": sections["individuals"],
        "collectives": sections["collectives"],
        "total": len(lines),
        "list_title": f"khen thưởng {vn.join_words([a['phrase'] for a in articles])}{years}",
    }
    name = slugify(f"{'' if signed else 'du-thao-'}quyet-dinh-{decision.number or decision.pk}")
    return Source(kind=DocumentKind.DECISION, template="awards/documents/pdf/decision.html", filename=f"{name}.pdf",
                  context=context)  # fmt: skip
