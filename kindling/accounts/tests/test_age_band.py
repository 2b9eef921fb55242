"""Date of birth decides the version of every page: child 8–12, teen 13–17, adult 18+."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kindling.accounts.models import age_band_for, age_on, validate_client_birth_date

TODAY = dt.date(2026, 11, 22)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY))
def test_the_band_follows_the_age(born):
    age = age_on(born, TODAY)
    if age < 8:
        with pytest.raises(ValueError):
            age_band_for(born, TODAY)
    else:
        band = age_band_for(born, TODAY)
        assert band == ("child" if age <= 12 else "teen" if age <= 17 else "adult")


@pytest.mark.parametrize("born,band", [
    (dt.date(2018, 11, 22), "child"),   # 8 today
    (dt.date(2013, 11, 23), "child"),   # 12, 13 tomorrow
    (dt.date(2013, 11, 22), "teen"),    # 13 today
    (dt.date(2008, 11, 23), "teen"),    # 17, 18 tomorrow
    (dt.date(2008, 11, 22), "adult"),   # 18 today
    (dt.date(2008, 2, 29), "adult"),    # a leap-day birthday
])  # fmt: skip
def test_birthdays_are_the_boundaries(born, band):
    assert age_band_for(born, TODAY) == band


def test_impossible_birth_dates_are_explained():
    with pytest.raises(ValidationError, match="future"):
        validate_client_birth_date(dt.date(2999, 1, 1))
    with pytest.raises(ValidationError, match="check the year"):
        validate_client_birth_date(dt.date(1850, 1, 1))
