"""Requests the form never expects are refused with a 400 page in Indonesian, never a 500.

The form posts ``application/x-www-form-urlencoded`` (browsers) with text fields only. A body of
another type, a multipart body carrying files, or one that cannot be read as a form is refused
before any view sees it, so nothing unusual reaches a form class, the store or an export.
"""

from __future__ import annotations

from flask import Flask, abort, request

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def init_app(app: Flask) -> None:
    app.before_request(refuse_unexpected_bodies)


def refuse_unexpected_bodies() -> None:
    if request.method != "POST":
        return
    if request.mimetype not in FORM_TYPES:
        abort(400)
    if request.files:  # a file part where only text is expected
        abort(400)
    if request.content_length and not request.form:
        abort(400)  # a body that is not a readable form (e.g. not UTF-8)
