import unicodedata

from thiduakt.text import collation_key, fold, name_sort_key, normalize, split_name


def test_fold_removes_tones_and_letter_marks_and_d_stroke():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("  ƯƠNG   Thị  Ánh ") == "uong thi anh"


def test_normalize_turns_decomposed_text_into_nfc():
    decomposed = unicodedata.normalize("NFD", "Hồ Thị Ngọc")
    assert decomposed != "Hồ Thị Ngọc"
    assert normalize(decomposed) == "Hồ Thị Ngọc"


def test_split_name():
    assert split_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")
    assert split_name("Khai") == ("", "", "Khai")


def test_names_sort_by_given_name_then_family_name():
    names = ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị An", "Đỗ Minh Đức", "Phạm Văn Dũng"]
    assert sorted(names, key=name_sort_key) == [
        "Lê Thị An", "Nguyễn Văn An", "Trần Văn Bình", "Phạm Văn Dũng", "Đỗ Minh Đức",
    ]  # fmt: skip


def test_vietnamese_alphabet_order_not_code_point_order():
    # In code points 'Đ' (U+0110) sorts after 'Z'; in Vietnamese it follows D.
    words = ["Ân", "Ăn", "An", "Đào", "Dung", "Ơn", "Ôn", "On", "Ưng", "Uyên", "Zô"]
    assert sorted(words, key=collation_key) == ["An", "Ăn", "Ân", "Dung", "Đào", "On", "Ôn", "Ơn", "Uyên", "Ưng", "Zô"]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    assert sorted(["má", "mạ", "mà", "ma", "mả", "mã"], key=collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
