import os
import re

import pytest
from playwright.sync_api import expect

from tests.thiduakt.xlsx import workbook_upload

pytestmark = pytest.mark.browser


def test_unit_staff_finds_nguyen_in_the_people_list(demo, page, live_server, login, screenshot_dir):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", name="Thi đua – Khen thưởng")).to_be_visible()
    page.screenshot(path=os.path.join(screenshot_dir, "01-login.png"), full_page=True)

    login("thanhxuan.canbo")
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()
    expect(page.get_by_text("Cán bộ đơn vị · Phường Khương Trung")).to_be_visible()
    page.screenshot(path=os.path.join(screenshot_dir, "02-dashboard-unit-staff.png"), full_page=True)

    page.get_by_role("link", name="Cá nhân", exact=True).first.click()
    expect(page.get_by_role("heading", name="Cá nhân")).to_be_visible()
    page.screenshot(path=os.path.join(screenshot_dir, "03-people-list.png"), full_page=True)

    page.get_by_role("searchbox").fill("nguyen")
    page.get_by_role("button", name="Lọc").click()
    names = page.locator("tbody tr td:first-child a").all_inner_texts()
    assert names and all(name.startswith("Nguyễn") or "Nguyễn" in name for name in names)
    page.screenshot(path=os.path.join(screenshot_dir, "04-people-search-nguyen.png"), full_page=True)

    page.locator("tbody tr td:first-child a").first.click()
    expect(page.get_by_text("Lịch sử thay đổi")).to_be_visible()


def test_secretariat_imports_a_list_with_bad_rows(demo, page, live_server, login, screenshot_dir, tmp_path):
    login("thanhxuan.chuyenvien")
    expect(page.get_by_text("Chuyên viên thi đua · Quận Thanh Xuân")).to_be_visible()
    page.screenshot(path=os.path.join(screenshot_dir, "05-dashboard-secretariat.png"), full_page=True)
    page.get_by_role("link", name="Cá nhân", exact=True).click()
    page.get_by_role("link", name="Nhập từ Excel").click()
    upload = workbook_upload([
        ("Nguyễn Thị Thu Trang", "Nữ", "12/03/1991", "", "Chuyên viên", "TX-KT", "", "Kinh"),
        ("Trần Quốc Việt", "Nam", "31/02/1990", "", "", "TX-KT", "", ""),
        ("Lý Thị Mai", "Nữ", "01/01/1990", "", "", "KHONG-CO", "", ""),
    ])  # fmt: skip
    path = tmp_path / upload.name
    path.write_bytes(upload.read())
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    errors = page.locator("#import-errors")
    expect(errors.get_by_text("Dòng 3")).to_be_visible()
    expect(errors.get_by_text("Dòng 4")).to_be_visible()
    expect(errors).to_contain_text("31/02/1990")
    page.screenshot(path=os.path.join(screenshot_dir, "06-import-errors.png"), full_page=True)

    page.get_by_label(re.compile("Tôi đồng ý chỉ nhập 1 dòng")).check()
    page.get_by_role("button", name="Nhập 1 dòng hợp lệ").dblclick()
    expect(page.get_by_text("Đã nhập 1 cá nhân.")).to_be_visible()
    page.get_by_role("searchbox").fill("thu trang")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("tbody")).to_contain_text("Nguyễn Thị Thu Trang")
