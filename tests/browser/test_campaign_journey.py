"""The secretariat launches a campaign, a ward registers, the cluster scores two members."""

import os

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Phong trào thi đua “Dân vận khéo” năm 2024 của Cụm thi đua số 1"


def shot(page, directory, name):
    page.screenshot(path=os.path.join(directory, name), full_page=True)


def logout(page):
    page.locator(".navbar .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()


def test_launch_register_score_and_rank(demo, page, live_server, login, screenshot_dir):
    login("thanhxuan.chuyenvien")
    page.get_by_role("link", name="Phong trào", exact=True).click()
    page.get_by_role("link", name="Phát động phong trào").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_kind").select_option("thematic")
    page.locator("#id_theme").fill("Dân vận khéo – xây dựng phường văn minh")
    page.locator("#id_start_date").fill("01/01/2024")
    page.locator("#id_end_date").fill("31/12/2024")
    page.locator("#id_scope").select_option("cluster")
    page.locator("#id_cluster").select_option(label="Cụm thi đua số 1 các phường quận Thanh Xuân")
    page.locator("#id_plan_number").fill("45/KH-UBND")
    page.locator("#id_plan_date").fill("15/12/2023")
    page.locator("#id_plan_signer").fill("Phó Chủ tịch UBND quận")
    shot(page, screenshot_dir, "10-campaign-form.png")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu dự thảo phong trào")).to_be_visible()

    for description, points in (
        ("Thực hiện tốt công tác dân vận chính quyền", "60"),
        ("Có mô hình dân vận khéo được công nhận", "40"),
    ):
        page.get_by_role("link", name="Thêm tiêu chí").click()
        page.locator("#id_description").fill(description)
        page.locator("#id_max_points").fill(points)
        page.get_by_role("button", name="Lưu tiêu chí").click()
        expect(page.get_by_text("Đã lưu tiêu chí.")).to_be_visible()
    page.get_by_role("button", name="Phát động phong trào").click()
    expect(page.get_by_text("Phong trào đã chuyển sang “Đã phát động”.")).to_be_visible()
    shot(page, screenshot_dir, "11-campaign-launched.png")
    logout(page)

    login("thanhxuan.canbo")
    expect(page.get_by_text("Phong trào đang nhận đăng ký thi đua của đơn vị")).to_be_visible()
    page.get_by_role("link", name=TITLE).click()  # the dashboard leads straight to the registration form
    expect(page.get_by_role("heading", name="Đăng ký thi đua")).to_be_visible()
    page.get_by_label("Tập thể lao động xuất sắc").check()
    page.locator("tbody select").first.select_option("CSTD_CS")
    page.get_by_label("Giao ước thi đua").fill("Hoàn thành 100% chỉ tiêu dân vận năm 2024.")
    shot(page, screenshot_dir, "12-registration-form.png")
    page.get_by_role("button", name="Lưu và gửi").click()
    expect(page.get_by_text("Đã gửi bản đăng ký tới đơn vị phát động để duyệt.")).to_be_visible()
    expect(page.locator("#registrations")).to_contain_text("Phường Khương Trung")
    logout(page)

    login("thanhxuan.chuyenvien")
    expect(page.get_by_text("Bản đăng ký thi đua chờ duyệt")).to_be_visible()
    page.get_by_role("link", name="Phường Khương Trung").click()
    page.get_by_role("button", name="Duyệt").click()
    expect(page.get_by_text("Đã duyệt bản đăng ký của Phường Khương Trung.")).to_be_visible()

    page.get_by_role("link", name="Cụm thi đua số 1 các phường quận Thanh Xuân").last.click()
    for ward, first, second in (("Phường Khương Trung", "55", "35"), ("Phường Khương Mai", "58", "30")):
        row = page.locator("#ranking tbody tr", has_text=ward)
        row.get_by_role("link", name="Chấm điểm").click()
        page.get_by_label("Điểm 1", exact=True).fill(first)
        page.get_by_label("Điểm 2", exact=True).fill(second)
        page.get_by_role("button", name="Lưu điểm").click()
        expect(page.get_by_text(f"Đã lưu điểm của {ward}.")).to_be_visible()

    ranking = page.locator("#ranking tbody")
    expect(ranking.locator("tr").nth(0)).to_contain_text("Phường Khương Trung")
    expect(ranking.locator("tr").nth(0)).to_contain_text("90")
    expect(ranking.locator("tr").nth(1)).to_contain_text("Phường Khương Mai")
    expect(ranking.locator("tr").nth(1)).to_contain_text("88")
    expect(ranking).to_contain_text("Chưa xếp hạng")
    shot(page, screenshot_dir, "13-cluster-ranking.png")
