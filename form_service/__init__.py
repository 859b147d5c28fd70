"""The registration form service (Flask).

``create_app()`` is the app factory; gunicorn runs it as ``gunicorn 'form_service:create_app()'``.
Configuration comes from ``KATALOG_*`` environment variables (see :mod:`form_service.config`),
or from ``test_config`` instead when tests pass one.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the staff commands import registrations without loading Flask
    from flask import Flask

__all__ = ["create_app"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    from flask import Flask

    from form_service import (
        config,
        errors,
        request_checks,
        security,
        sessions,
        state,
        status_page,
        views,
    )

    app = Flask(__name__, static_url_path="/daftar/static")
    app.jinja_env.add_extension("jinja2.ext.do")
    app.session_interface = sessions.SessionInterface()
    config.load_config(app, test_config)
    state.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    request_checks.init_app(app)
    app.register_blueprint(views.bp)
    status_page.init_app(app)
    if not app.testing:
        # The catalog, regions and templates just loaded live as long as the process. Without
        # this, every full garbage collection (about one per thousand registrations) walks all
        # of them again: ~0.1 ms per registration (benchmarks/profile_form.py). Tests make
        # many apps in one process and keep collecting normally.
        gc.freeze()
    return app
