import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADERS = ["Họ và tên *", "Giới tính *", "Ngày sinh", "Số CCCD", "Chức vụ", "Mã đơn vị *", "Phân loại", "Dân tộc"]


def workbook_upload(rows, headers=HEADERS, name="danh-sach.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
