"""Unit staff enter a submission by hand and from Excel; the secretariat returns one
nomination, the unit fixes and resends it, and the secretariat verifies the list."""

import os

import pytest
from playwright.sync_api import expect

from awards.history.models import YearlyRating
from awards.nominations.models import Nomination
from tests.thiduakt.xlsx import workbook_upload
from thiduakt.models import Person, Unit

pytestmark = pytest.mark.browser

HEADERS = [
    "No.", "Full name of the individual, or name of the collective", "Date of birth", "Citizen ID number", "Gender",
    "Unit code", "Proposed award or title", "Summary of achievements",
]  # fmt: skip


def shot(page, directory, name):
    page.screenshot(path=os.path.join(directory, name), full_page=True)


def logout(page):
    page.locator(".navbar .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()


def add_person(page, person, award, achievement):
    page.get_by_role("link", name="Thêm cá nhân").click()
    page.locator("#id_person_search").fill(person.full_name)  # the picker offers the matches as one types
    page.locator(f'#id_person option[value="{person.pk}"]').wait_for(state="attached")
    page.locator("#id_person").select_option(str(person.pk))
    page.locator("#id_award_type").select_option(label=award)
    page.locator("#id_achievement").fill(achievement)
    page.get_by_role("button", name="Lưu và xem kết quả kiểm tra").click()


def test_submission_import_return_fix_verify(demo, page, live_server, login, screenshot_dir, tmp_path):
    ward = Unit.objects.get(code="TX-KT")
    people = list(Person.objects.filter(unit=ward, is_active=True).order_by("sort_key"))
    eligible, ineligible, *others = people
    YearlyRating.objects.update_or_create(person=eligible, year=2024, defaults={"rating": "HTXSNV"})
    YearlyRating.objects.update_or_create(person=ineligible, year=2024, defaults={"rating": "HTNV"})

    login("thanhxuan.canbo")
    page.get_by_role("link", name="Hồ sơ đề nghị", exact=True).click()
    page.get_by_role("link", name="Lập tờ trình mới").click()
    page.locator("#id_number").fill("15/TTr-UBND")
    page.locator("#id_date").fill("05/12/2024")
    page.locator("#id_signer").fill("Chủ tịch UBND phường Khương Trung")
    page.locator("#id_year").fill("2024")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã tạo tờ trình")).to_be_visible()
    submission_url = page.url

    add_person(page, eligible, "Lao động tiên tiến", "Hoàn thành xuất sắc nhiệm vụ năm 2024.")
    expect(page.locator("#checks")).to_contain_text("HTXSNV")
    expect(page.get_by_text("Đủ điều kiện").first).to_be_visible()
    shot(page, screenshot_dir, "20-nomination-eligible.png")
    page.goto(submission_url)
    add_person(page, ineligible, "Lao động tiên tiến", "Hoàn thành nhiệm vụ năm 2024.")
    expect(page.get_by_text("Chưa đủ điều kiện").first).to_be_visible()
    expect(page.locator("#checks")).to_contain_text("HTNV")
    shot(page, screenshot_dir, "21-nomination-not-eligible.png")

    page.goto(submission_url)
    page.get_by_role("main").get_by_role("link", name="Nhập từ Excel").click()
    rows = [
        (1, p.full_name, p.birth_date.strftime("%d/%m/%Y") if p.birth_date else "", p.citizen_id or "", "", "", "LDTT",
         f"Hoàn thành tốt nhiệm vụ năm 2024 ({p.position}).")
        for p in others[:3]
    ]  # fmt: skip
    rows.append(
        (
            4,
            "Đinh Thị Hồng Nhung",
            "14/07/1994",
            "",
            "Nữ",
            "TX-KT",
            "Lao động tiên tiến",
            "Cán bộ mới, hoàn thành tốt nhiệm vụ.",
        )
    )
    rows.append((5, ward.name, "", "", "", "TX-KT", "TTLDTT", "Tập thể hoàn thành tốt nhiệm vụ năm 2024."))
    upload = workbook_upload(rows, headers=HEADERS, name="danh-sach-de-nghi.xlsx")
    path = tmp_path / upload.name
    path.write_bytes(upload.read())
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_role("button", name="Nhập 5 hồ sơ đề nghị")).to_be_visible()
    shot(page, screenshot_dir, "22-import-review.png")
    page.get_by_role("button", name="Nhập 5 hồ sơ đề nghị").click()
    expect(page.locator("#nominations tbody tr")).to_have_count(7)
    shot(page, screenshot_dir, "23-submission-before-sending.png")
    page.get_by_role("button", name="Gửi chuyên viên thi đua").click()
    expect(page.get_by_text("Đã gửi danh sách tới chuyên viên thi đua để thẩm định.")).to_be_visible()
    logout(page)

    login("thanhxuan.chuyenvien")
    page.get_by_role("link", name="Thẩm định", exact=True).click()
    shot(page, screenshot_dir, "24-verification-inbox.png")
    page.get_by_role("link", name=ineligible.full_name).click()
    page.locator("#reason").fill("Đề nghị bổ sung bản nhận xét, đánh giá xếp loại năm 2024.")
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.get_by_text("Trả lại đơn vị").first).to_be_visible()
    logout(page)

    login("thanhxuan.canbo")
    expect(page.get_by_text("Hồ sơ bị trả lại")).to_be_visible()
    page.get_by_role("link", name=ineligible.full_name).first.click()
    page.get_by_role("link", name="Sửa").click()
    page.locator("#id_achievement").fill(
        "Hoàn thành nhiệm vụ năm 2024; đã bổ sung bản nhận xét của Chủ tịch UBND phường."
    )
    page.get_by_role("button", name="Lưu và xem kết quả kiểm tra").click()
    page.get_by_role("button", name="Gửi lại").click()
    expect(page.get_by_text("Đã gửi").first).to_be_visible()
    logout(page)

    login("thanhxuan.chuyenvien")
    page.goto(submission_url)
    page.get_by_label("Chọn tất cả").check()
    page.locator("#bulk-action").select_option("verify")
    page.get_by_role("button", name="Áp dụng").click()
    expect(page.get_by_text("7 hồ sơ")).to_be_visible()
    shot(page, screenshot_dir, "25-submission-verified.png")
    statuses = set(Nomination.objects.filter(submission__number="15/TTr-UBND").values_list("status", flat=True))
    assert statuses == {"verified"}
