"""The awards demo's 2024 submissions and their nominations.

They go through awards.nominations.services with the system user as actor; the secretariat's
steps are taken by "thanhxuan.chuyenvien". Workflows are walked only when a submission is first
created, never again. Submissions are found again by (unit, number, year) and nominations by
(submission, nominee, award). Stored eligibility is refreshed at the end, only where it is out
of date.
"""

import datetime
import unicodedata
from typing import NamedTuple

from django.core.files.base import ContentFile

from awards.eligibility import evaluate
from awards.enums import Method, NominationStatus
from awards.enums import SubmissionStatus as SubStatus
from awards.nominations.models import Nomination, Submission
from awards.nominations.services import (
    add_nomination,
    attach,
    create_submission,
    evaluate_and_store,
    set_nomination_state,
    submit,
)
from demo.awards.people import BU, FAIL, KM, MANUAL, MINUTES, PASS, REPORT, YEAR, D
from thiduakt.models import Person, Unit

# --- Submissions ----------------------------------------------------------------------------


class NominationSpec(NamedTuple):
    nominee: str  # a PersonCase key, or the code of the collective
    award: str
    achievement: str
    expect: str  # what the eligibility check says; tests/awards/test_demo.py holds it to that
    state: str = NominationStatus.SUBMITTED  # where the secretariat leaves it, once submitted
    reason: str = ""  # "{name}" is replaced by the nominee's name
    files: tuple = ()  # attachment kinds, each a small PDF


class SubmissionSpec(NamedTuple):
    unit: str
    number: str
    date: datetime.date
    signer: str
    status: str
    nominations: tuple


_RETURN_DUPLICATE = (
    "Đồng chí {name} đã được Chủ tịch UBND phường Khương Mai công nhận danh hiệu Lao động tiên tiến "
    "năm 2024 tại Quyết định số 286/QĐ-UBND ngày 28/11/2024. Đề nghị đơn vị rút tên khỏi danh sách để "
    "không khen thưởng trùng (Điều 5 Luật Thi đua, khen thưởng)."
)
_V, _R = NominationStatus.VERIFIED, NominationStatus.RETURNED

KHUONG_MAI = SubmissionSpec(
    KM, "45/TTr-UBND", D(2024, 12, 5), "Chủ tịch UBND phường Khương Mai", SubStatus.SUBMITTED, (
        NominationSpec(
            "km-chu-tich", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; lãnh đạo UBND phường hoàn thành 100% chỉ tiêu "
            "kinh tế - xã hội, thu ngân sách nhà nước trên địa bàn đạt 118% dự toán; chỉ đạo triển khai hiệu "
            "quả Đề án 06 và chuyển đổi số trên địa bàn phường.", PASS, _V, files=(REPORT,),
        ),
        NominationSpec(
            "km-pho-chu-tich", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; phụ trách khối văn hóa - xã hội, chỉ đạo chi trả đầy "
            "đủ, kịp thời các chế độ an sinh xã hội cho trên 1.400 đối tượng, không để xảy ra sai sót.", PASS,
        ),
        NominationSpec(
            "km-pho-chu-tich-2", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; phụ trách khối kinh tế - đô thị, chỉ đạo xử lý "
            "dứt điểm 12 trường hợp vi phạm trật tự xây dựng, không để phát sinh vi phạm mới.", PASS,
        ),
        NominationSpec(
            "km-van-phong", "LDTT",
            "Hoàn thành nhiệm vụ được giao năm 2024; tham mưu công tác văn phòng, tổng hợp, thống kê và "
            "tiếp nhận, phát hành văn bản của UBND phường.", FAIL,
        ),
        NominationSpec(
            "km-tu-phap", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; giải quyết đúng hạn 100% hồ sơ hộ tịch, chứng thực "
            "(trên 3.200 hồ sơ), 96% hồ sơ được tiếp nhận trực tuyến.", FAIL, _R, _RETURN_DUPLICATE,
        ),
        NominationSpec(
            "km-dia-chinh", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; tham mưu thực hiện hiệu quả công tác quản lý đất "
            "đai, trật tự xây dựng; cập nhật, chỉnh lý biến động hồ sơ địa chính kịp thời.", PASS, _V,
        ),
        NominationSpec(
            "km-tai-chinh", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; tham mưu quản lý, sử dụng ngân sách phường "
            "đúng quy định, công khai, minh bạch; quyết toán ngân sách năm 2023 không có sai sót.", PASS,
        ),
        NominationSpec(
            "km-chu-tich", "CSTD_CS",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; trực tiếp chỉ đạo chuyển đổi số trong giải "
            "quyết thủ tục hành chính, tỷ lệ hồ sơ trực tuyến toàn trình đạt 92%; phường xếp thứ ba Cụm thi "
            "đua số 1 các phường quận Thanh Xuân.", PASS,
        ),
        NominationSpec(
            "km-chu-tich", "CSTD_TP",
            "Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2022 – 2024); chủ nhiệm sáng kiến “Ứng "
            "dụng phần mềm quản lý hồ sơ hộ tịch điện tử tại phường Khương Mai” được công nhận hiệu quả áp "
            "dụng, phạm vi ảnh hưởng cấp thành phố năm 2023, đã được nhân rộng tại các phường trong quận.",
            PASS, files=(REPORT, MINUTES),
        ),
        NominationSpec(
            "km-pho-chu-tich-2", "BK_TP",
            "Hai năm liên tục (2023, 2024) hoàn thành xuất sắc nhiệm vụ; có 02 sáng kiến được công nhận cấp "
            "cơ sở về số hóa hồ sơ địa chính và nâng cao tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn "
            "trình tại Bộ phận Một cửa.", PASS,
        ),
        NominationSpec(
            "km-tai-chinh", "BK_TP",
            "Có thành tích xuất sắc trong công tác tài chính - ngân sách năm 2023 – 2024; có 02 sáng kiến "
            "được công nhận cấp cơ sở về quản lý thu ngân sách và chi trả an sinh xã hội không dùng tiền mặt.",
            FAIL,
        ),
        NominationSpec(
            "km-pho-chu-tich", "BK_TTG",
            "Đã được tặng Bằng khen của Chủ tịch UBND thành phố năm 2018; từ năm 2019 đến năm 2024 liên tục "
            "hoàn thành tốt nhiệm vụ trở lên, 03 lần đạt danh hiệu Chiến sĩ thi đua cơ sở (2020, 2021, 2023); "
            "chủ nhiệm mô hình “Tổ dân phố không rác thải nhựa” được công nhận cấp quận.",
            PASS, files=(REPORT, MINUTES),
        ),
        NominationSpec(
            KM, "TTLDXS",
            "Tập thể hoàn thành xuất sắc nhiệm vụ năm 2024: hoàn thành 100% chỉ tiêu kinh tế - xã hội, thu "
            "ngân sách đạt 118% dự toán; 100% cán bộ, công chức hoàn thành nhiệm vụ; không có đơn thư vượt "
            "cấp, không phát sinh điểm nóng về trật tự đô thị.", PASS, files=(REPORT, MINUTES),
        ),
        NominationSpec(
            KM, "CO_TP",
            "Dẫn đầu các phường của quận trong phong trào thi đua “Đoàn kết, đổi mới, sáng tạo, thi đua xây "
            "dựng Thủ đô văn hiến, văn minh, hiện đại” giai đoạn 2020 – 2025; Cụm phó Cụm thi đua số 1 năm "
            "2024.", MANUAL,
        ),
    ),
)  # fmt: skip

BUOI = SubmissionSpec(
    BU, "38/TTr-UBND", D(2024, 12, 10), "Chủ tịch UBND phường Bưởi", SubStatus.DRAFT, (
        NominationSpec(
            "bu-chu-tich", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; lãnh đạo UBND phường hoàn thành các chỉ tiêu kinh tế "
            "- xã hội, bảo đảm an ninh, trật tự trên địa bàn ven hồ Tây.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich", "LDTT",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; chỉ đạo cập nhật, làm sạch dữ liệu dân cư, "
            "100% công dân đủ điều kiện được cấp căn cước.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich-2", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; phụ trách công tác trật tự đô thị, vệ sinh môi "
            "trường, giải tỏa vi phạm lòng đường, vỉa hè trên các tuyến phố chính.", PASS,
        ),
        NominationSpec(
            "bu-van-phong", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; tham mưu tổng hợp, báo cáo đúng hạn, vận hành hiệu "
            "quả hệ thống quản lý văn bản và điều hành.", PASS,
        ),
        NominationSpec(
            "bu-tu-phap", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; giải quyết đúng hạn 100% hồ sơ hộ tịch, chứng thực; "
            "tổ chức 6 buổi tuyên truyền, phổ biến pháp luật tại các tổ dân phố.", PASS,
        ),
        NominationSpec(
            "bu-dia-chinh", "LDTT",
            "Hoàn thành nhiệm vụ được giao năm 2024; tham mưu quản lý đất đai, trật tự xây dựng trên địa bàn "
            "phường.", FAIL,
        ),
        NominationSpec(
            "bu-tai-chinh", "LDTT",
            "Hoàn thành tốt nhiệm vụ được giao năm 2024; tham mưu lập và thực hiện dự toán ngân sách phường "
            "đúng quy định.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich", "CSTD_CS",
            "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024; tham mưu triển khai hiệu quả Đề án 06 trên địa "
            "bàn phường, được UBND quận biểu dương.", PASS,
        ),
        NominationSpec(
            "bu-pho-chu-tich", "CSTD_TP",
            "Đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2021, 2023; sáng kiến “Giải pháp quản lý, cập nhật dữ "
            "liệu dân cư phục vụ triển khai Đề án 06 tại phường Bưởi” được công nhận cấp thành phố năm 2023.",
            FAIL,
        ),
        NominationSpec(
            BU, "TTLDTT",
            "Tập thể hoàn thành tốt nhiệm vụ năm 2024; hoàn thành các chỉ tiêu kinh tế - xã hội được giao, "
            "thu ngân sách đạt 105% dự toán.", FAIL, files=(REPORT,),
        ),
    ),
)  # fmt: skip

HOAN_KIEM = SubmissionSpec(
    "HK", "318/TTr-PNV", D(2024, 12, 12), "Trưởng phòng Nội vụ quận Hoàn Kiếm", SubStatus.SUBMITTED, (
        NominationSpec(
            "HK-PNV", "TTLDTT",
            "Tập thể hoàn thành tốt nhiệm vụ năm 2024; tham mưu UBND quận chuẩn bị sắp xếp đơn vị hành chính "
            "cấp phường, thực hiện đúng quy trình tuyển dụng, đánh giá cán bộ, công chức.", PASS,
            files=(REPORT,),
        ),
        NominationSpec(
            "HK-MTDT", "TTLDTT",
            "Tập thể hoàn thành tốt nhiệm vụ năm 2024; thu gom, vận chuyển 100% rác thải sinh hoạt phát sinh "
            "trong ngày, bảo đảm vệ sinh môi trường khu vực hồ Hoàn Kiếm và phố cổ.", FAIL,
        ),
    ),
)  # fmt: skip

# Every award type the history and the submissions name.
CATALOGUE_CODES = {"LDTT", "CSTD_CS", "CSTD_TP", "TTLDTT", "TTLDXS", "CO_TP", "GK_QUAN", "BK_TP", "BK_TTG"}

# Khương Trung is left out on purpose: the browser journey makes its own submission there.
SUBMISSIONS = (KHUONG_MAI, BUOI, HOAN_KIEM)

# --- Submissions ------------------------------------------------------------------------------


def sync(cases, types, actor, secretary, tally):
    """The submissions, then the stored eligibility of their nominations."""
    submissions = [_sync_submission(spec, cases, types, actor, secretary, tally) for spec in SUBMISSIONS]
    _refresh_eligibility(submissions, tally)


def _nominee(spec, cases):
    if spec.nominee in cases:
        return {"person": Person.objects.get(pk=cases[spec.nominee]), "unit": None}
    return {"person": None, "unit": Unit.objects.get(code=spec.nominee)}


def _sync_submission(spec, cases, types, actor, secretary, tally):
    unit = Unit.objects.get(code=spec.unit)
    submission = Submission.objects.filter(proposing_unit=unit, number=spec.number, year=YEAR).first()
    created = submission is None
    if created:
        data = {
            "proposing_unit": unit, "number": spec.number, "date": spec.date, "signer": spec.signer,
            "year": YEAR, "method": Method.REGULAR, "campaign": None,
        }  # fmt: skip
        submission = create_submission(actor=actor, data=data)
        tally["created"] += 1
    nominations = {}
    if submission.status == SubStatus.DRAFT:
        have = {(n.person_id, n.unit_id, n.award_type_id): n for n in submission.nominations.all()}
        for item in spec.nominations:
            nominee = _nominee(item, cases)
            key = (getattr(nominee["person"], "pk", None), getattr(nominee["unit"], "pk", None), types[item.award].pk)
            if key in have:
                continue
            data = {**nominee, "award_type": types[item.award], "achievement": item.achievement}
            nomination = add_nomination(submission, actor=actor, data=data, evaluate=False)
            tally["created"] += 1
            nominations[item] = nomination
            for kind in item.files:
                _attach_pdf(nomination, kind, item, nominee, actor)
                tally["created"] += 1
    if not created:
        return submission
    # Walked forward only now, when the demo first makes the submission.
    if spec.status == SubStatus.SUBMITTED:
        submission = submit(submission, actor=actor)
        tally["steps"] += 1
        for item, nomination in nominations.items():
            if item.state == NominationStatus.SUBMITTED:
                continue
            name = nomination.nominee
            set_nomination_state(nomination, item.state, actor=secretary, reason=item.reason.format(name=name))
            tally["steps"] += 1
    return submission


def _attach_pdf(nomination, kind, item, nominee, actor):
    who = nominee["person"] or nominee["unit"]
    if kind == MINUTES:
        title = f"Biên bản họp Hội đồng Thi đua - Khen thưởng - {nomination.submission.proposing_unit.name}"
    else:
        title = f"Báo cáo thành tích - {who}"
    pdf = _pdf(title, f"{nomination.award_type.name} năm {YEAR}", item.achievement[:90])
    attach(nomination, actor=actor, kind=kind, upload=ContentFile(pdf, name=f"{title}.pdf"))


def _ascii(text):
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("“", '"').replace("”", '"').replace("–", "-")
    plain = plain.encode("ascii", "replace").decode()
    return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf(*lines):
    """A small valid one-page PDF with a few lines of (unaccented) text."""
    text = "".join(f"({_ascii(line)}) '\n" for line in lines)
    stream = f"BT /F1 12 Tf 16 TL 60 780 Td\n{text}ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _comparable(eligibility):
    return {k: v for k, v in (eligibility or {}).items() if k != "at"}


def _refresh_eligibility(submissions, tally):
    """Rules read other nominations too: re-check them all once, store only what changed."""
    nominations = list(Nomination.objects.filter(submission__in=submissions))
    evaluations = evaluate(nominations)
    stale = [n for n in nominations if _comparable(n.eligibility) != _comparable(evaluations[n.pk].as_json())]
    if stale:
        evaluate_and_store(stale)
