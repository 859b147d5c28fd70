"""``/daftar/status``: an applicant reads their own status with registration number + birth date.

A wrong number and a wrong birth date get the same answer, so neither can be probed; the POST is
limited per client (the app's default limit) and per registration number (``STATUS_RATELIMIT``),
so nobody can try birth dates for one number. Pages are never cached (``no-store``) and need no
JavaScript. The number travels in the POST body, never in a URL a log or a browser history keeps.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, current_app, render_template, request
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import ValidationError

from catalog.dates import format_datetime_wib
from form_service import state
from form_service.forms import parse_birth_date, strip
from registrations.ids import normalise_registration_id, parse_registration_id
from registrations.status import NEXT_STEP, Status
from registrations.store import StoreUnavailable

log = logging.getLogger(__name__)
bp = Blueprint("status", __name__)

MSG_NUMBER_EMPTY = "Nomor pendaftaran belum diisi. Contoh: KP-7K3M-Q9TX-4HBW."
MSG_NUMBER_FORMAT = (
    "Nomor pendaftaran ditulis seperti KP-7K3M-Q9TX-4HBW (12 huruf dan angka sesudah KP). "
    "Lihat bukti pendaftaran Anda."
)
MSG_NOT_FOUND = (
    "Nomor pendaftaran dan tanggal lahir ini tidak cocok dengan pendaftaran mana pun. Periksa "
    "keduanya di bukti pendaftaran Anda, lalu coba lagi."
)
MSG_OTHER_BROWSER = (
    "Bukti pendaftaran hanya bisa dibuka lagi di perangkat yang dipakai untuk mendaftar. Di sini "
    "Anda bisa melihat status pendaftaran dengan nomor dan tanggal lahir."
)
MSG_DOWN = "Maaf, status belum bisa dilihat karena gangguan di server kami. Coba lagi nanti."
NO_STORE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


class StatusForm(FlaskForm):
    number = StringField("Nomor pendaftaran", filters=[strip])
    birth_date = StringField("Tanggal lahir", filters=[strip])

    def validate_number(self, field: StringField) -> None:
        if not field.data:
            raise ValidationError(MSG_NUMBER_EMPTY)
        normal = normalise_registration_id(field.data)
        if parse_registration_id(normal) is None:
            raise ValidationError(MSG_NUMBER_FORMAT)
        self.normal_number = normal

    def validate_birth_date(self, field: StringField) -> None:
        self.parsed_birth_date = parse_birth_date(field.data or "", state.today())

    def field_errors(self) -> dict[str, str]:
        return {name: f.errors[0] for name, f in self._fields.items() if f.errors}


def number_key() -> str:
    """The per-number limit's key: the number as typed, normalised (or the client address)."""
    typed = request.form.get("number", "")
    normal = normalise_registration_id(typed)
    return "status:" + (
        normal if parse_registration_id(normal) is not None else request.remote_addr or ""
    )


@bp.route("/daftar/status", methods=["GET", "POST"])
def lookup():
    form = StatusForm()
    if request.method != "POST":  # GET and HEAD
        number = request.args.get("nomor", "")
        notice = None
        if number:  # from a receipt link opened in another browser
            form.number.data = normalise_registration_id(number)[:40]
            notice = MSG_OTHER_BROWSER
        return render_template("status.html", form=form, errors={}, notice=notice), 200, NO_STORE
    if not form.validate():
        notice = None
        if "csrf_token" in form.errors:
            notice = "Halaman sudah terlalu lama terbuka. Isi lagi lalu tekan Lihat status."
        return (
            render_template("status.html", form=form, errors=form.field_errors(), notice=notice),
            422,
            NO_STORE,
        )
    try:
        registration = state.store().get(form.normal_number)
    except StoreUnavailable as error:
        log.error("status not shown, store unavailable: %s", error)
        return render_template("status.html", form=form, errors={}, notice=MSG_DOWN), 503, NO_STORE
    if registration is None or registration.applicant.birth_date != form.parsed_birth_date:
        return (
            render_template("status.html", form=form, errors={}, notice=MSG_NOT_FOUND),
            200,
            NO_STORE,
        )
    ref = state.catalog().find_run(registration.run_id)
    status = registration.status
    result = {
        "number": registration.id,
        "label": status.label,
        "next_step": NEXT_STEP[status],
        "changed": format_datetime_wib(registration.changed_at),
        "title": ref.course.title if ref else None,
        "run_label": f"Angkatan {ref.run.id}" if ref else registration.run_id,
        "center": ref.center.name if ref else None,
        "rank": registration.reserve_rank,
        "reason": registration.events[-1].reason if status is Status.REJECTED else None,
        "tone": _tone(status),
    }
    return render_template("status_result.html", result=result), 200, NO_STORE


def _tone(status: Status) -> str:
    if status in (Status.ACCEPTED, Status.PASSED, Status.CERTIFIED, Status.ATTENDING):
        return "good"
    if status in (Status.REJECTED, Status.FAILED, Status.WITHDRAWN):
        return "closed"
    return "waiting"


def init_app(app: Flask) -> None:
    """Register the page with its per-number limit on POST (beside the per-client default)."""
    for limiter in app.extensions.get("limiter") or ():
        # Decorating a blueprint records the limit on this app's limiter (returns None).
        limiter.limit(
            lambda: current_app.config["STATUS_RATELIMIT"],
            key_func=number_key,
            methods=["POST"],
            scope="status-number",
            override_defaults=False,
        )(bp)
    app.register_blueprint(bp)
