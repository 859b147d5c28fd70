"""Every WhatsApp message staff send to applicants, and the click-to-chat links that carry them.

One place for the words, so that the export, ``katalog queue set`` and ``katalog queue promote``
say the same thing. Plain Indonesian, dates as "Senin, 25 Januari 2027"
(:func:`catalog.dates.format_date_long`). A message never holds a NIK, a birth date or an
address: only the applicant's name, the registration number and what the applicant must do.

A link is ``https://wa.me/<digits>?text=<percent-encoded message>`` (WhatsApp's click-to-chat: no
API key, the clerk's own WhatsApp opens with the text ready to send). ``digits`` is the stored
E.164 number without its ``+``.

The texts per status::

    Diundang seleksi   the selection day, time and place (when known), what to bring, reply to confirm
    Diterima           the start date, the daftar ulang deadline (when known and not past)
    Cadangan           the reserve rank, what happens when a seat frees up
    Tidak diterima     the reason the clerk gave, other runs in the catalogue
    any other status   its label and the next step the status page shows (:data:`NEXT_STEP`)

    Tindak lanjut      3 or 6 months after the run ended (:func:`followup_message`): what the
                       alumnus does now, the four answers to reply with (``katalog queue followup``)

:class:`Links` builds many links fast for an export: the fixed parts of each text are encoded
once per status, only the name, number, rank and reason per applicant (percent-encoding works
character by character, so the pieces join to exactly :func:`whatsapp_url` of :func:`message`;
tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from catalog.catalog import RunRef
from catalog.dates import format_date_long
from registrations.status import NEXT_STEP, Status

WA_ME = "https://wa.me/"
_SAFE = ""  # encode everything but letters, digits and "_.-~" (so "/", "?", "&" and "#" too)

SELECTION_KIND = {"interview": "wawancara", "test": "tes"}


@dataclass(frozen=True)
class RunDetails:
    """What the messages of one run say about it: from the catalog, overridden by the clerk's
    options at export (``--selection-date`` ...)."""

    course: str  # "Tata Boga"
    run_id: str  # "2027-1"
    center: str = ""  # who signs: "UPT Balai Latihan Kerja Kota Tangerang"
    start: date | None = None
    selection_kind: str = ""  # "wawancara", "tes" or "" (other kinds of selection)
    selection_date: date | None = None
    selection_time: str | None = None
    selection_place: str | None = None
    reregistration_deadline: date | None = None

    @classmethod
    def of(
        cls,
        ref: RunRef | None,
        run_id: str,
        *,
        selection_date: date | None = None,
        selection_time: str | None = None,
        selection_place: str | None = None,
        reregistration_deadline: date | None = None,
        today: date | None = None,
    ) -> RunDetails:
        """The details of ``run_id`` (``ref`` from the catalog, ``None`` for an unknown run);
        given options win over the run's YAML. A deadline before ``today`` is left out: an
        applicant must never be told a date that has already passed."""
        if ref is None:
            details = cls(course=f"angkatan {run_id}", run_id=run_id.rsplit("/", 1)[-1])
        else:
            day = ref.run.selection_day
            details = cls(
                course=ref.course.title,
                run_id=ref.run.id,
                center=ref.center.name,
                start=ref.run.start,
                selection_kind=SELECTION_KIND.get(ref.course.selection.value, ""),
                selection_date=day.date if day else None,
                selection_time=day.time if day else None,
                selection_place=day.place if day else None,
                reregistration_deadline=ref.run.reregistration_deadline,
            )
        deadline = reregistration_deadline or details.reregistration_deadline
        if deadline is not None and today is not None and deadline < today:
            deadline = None
        return cls(
            course=details.course,
            run_id=details.run_id,
            center=details.center,
            start=details.start,
            selection_kind=details.selection_kind,
            selection_date=selection_date or details.selection_date,
            selection_time=selection_time or details.selection_time,
            selection_place=selection_place or details.selection_place,
            reregistration_deadline=deadline,
        )


def _reason_sentence(reason: str | None) -> str:
    text = " ".join((reason or "").split()).rstrip(" .")
    return f"{text}." if text else ""


def message(
    status: Status,
    run: RunDetails,
    *,
    name: str,
    number: str,
    rank: int | None = None,
    reason: str | None = None,
) -> str:
    """The message for an applicant whose status is now ``status``."""
    name = " ".join(name.split())
    what = f"pelatihan {run.course} (angkatan {run.run_id}), nomor pendaftaran {number}"
    sign = f" Salam, {run.center}." if run.center else ""
    hello = f"Halo {name},"
    if status is Status.INVITED:
        kind = f" ({run.selection_kind})" if run.selection_kind else ""
        when = ""
        if run.selection_date is not None:
            when += f" pada {format_date_long(run.selection_date)}"
            if run.selection_time:
                when += f", pukul {run.selection_time}"
        if run.selection_place:
            when += f", di {run.selection_place}" if when else f" di {run.selection_place}"
        if run.selection_date is not None and run.selection_place:
            detail = f"Anda diundang mengikuti seleksi{kind}{when}."
        elif when:
            detail = (
                f"Anda diundang mengikuti seleksi{kind}{when}. Keterangan lainnya akan kami "
                "kirim segera."
            )
        else:
            detail = (
                f"Anda diundang mengikuti seleksi{kind}. Hari, jam dan tempatnya akan kami "
                "kirim segera."
            )
        return (
            f"{hello} terima kasih sudah mendaftar {what}. {detail} Bawa KTP asli dan dokumen "
            "persyaratan. Mohon balas pesan ini untuk konfirmasi kehadiran." + sign
        )
    if status is Status.ACCEPTED:
        start = (
            f" Pelatihan dimulai {format_date_long(run.start)}." if run.start is not None else ""
        )
        if run.reregistration_deadline is not None:
            confirm = (
                "Lakukan daftar ulang paling lambat "
                f"{format_date_long(run.reregistration_deadline)} dengan membalas pesan ini."
            )
        else:
            confirm = "Lakukan daftar ulang secepatnya dengan membalas pesan ini."
        return (
            f"{hello} selamat! Anda diterima sebagai peserta {what}.{start} {confirm} Bila "
            "tidak daftar ulang, tempat Anda dapat diberikan kepada peserta cadangan." + sign
        )
    if status is Status.RESERVE:
        place = f"peserta cadangan nomor {rank}" if rank is not None else "peserta cadangan"
        return (
            f"{hello} terima kasih sudah mengikuti seleksi {what}. Anda menjadi {place}. Bila "
            "ada peserta yang mengundurkan diri, kami akan menghubungi Anda menurut urutan "
            "cadangan." + sign
        )
    if status is Status.REJECTED:
        why = _reason_sentence(reason)
        why = f" Alasan: {why}" if why else ""
        return (
            f"{hello} terima kasih sudah mengikuti seleksi {what}. Mohon maaf, Anda belum "
            f"diterima di angkatan ini.{why} Anda tetap bisa mendaftar di angkatan atau "
            "pelatihan lain di katalog." + sign
        )
    return f"{hello} status {what}: {status.label}. {NEXT_STEP[status]}" + sign


def followup_message(run: RunDetails, *, name: str, number: str, month: int) -> str:
    """The question to an alumnus ``month`` (3 or 6) months after the run ended; the answers
    are the words of :data:`registrations.outcomes.FOLLOWUP_LABELS`, so the clerk can copy the
    reply into the export."""
    name = " ".join(name.split())
    what = f"pelatihan {run.course} (angkatan {run.run_id}), nomor pendaftaran {number}"
    sign = f" Salam, {run.center}." if run.center else ""
    return (
        f"Halo {name}, {month} bulan lalu Anda menyelesaikan {what}. Kami ingin tahu kabar "
        "Anda sekarang, agar pelatihan berikutnya lebih baik. Mohon balas dengan salah satu: "
        "1. Bekerja, 2. Berwirausaha (punya usaha sendiri), 3. Belum bekerja. Jawaban Anda "
        "hanya dihitung sebagai jumlah dan tidak diumumkan dengan nama. Terima kasih." + sign
    )


def phone_digits(phone: str) -> str | None:
    """The digits wa.me wants (``+6281200000001`` -> ``6281200000001``), or ``None`` for
    something that is not an E.164 number."""
    if phone.startswith("+") and phone[1:].isdigit() and 8 <= len(phone) <= 16:
        return phone[1:]
    return None


def whatsapp_url(phone: str, text: str) -> str | None:
    """The click-to-chat link that opens a chat with ``phone`` (E.164) and ``text`` typed."""
    digits = phone_digits(phone)
    if digits is None:
        return None
    return f"{WA_ME}{digits}?text={quote(text, safe=_SAFE)}"


_FIELD = "\0"  # marks where a per-applicant value goes in a message built by :class:`Links`


class Links:
    """Links for many applicants of one run, as fast as an export needs them."""

    def __init__(self, run: RunDetails) -> None:
        self.run = run
        self._compiled: dict[tuple[Status, bool, bool], list[str]] = {}

    def _parts(self, status: Status, has_rank: bool, has_reason: bool) -> list[str]:
        key = (status, has_rank, has_reason)
        parts = self._compiled.get(key)
        if parts is None:
            text = message(
                status,
                self.run,
                name=f"{_FIELD}name{_FIELD}",
                number=f"{_FIELD}number{_FIELD}",
                rank=f"{_FIELD}rank{_FIELD}" if has_rank else None,  # type: ignore[arg-type]
                reason=f"{_FIELD}reason{_FIELD}" if has_reason else None,
            )
            pieces = text.split(_FIELD)
            # even positions are fixed text (encoded now), odd ones field names
            parts = [
                quote(piece, safe=_SAFE) if i % 2 == 0 else piece for i, piece in enumerate(pieces)
            ]
            self._compiled[key] = parts
        return parts

    def url(
        self,
        phone: str,
        status: Status,
        *,
        name: str,
        number: str,
        rank: int | None = None,
        reason: str | None = None,
    ) -> str | None:
        """Exactly ``whatsapp_url(phone, message(status, run, ...))``."""
        digits = phone_digits(phone)
        if digits is None:
            return None
        reason_text = _reason_sentence(reason) if status is Status.REJECTED else ""
        parts = self._parts(status, rank is not None, bool(reason_text))
        values = {
            "name": " ".join(name.split()),
            "number": number,
            "rank": str(rank),
            "reason": reason_text.removesuffix("."),
        }
        out = [WA_ME, digits, "?text="]
        for i, piece in enumerate(parts):
            out.append(piece if i % 2 == 0 else quote(values[piece], safe=_SAFE))
        return "".join(out)
