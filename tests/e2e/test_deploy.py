"""The deploy files, checked as far as this machine can: no container daemon and no systemd run here.

- the systemd unit passes `systemd-analyze verify` with no warning (its paths pointed at this checkout);
- the Dockerfile's build step is run as written (a clean venv, `pip install .`), then its ENTRYPOINT and
  CMD are started with its ENV, and its HEALTHCHECK command answers; the catalogs are compiled in it;
- the compose file starts the migrations before the bot, and every variable it sets is a documented one.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.support.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def dockerfile() -> dict[str, object]:
    """The final stage's instructions that matter here: FROM, ENV, USER, HEALTHCHECK, ENTRYPOINT, CMD."""
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    final = lines[max(i for i, line in enumerate(lines) if line.startswith("FROM ")) :]
    found: dict[str, object] = {"FROM": final[0].split()[1], "ENV": {}}
    for line in final[1:]:
        word, _, rest = line.partition(" ")
        if word == "ENV":
            found["ENV"] = dict(pair.split("=", 1) for pair in shlex.split(rest))
        elif word in ("ENTRYPOINT", "CMD", "USER", "WORKDIR"):
            found[word] = json.loads(rest) if rest.startswith("[") else rest
        elif word == "HEALTHCHECK":
            found[word] = json.loads(rest[rest.index("CMD ") + 4 :])
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_systemd_unit_verifies_without_a_warning(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    unit = (DEPLOY / "bpu-bot.service").read_text()
    assert "ProtectSystem=strict" in unit
    assert "StateDirectory=bpu-bot" in unit
    assert re.search(r"^User=bpu-bot$", unit, re.M)
    assert unit.index("ExecStartPre=/opt/bpu-bot/venv/bin/bpu-bot db upgrade") < unit.index("ExecStart=")
    here = tmp_path / "bpu-bot.service"
    here.write_text(
        unit.replace("/opt/bpu-bot/venv/bin/bpu-bot", str(Path(sys.executable).parent / "bpu-bot"))
    )
    verified = subprocess.run(["systemd-analyze", "verify", str(here)], capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert verified.stderr.strip() == ""  # a misspelt setting is only a warning: none here


@pytest.mark.slow
def test_the_images_entrypoint_runs_from_a_clean_venv_and_its_healthcheck_answers(tmp_path: Path) -> None:
    image = dockerfile()
    assert str(image["FROM"]).endswith("-slim")
    assert image["USER"] not in ("root", "0")
    assert image["ENTRYPOINT"] == ["bpu-bot"]
    assert image["CMD"] == ["run"]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT)], capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    catalogs = list((venv / "lib").glob("python3*/site-packages/locales/*/LC_MESSAGES/messages.mo"))
    assert len(catalogs) == 2  # id and en, compiled while the wheel was built

    workdir = tmp_path / "var-lib-bpu-bot"
    workdir.mkdir()
    port = free_port()
    with FakeBotApi() as api:
        env = {
            "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",  # the image puts the venv first on PATH
            **image["ENV"],  # type: ignore[dict-item]
            "HTTP_HOST": "127.0.0.1",
            "HTTP_PORT": str(port),
            "TELEGRAM_BOT_TOKEN": "123456:TEST-TOKEN",
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_FILE_URL": api.base_url.replace("/bot", "/file/bot"),
        }
        command = [str(venv / "bin" / image["ENTRYPOINT"][0]), *image["CMD"]]  # type: ignore[index]
        log = (tmp_path / "bot.log").open("wb")
        bot = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            healthcheck = image["HEALTHCHECK"]
            assert healthcheck[0] == "python"  # type: ignore[index]
            probe = [str(venv / "bin" / "python"), *healthcheck[1:]]  # type: ignore[index]
            deadline = time.monotonic() + 60
            while True:
                answered = subprocess.run(probe, env=env, capture_output=True, timeout=10)
                if answered.returncode == 0 or time.monotonic() > deadline:
                    break
                assert bot.poll() is None, (tmp_path / "bot.log").read_text()
                time.sleep(0.5)
            assert answered.returncode == 0, (tmp_path / "bot.log").read_text()
            fetch = f"import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:{port}/konsol/login').read())"
            # The branch console, served by the same process from the installed package's templates.
            login = subprocess.run(
                [str(venv / "bin" / "python"), "-c", fetch], capture_output=True, text=True
            )
            assert "Konsol kantor cabang" in login.stdout, login.stderr
            api.push(api.factory.text(7001, "/start"))
            said = api.wait_for_texts(7001, 1, timeout=30)
            assert said[0].startswith("Halo! Saya asisten pendaftaran")  # the compiled catalog speaks
        finally:
            bot.send_signal(signal.SIGTERM)
            code = bot.wait(timeout=30)
            log.close()
    assert code == 0, (tmp_path / "bot.log").read_text()
    lines = (tmp_path / "bot.log").read_text().splitlines()
    assert all(json.loads(line)["level"] for line in lines)  # LOG_FORMAT=json, as the image sets
    assert (workdir / "var" / "bpu-bot.sqlite3").exists()  # state in the working directory (the volume)


def test_the_compose_file_migrates_before_the_bot_and_sets_only_documented_variables() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["bot"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["bot"]["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)`", readme, re.M)) | {
        name for names in re.findall(r"^\| `([A-Z_]+)`, `([A-Z_]+)`", readme, re.M) for name in names
    }
    for service in ("migrate", "bot"):
        assert set(services[service]["environment"]) <= documented
    example = (DEPLOY / "env.example").read_text()
    assert set(re.findall(r"^([A-Z_]+)=", example, re.M)) <= documented
