"""Eligibility in sentences: what the course page promises is what the form checks."""

from __future__ import annotations

from catalog.eligibility import describe
from catalog.models import YOUTH_AGES, Eligibility, TargetGroup
from catalog.regions import load_regions


def test_youth_courses_say_which_ages_count_as_pemuda() -> None:
    rules = Eligibility(min_age=16, max_age=35, target_groups=[TargetGroup.YOUTH], documents=[])
    sentences = describe(rules, load_regions())
    assert "Peserta harus pemuda, berusia 16 sampai 30 tahun." in sentences
    assert YOUTH_AGES == (16, 30)  # the form's check reads the same constant
