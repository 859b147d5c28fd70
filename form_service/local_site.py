"""One WSGI app for local use: the built static site and the form on the same port.

In production a reverse proxy serves the site and sends only the form's paths to gunicorn
(docs/produksi.md); locally ``katalog serve`` does both with this small dispatcher.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path

from werkzeug.security import safe_join
from werkzeug.utils import redirect, send_file
from werkzeug.wrappers import Request, Response

from form_service.static_headers import static_headers

# Paths the Flask app answers; everything else comes from the site folder.
APP_PREFIXES = ("/daftar/", "/api/")
APP_PATHS = ("/healthz",)


class SiteAndForm:
    def __init__(self, site_dir: str | Path, app) -> None:
        self.site_dir = Path(site_dir).resolve()
        self.app = app
        # The same headers nginx adds to the site's pages (deploy/nginx/static-headers.conf).
        self.headers = static_headers()

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or "/"
        if path.startswith(APP_PREFIXES) or path in APP_PATHS:
            return self.app(environ, start_response)
        response = self.static(Request(environ))
        response.headers.update(self.headers)
        return response(environ, start_response)

    def static(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response("Metode tidak diizinkan.", 405, {"Allow": "GET, HEAD"})
        rel = request.path.lstrip("/")
        joined = safe_join(str(self.site_dir), rel) if rel else str(self.site_dir)
        if joined is not None:
            target = Path(joined)
            if target.is_dir():
                if not request.path.endswith("/"):
                    query = request.query_string.decode("latin-1")
                    return redirect(request.path + "/" + (f"?{query}" if query else ""), 301)
                target = target / "index.html"
            if target.is_file():
                return self.file(request, target, 200)
        not_found = self.site_dir / "404.html"
        if not_found.is_file():
            return self.file(request, not_found, 404)
        return Response("Halaman tidak ditemukan.", 404, mimetype="text/plain")

    @staticmethod
    def file(request: Request, path: Path, status: int) -> Response:
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if status != 200:
            response = Response(path.read_bytes(), status, mimetype=mimetype)
            return response
        return send_file(path, request.environ, mimetype=mimetype, max_age=0)
