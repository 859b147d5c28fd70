"""The systemd units in deploy/systemd/ are valid and start commands that exist."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.stack import DEPLOY, REPO, VENV_BIN

UNITS = DEPLOY / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((UNITS / name).read_text("utf-8"))
    return parser


def command(name: str) -> list[str]:
    return shlex.split(unit(name)["Service"]["ExecStart"])


def test_the_form_service_is_hardened_and_runs_gunicorn_with_the_deploy_config():
    service = unit("katalog-form.service")["Service"]
    for key, value in {
        "User": "katalog",
        "ProtectSystem": "strict",
        "ReadWritePaths": "/var/lib/katalog",
        "PrivateTmp": "true",
        "NoNewPrivileges": "true",
        "EnvironmentFile": "/etc/katalog/form.env",
        "UMask": "0077",
    }.items():
        assert service[key] == value, key
    argv = command("katalog-form.service")
    assert argv[0] == "/srv/katalog/.venv/bin/gunicorn"
    assert argv[1:3] == ["-c", "/srv/katalog/deploy/gunicorn.conf.py"]
    assert argv[-1] == "form_service:create_app()"
    assert "--preload" not in argv


def test_the_purge_runs_daily_with_a_valid_command():
    from form_service.staff_cli import queue

    timer = unit("katalog-purge.timer")
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* ")
    assert timer["Install"]["WantedBy"] == "timers.target"
    argv = command("katalog-purge.service")
    assert argv == ["/srv/katalog/.venv/bin/katalog", "queue", "purge", "--expired", "--yes"]
    purge = queue.commands["purge"]
    context = purge.make_context("purge", argv[3:])  # raises on an unknown option
    assert context.params["expired"] is True and context.params["yes"] is True
    assert unit("katalog-purge.service")["Service"]["User"] == "katalog"


def test_the_gunicorn_settings_load_and_say_what_the_design_asks():
    from gunicorn.config import Config

    settings: dict = {}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text("utf-8"), "gunicorn.conf.py", "exec"),
         settings)  # fmt: skip
    config = Config()
    for key, value in settings.items():
        if key in config.settings:
            config.set(key, value)
    assert config.bind == ["127.0.0.1:8001"]
    assert config.worker_class_str == "sync"
    assert 2 <= config.workers <= 8
    assert config.preload_app is False
    assert config.accesslog is None
    assert config.secure_scheme_headers == {} and config.forwarder_headers == []


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_accepts_the_units(tmp_path: Path):
    """``systemd-analyze verify`` on copies whose paths point at this checkout and its venv."""
    for path in UNITS.iterdir():
        text = path.read_text("utf-8").replace("/srv/katalog/.venv/bin/", f"{VENV_BIN}/")
        (tmp_path / path.name).write_text(text.replace("/srv/katalog", str(REPO)), "utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    problems = [line for line in result.stderr.splitlines() if "katalog" in line]
    assert result.returncode == 0 and problems == [], result.stderr
