"""The static site's Content-Security-Policy (deploy/nginx/static-headers.conf) blocks nothing the
site itself needs: Chromium loads pages from nginx and reports no violation."""

from __future__ import annotations

import pytest

from tests.deploy.stack import SERVER_NAME, Client, Stack

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_site_runs_under_its_csp_without_violations(chromium, stack: Stack, client: Client):
    context = chromium.new_context()
    requested: list[str] = []

    def through_nginx(route) -> None:
        request = route.request
        path = request.url.split(SERVER_NAME, 1)[1] if SERVER_NAME in request.url else None
        if path is None:
            route.abort()  # nothing leaves the machine
            return
        requested.append(path)
        body = request.post_data_buffer
        answer = client.request(request.method, path, body=body)
        route.fulfill(
            status=answer.status,
            headers={name: value for name, value in answer.headers.items()},
            body=answer.body,
        )

    context.route("**/*", through_nginx)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        for path in ("/", "/kursus/blk-contoh/tata-boga/", "/kalender/"):
            response = page.goto(f"https://{SERVER_NAME}{path}", wait_until="networkidle")
            assert response is not None and response.status == 200, path
            assert "script-src 'self'" in response.headers["content-security-policy"]
        page.goto(f"https://{SERVER_NAME}/", wait_until="networkidle")
        search = page.locator("input[type=search], .md-search__input").first
        if search.count():
            search.click()
            search.fill("boga")
            page.wait_for_timeout(1000)
    finally:
        context.close()
    csp = [p for p in problems if "Content Security Policy" in p or "violates" in p]
    assert csp == [], csp
    assert any(p.startswith("/assets/") for p in requested)
