import datetime

import pytest
from django.core.exceptions import ValidationError

from thiduakt.validators import validate_citizen_id


@pytest.mark.parametrize(
    ("value", "gender", "born"),
    [("001185012345", "female", 1985), ("001080012345", "male", 1980), ("079203000001", "male", 2003)],
)
def test_valid_ids(value, gender, born):
    validate_citizen_id(value, gender=gender, birth_date=datetime.date(born, 1, 1))


@pytest.mark.parametrize(
    ("value", "code"),
    [("00118501234", "format"), ("00118501234X", "format"), ("003185012345", "province"), ("999185012345", "province")],
)
def test_invalid_ids(value, code):
    with pytest.raises(ValidationError) as error:
        validate_citizen_id(value)
    assert error.value.code == code


def test_id_must_match_gender_and_birth_year():
    with pytest.raises(ValidationError) as error:
        validate_citizen_id("001185012345", gender="male", birth_date=datetime.date(1985, 1, 1))
    assert error.value.code == "mismatch"
    with pytest.raises(ValidationError):
        validate_citizen_id("001185012345", gender="female", birth_date=datetime.date(1986, 1, 1))
