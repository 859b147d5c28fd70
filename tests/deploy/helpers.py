"""Applicants and raw requests for the deployment tests."""

from __future__ import annotations

import socket

from tests.deploy.stack import RUN_PATH, SERVER_NAME, Client, Stack, csrf_token
from tests.form_service.app_fixtures import valid_answers


def applicant(n: int, **changes: str) -> dict[str, str]:
    """A valid, obviously fake applicant for blk-contoh/tata-boga/2027-1 (tests/sample_data.py):
    NIK of a man born 17 Aug 1995 in Kota Tangerang with serial ``n``."""
    person = {
        "full_name": f"Contoh Pendaftar {n:04d}",
        "nik": f"367101170895{n:04d}",
        "phone": f"0812-7000-{n:04d}",
    }
    return valid_answers(**{**person, **changes})


def register(client: Client, answers: dict[str, str]):
    """GET the form, POST it with its CSRF token; returns (form response, POST response)."""
    form = client.get(RUN_PATH)
    assert form.status == 200, form.text[:500]
    posted = client.post_form(RUN_PATH, {**answers, "csrf_token": csrf_token(form.text)})
    return form, posted


def tls_socket(stack: Stack, address: str, timeout: float = 10.0):
    raw = socket.create_connection(("127.0.0.1", stack.https_port), timeout, (address, 0))
    return stack.tls.wrap_socket(raw, server_hostname=SERVER_NAME)


def raw_exchange(stack: Stack, address: str, data: bytes) -> bytes:
    """Send ``data`` as one request (nginx may answer and stop reading half-way) and return
    everything nginx answered."""
    with tls_socket(stack, address) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass  # nginx refused the rest of the body: its answer is what matters
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
                if b"\r\n\r\n" in answer and len(answer) > 200:
                    break
        except OSError:
            pass
    return answer
