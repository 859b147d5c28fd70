"""Fixtures for the registrations tests: the same obviously fake records and queue path as the
form service tests (one factory, so both packages agree on what a stored record looks like)."""

from __future__ import annotations

from tests.form_service.conftest import qf, queue_path  # noqa: F401
