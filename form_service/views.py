"""The form's pages: GET shows, POST validates then redirects (303) or re-renders with errors.

Views never touch files: the catalog and queue come from :mod:`form_service.state`, the rules
from :mod:`form_service.registration`.
"""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import generate_csrf
from werkzeug.exceptions import HTTPException

from catalog import eligibility, labels
from catalog.catalog import RunRef
from catalog.dates import format_date_long, format_datetime_wib, format_range
from catalog.status import RunStatus, run_status
from form_service import errors, state
from form_service.forms import RegistrationForm
from registrations.ids import parse_registration_id
from registrations.models import Registration
from registrations.records import applicant_from
from registrations.rules import (
    AlreadyRegistered,
    RegistrationRefused,
    check_applicant,
    is_resubmission,
    make_decide,
    organiser_name,
    run_is_full,
)
from registrations.status import Status
from registrations.store import StoreUnavailable

log = logging.getLogger(__name__)
bp = Blueprint("form", __name__)

MSG_CSRF = "Formulir sudah terlalu lama terbuka. Periksa isian Anda lalu kirim lagi."
MSG_HONEYPOT = (
    "Formulir belum terkirim. Periksa isian Anda lalu tekan tombol Kirim pendaftaran sekali lagi."
)
MSG_QUEUE_DOWN = (
    "Maaf, pendaftaran Anda belum tersimpan karena gangguan di server kami. Isian Anda masih "
    "ada di bawah; coba kirim lagi dalam beberapa menit."
)
MSG_RATE_LIMITED = (
    "Terlalu banyak pendaftaran dari jaringan ini. Isian Anda belum terkirim dan masih ada di "
    "bawah. Tunggu {wait}, lalu tekan Kirim pendaftaran lagi."
)
MSG_RUN_FULL = (
    "Kuota angkatan ini sudah penuh. Anda tetap bisa mendaftar, tetapi masuk daftar tunggu."
)
TOKEN_SLOT = "\x00csrf-token\x00"  # cannot occur in rendered HTML
NEXT_STEPS = {
    "interview": "Petugas akan menghubungi Anda lewat WhatsApp untuk jadwal wawancara.",
    "test": "Petugas akan menghubungi Anda lewat WhatsApp untuk jadwal tes tertulis dan praktik.",
    "administration": (
        "Petugas akan memeriksa data Anda. Hasil seleksi berkas dikabarkan lewat WhatsApp."
    ),
    "first-come": (
        "Peserta dipilih menurut urutan pendaftaran. Petugas akan mengabari Anda lewat WhatsApp."
    ),
}


@bp.app_context_processor
def inject_site_url() -> dict:
    loaded = current_app.extensions.get("katalog")  # computed once, when the catalog loads
    dataset = loaded.catalog.dataset if loaded else None
    return {
        "site_url": current_app.config["SITE_URL"],
        "all_free": bool(loaded and loaded.all_free),
        # the same banner as the site's when the catalog holds example data
        "dataset_notice": dataset.notice if dataset and dataset.example else None,
    }


def find_run_or_404(center: str, course: str, run: str) -> RunRef:
    ref = state.catalog().find_run(f"{center}/{course}/{run}")
    if ref is None:
        abort(404)
    return ref


def summary(ref: RunRef) -> dict:
    """What the form, the closed page and the receipt say about a run."""
    catalog = state.catalog()
    regions = catalog.regions
    run, course, center = ref.run, ref.course, ref.center
    if run.venue is not None:
        venue = run.venue.name
        address = run.venue.address
    else:
        venue = center.name
        address = center.address
    return {
        "run_id": ref.public_id,
        "title": course.title,
        "run_label": f"Angkatan {run.id}",
        "run_number": run.id,
        "center": center.name,
        "organiser": organiser_name(catalog, ref),
        "dates": format_range(run.start, ref.end),
        "schedule": run.schedule,
        "venue": venue,
        "venue_address": address,
        "venue_region": regions.label(ref.village),
        "mode": labels.MODE[course.mode],
        "fee": labels.rupiah(course.fee),
        "quota": run.quota,
        "opens": format_date_long(run.registration.opens),
        "closes": format_date_long(run.registration.closes),
        "selection": labels.SELECTION[course.selection],
        "eligibility": eligibility.describe(course.eligibility, regions),
        "documents": eligibility.documents(course.eligibility),
        "next_step": NEXT_STEPS[course.selection.value],
    }


def configured_form(ref: RunRef) -> RegistrationForm:
    villages = state.state().villages(ref)
    form = RegistrationForm()
    form.configure(
        village_choices=villages.choices,
        village_known=villages.known,
        village_options_html=villages.options_html,
        today=state.today(),
    )
    return form


def run_full(ref: RunRef) -> bool:
    """Whether new registrations for the run go on the waiting list (the counts /api/runs gives).
    When the queue cannot be read the form is still shown, without the notice."""
    if ref.run.applicant_cap is None:
        return False
    try:
        return run_is_full(ref, state.store().counts(ref.public_id))
    except StoreUnavailable as error:
        log.error("counts not available for the form: %s", error)
        return False


def render_form(
    ref: RunRef,
    form: RegistrationForm,
    status: int = 200,
    notice: str | None = None,
    *,
    full: bool | None = None,
):
    return (
        render_template(
            "form.html",
            run=summary(ref),
            form=form,
            errors=form.field_errors(),
            notice=notice,
            full_notice=MSG_RUN_FULL if (run_full(ref) if full is None else full) else None,
            privacy_url=current_app.config["PRIVACY_URL"] or url_for("form.privacy"),
        ),
        status,
    )


def blank_form(ref: RunRef) -> str:
    """The empty form. Everything but the CSRF token is the same for every applicant on a given
    day and state of the run (full or not), so it is rendered once per run, day and state and
    only the token is put in per request."""
    pages = state.state().pages
    today = state.today()
    if pages and next(iter(pages))[1] != today:
        pages.clear()  # keep only today's pages: memory stays flat in a long-running worker
    full = run_full(ref)
    key = (ref.public_id, today, full)
    html = pages.get(key)
    if html is None:
        form = configured_form(ref)
        csrf = getattr(form, "csrf_token", None)
        if csrf is not None:
            csrf.current_token = TOKEN_SLOT
        html = pages[key] = render_form(ref, form, full=full)[0]
    if TOKEN_SLOT in html:
        html = html.replace(TOKEN_SLOT, generate_csrf(), 1)
    return html


@bp.route("/daftar/<center>/<course>/<run>", methods=["GET", "POST"])
def register(center: str, course: str, run: str):
    ref = find_run_or_404(center, course, run)
    status = run_status(ref.run, state.today())
    if status is not RunStatus.OPEN:
        return render_template("closed.html", run=summary(ref), status=status.value), 410
    if request.method != "POST":  # GET and HEAD
        return blank_form(ref)
    form = configured_form(ref)

    form.validate()
    notice = None
    if form.csrf_failed:
        notice = MSG_CSRF
    if form.honeypot_filled:
        # Bots fill every field. Record nothing; a person (whose browser autofilled the hidden
        # field) sees the form again, with the field emptied, and can simply send it again.
        notice = MSG_HONEYPOT
        form.website.data = ""
    # The course's rules run on every answer that passed its own check, so one submission
    # shows every problem: a wrong phone number does not hide a NIK that disagrees.
    nik = None if form.nik.errors else form.parsed_nik
    problems = check_applicant(
        ref,
        form.valid_answers(),
        nik.birth_date if nik else None,
        nik.gender if nik else None,
        state.catalog().regions,
    )
    for name, message in problems.items():
        if not form[name].errors:
            form[name].errors = [message]
    if notice or form.field_errors():
        return render_form(ref, form, 422, notice)

    store = state.store()
    applicant = applicant_from(form.applicant())
    decide = make_decide(
        state.catalog(),
        ref,
        applicant,
        new_id=store.new_registration_id,
        consent_version=current_app.config["CONSENT_VERSION"],
        publish_name=form.publish_name.data,
    )
    try:
        try:
            registration = store.add(decide)
        except AlreadyRegistered as known:
            # Nothing was written. The same form sent again gets the earlier receipt.
            registration = earlier_registration(known, ref.public_id, applicant)
    except RegistrationRefused as refused:
        form[refused.field].errors = [refused.message]
        return render_form(ref, form, 422)
    except StoreUnavailable as error:
        log.error("registration not saved, store unavailable: %s", error)
        return render_form(ref, form, 503, MSG_QUEUE_DOWN)
    remember_receipt(registration.id)
    return redirect(url_for("form.receipt", registration_id=registration.id), 303)


RECEIPTS_KEPT = 5  # registrations whose receipt one browser may open again


def remember_receipt(registration_id: str) -> None:
    """Let this browser (its signed session cookie) open the receipt: the receipt shows the
    applicant's name, and registration numbers appear on public announcements."""
    kept = [rid for rid in session.get("receipts", []) if rid != registration_id]
    session["receipts"] = [*kept, registration_id][-RECEIPTS_KEPT:]


@bp.errorhandler(429)
def rate_limited(error: HTTPException):
    """Too many POSTs from this address (often a shared office Wi-Fi): the form comes back with
    everything typed and how long to wait, instead of a bare error page that loses it all."""
    ref = None
    if request.endpoint == "form.register" and request.method == "POST":
        args = request.view_args or {}
        ref = state.catalog().find_run(f"{args['center']}/{args['course']}/{args['run']}")
    if ref is None or run_status(ref.run, state.today()) is not RunStatus.OPEN:
        return errors.handle_http(error)
    try:
        form = configured_form(ref)  # reads the answers sent, without judging them
    except HTTPException:
        return errors.handle_http(error)  # a body that cannot be read: nothing to keep
    seconds = errors.wait_seconds(error)
    notice = MSG_RATE_LIMITED.format(wait=errors.describe_wait(seconds))
    body, status = render_form(ref, form, 429, notice)
    return body, status, {"Retry-After": str(seconds)}


def earlier_registration(known: AlreadyRegistered, run_id: str, applicant) -> Registration:
    """The applicant's own earlier registration for the run, or re-raise ``known``."""
    for registration_id in known.registration_ids:
        earlier = state.store().get(registration_id)
        if is_resubmission(earlier, run_id, applicant):
            return earlier
    raise known


@bp.get("/daftar/terima/<registration_id>")
def receipt(registration_id: str):
    if parse_registration_id(registration_id) is None:
        abort(404)
    if registration_id not in session.get("receipts", []):
        # Another browser (or someone who read the number on a public list): the status page
        # answers with the number and the applicant's birth date, and shows no name.
        return redirect(url_for("status.lookup", nomor=registration_id), 303)
    try:
        registration = state.store().get(registration_id)
    except StoreUnavailable as error:
        log.error("receipt not shown, store unavailable: %s", error)
        abort(503)
    if registration is None:
        abort(404)
    ref = state.catalog().find_run(registration.run_id)
    return (
        render_template(
            "receipt.html",
            registration=registration,
            run=summary(ref) if ref else None,
            full_name=registration.applicant.full_name,
            status_label=registration.initial_status.label,
            waitlist=registration.initial_status is Status.WAITLIST,
            received=format_datetime_wib(registration.received_at),
        ),
        200,
        {"X-Robots-Tag": "noindex"},
    )


@bp.get("/api/runs/<center>/<course>/<run>")
def run_api(center: str, course: str, run: str):
    ref = state.catalog().find_run(f"{center}/{course}/{run}")
    if ref is None:
        response = jsonify({"error": "angkatan tidak ditemukan"})
        response.status_code = 404
    else:
        try:
            counts = state.store().counts(ref.public_id)
        except StoreUnavailable as error:
            log.error("counts not available: %s", error)
            abort(503)
        response = jsonify(
            {
                "status": run_status(ref.run, state.today()).value,
                "quota": ref.run.quota,
                "registered": counts.registered,
                "waitlist": counts.waitlist,
                "opens": ref.run.registration.opens.isoformat(),
                "closes": ref.run.registration.closes.isoformat(),
            }
        )
        response.headers["Cache-Control"] = "public, max-age=60"
    response.headers["Access-Control-Allow-Origin"] = site_origin()
    response.headers["Vary"] = "Origin"
    return response


@bp.get("/daftar/privasi")
def privacy():
    config = current_app.config
    return render_template(
        "privacy.html",
        version=config["CONSENT_VERSION"],
        retention_months=config["RETENTION_MONTHS"],
    )


@bp.get("/healthz")
def healthz():
    headers = {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
    problem = state.store_problem()
    if problem is not None:
        return problem, 503, headers
    return "ok", 200, headers


def site_origin() -> str:
    """The catalogue's origin for CORS, or ``*`` when the site URL is relative."""
    url = current_app.config["SITE_URL"]
    if "://" not in url:
        return "*"
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.split('/', 1)[0]}"
