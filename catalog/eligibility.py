"""Who may apply: the same rules written as sentences for the site and enforced by the form.

``describe`` turns a course's :class:`~catalog.models.Eligibility` into plain Indonesian sentences;
the ``check_*`` functions return ``None`` when an applicant meets a rule, else one sentence that
says what is wrong (shown next to the form field).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from catalog.labels import DOCUMENT, EDUCATION, EDUCATION_ORDER, TARGET_GROUP, TARGET_GROUP_WHO
from catalog.models import YOUTH_AGES, Education, Eligibility, TargetGroup
from catalog.regions import Regions

OUTSIDE_BANTEN = "luar-banten"  # the form's value for a KTP address outside Banten


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on ``day``."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " atau " + items[-1]


def domicile_label(rules: Eligibility, regions: Regions) -> str:
    return _join([regions.label(code) for code in rules.domicile])


def describe(rules: Eligibility, regions: Regions) -> list[str]:
    """Plain sentences, e.g. "Berusia 18 sampai 45 tahun saat pelatihan dimulai."."""
    sentences = []
    if rules.max_age is not None:
        sentences.append(
            f"Berusia {rules.min_age} sampai {rules.max_age} tahun saat pelatihan dimulai."
        )
    else:
        sentences.append(f"Berusia paling sedikit {rules.min_age} tahun saat pelatihan dimulai.")
    if rules.domicile:
        sentences.append(f"Alamat di KTP berada di {domicile_label(rules, regions)}.")
    else:
        sentences.append("Terbuka untuk warga dari mana saja.")
    for group in rules.target_groups:
        sentence = f"Peserta harus {TARGET_GROUP[group]}"
        if group is TargetGroup.DTKS:
            sentence += "; diisi sendiri di formulir dan diperiksa petugas"
        if group is TargetGroup.YOUTH:  # the form checks these ages
            sentence += f", berusia {YOUTH_AGES[0]} sampai {YOUTH_AGES[1]} tahun"
        sentences.append(sentence + ".")
    if rules.min_education is not None:
        sentences.append(f"Pendidikan terakhir paling rendah {EDUCATION[rules.min_education]}.")
    if rules.notes:
        sentences.append(rules.notes)
    return sentences


def documents(rules: Eligibility) -> list[str]:
    """Documents to bring, as labels."""
    return [DOCUMENT[d] for d in rules.documents]


def check_age(rules: Eligibility, birth_date: date, start: date) -> str | None:
    age = age_on(birth_date, start)
    if age < rules.min_age:
        return (
            f"Usia Anda saat pelatihan dimulai ({age} tahun) di bawah batas minimal "
            f"{rules.min_age} tahun. Pilih pelatihan lain yang sesuai usia Anda."
        )
    if rules.max_age is not None and age > rules.max_age:
        return (
            f"Usia Anda saat pelatihan dimulai ({age} tahun) melebihi batas maksimal "
            f"{rules.max_age} tahun. Pilih pelatihan lain yang sesuai usia Anda."
        )
    return None


def accepts_village(rules: Eligibility, village: str) -> bool:
    """Whether a KTP address in ``village`` (a 10-digit code or OUTSIDE_BANTEN) is accepted."""
    if not rules.domicile:
        return True
    return any(village.startswith(code) for code in rules.domicile)


def check_domicile(rules: Eligibility, village: str, regions: Regions) -> str | None:
    if accepts_village(rules, village):
        return None
    return (
        f"Pelatihan ini hanya untuk warga ber-KTP {domicile_label(rules, regions)}. "
        "Pilih kelurahan/desa sesuai alamat di KTP Anda; jika KTP Anda dari wilayah lain, pilih "
        "pelatihan lain."
    )


def check_target_groups(rules: Eligibility, declared: Collection[TargetGroup]) -> str | None:
    missing = [g for g in rules.target_groups if g not in declared]
    if not missing:
        return None
    who = [TARGET_GROUP_WHO[g] for g in missing]  # every one is required: joined with "dan"
    everyone = ", ".join(who[:-1]) + " dan " + who[-1] if len(who) > 1 else who[0]
    return f"Pelatihan ini khusus untuk {everyone}. Jika Anda tidak termasuk, pilih pelatihan lain."


def check_education(rules: Eligibility, education: Education) -> str | None:
    if rules.min_education is None:
        return None
    if EDUCATION_ORDER.index(education) >= EDUCATION_ORDER.index(rules.min_education):
        return None
    return (
        f"Pelatihan ini mensyaratkan pendidikan paling rendah {EDUCATION[rules.min_education]}. "
        "Pilih pelatihan lain yang sesuai pendidikan Anda."
    )
