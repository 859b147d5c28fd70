"""The static site's Content-Security-Policy (deploy/nginx/static-headers.conf) blocks nothing the
site itself needs: Chromium loads pages from nginx, searches through the header box (Pagefind
compiles WebAssembly, which needs 'wasm-unsafe-eval') and reports no violation."""

from __future__ import annotations

import pytest

from tests.deploy.stack import SERVER_NAME, Client, Stack

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WASM = "'wasm-unsafe-eval'"
COURSE = "/kursus/blk-contoh/tata-boga/"


def browse(chromium, client: Client, *, strip_wasm: bool = False):  # type: ignore[no-untyped-def]
    """A phone-sized page whose every request goes to nginx; returns (context, page, requested
    paths, console errors). With strip_wasm, the CSP loses 'wasm-unsafe-eval' on the way."""
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    requested: list[str] = []

    def through_nginx(route) -> None:  # type: ignore[no-untyped-def]
        request = route.request
        path = request.url.split(SERVER_NAME, 1)[1] if SERVER_NAME in request.url else None
        if path is None:
            route.abort()  # nothing leaves the machine
            return
        requested.append(path)
        answer = client.request(request.method, path, body=request.post_data_buffer)
        headers = dict(answer.headers.items())
        if strip_wasm:
            for name in headers:
                if name.lower() == "content-security-policy":
                    headers[name] = headers[name].replace(" " + WASM, "")
        route.fulfill(status=answer.status, headers=headers, body=answer.body)

    context.route("**/*", through_nginx)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return context, page, requested, problems


def search(page, query: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("#pencarian-q")
    box.click()
    box.press_sequentially(query, delay=20)


def violations(problems: list[str]) -> list[str]:
    return [p for p in problems if "Content Security Policy" in p or "violates" in p]


def test_the_site_and_its_search_run_under_the_csp_without_violations(
    chromium,  # type: ignore[no-untyped-def]
    stack: Stack,
    client: Client,
) -> None:
    context, page, requested, problems = browse(chromium, client)
    try:
        for path in ("/", COURSE, "/kalender/", "/pelatihan/"):
            response = page.goto(f"https://{SERVER_NAME}{path}", wait_until="networkidle")
            assert response is not None and response.status == 200, path
            assert f"script-src 'self' {WASM};" in response.headers["content-security-policy"]
        assert not [p for p in requested if p.startswith("/pagefind/")]  # not in a first load
        page.goto(f"https://{SERVER_NAME}/", wait_until="networkidle")
        search(page, "boga")
        link = page.locator(f"a.pencarian-hasil__judul[href='{COURSE}']")
        result = page.locator("#pencarian-hasil .pencarian-hasil__satu", has=link)
        result.wait_for(state="visible", timeout=15000)
        shown = result.inner_text()
        assert "Pusat: BLK Contoh" in shown
        assert "Kecamatan: Tangerang" in shown
    finally:
        context.close()
    assert violations(problems) == []
    assert any(p.startswith("/assets/") for p in requested)
    assert any(p.startswith("/pagefind/wasm.") for p in requested)


def test_without_wasm_unsafe_eval_the_search_fails(chromium, stack: Stack, client: Client) -> None:  # type: ignore[no-untyped-def]
    """The test above can fail: the same search under the CSP less 'wasm-unsafe-eval' is
    blocked by Chromium and finds nothing."""
    context, page, _requested, problems = browse(chromium, client, strip_wasm=True)
    try:
        page.goto(f"https://{SERVER_NAME}/", wait_until="networkidle")
        search(page, "boga")
        page.wait_for_timeout(3000)
        assert page.locator("#pencarian-hasil a.pencarian-hasil__judul").count() == 0
        assert page.locator("#pencarian-hasil .pencarian-hasil__jumlah").inner_text() == (
            "Pencarian tidak dapat dimuat. Tekan Cari untuk membuka daftar semua pelatihan."
        )
    finally:
        context.close()
    assert violations(problems) != []
