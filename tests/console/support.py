"""An officer's browser without a browser: httpx with cookies, reading the CSRF token from each form."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from tornado.testing import bind_unused_port

from bot.app.http import make_server
from bot.app.services import Services
from bot.console.accounts import Accounts, Role

TOKEN = re.compile(r'name="_xsrf" value="([^"]+)"')
NEW_PASSWORD = "kantor-cabang-pekanbaru"
OPEN: list[Browser] = []  # closed when the server stops


@asynccontextmanager
async def console_server(services: Services, *, secure: bool = False) -> AsyncIterator[str]:
    """The bot's HTTP server with the console, on a free port; yields its base URL."""
    console = services.console()
    console.secure_cookies = secure
    server = make_server(services.payments, None, None, None, console=console)
    sock, port = bind_unused_port()
    server.add_sockets([sock])
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for browser in OPEN:
            await browser.client.aclose()
        OPEN.clear()
        server.stop()
        await server.close_all_connections()
        for task in list(console.tasks):
            await task


class Browser:
    """Cookies kept; forms posted with the token of the page they came from."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.client = httpx.AsyncClient(base_url=base, follow_redirects=False, timeout=30)
        self.token = ""
        OPEN.append(self)

    async def get(self, path: str, **options: object) -> httpx.Response:
        response = await self.client.get(path, **options)  # type: ignore[arg-type]
        if found := TOKEN.search(response.text):
            self.token = found.group(1)
        return response

    async def post(
        self, path: str, data: dict | None = None, *, token: bool = True, **options: object
    ) -> httpx.Response:
        form = dict(data or {})
        if token:
            form["_xsrf"] = self.token
        return await self.client.post(path, data=form, **options)  # type: ignore[arg-type]

    async def login(self, name: str, password: str) -> httpx.Response:
        await self.get("/konsol/login")
        return await self.post("/konsol/login", {"nama": name, "sandi": password})

    async def close(self) -> None:
        await self.client.aclose()


async def account(services: Services, name: str, role: Role, base: str) -> Browser:
    """Create an account, log in with its one-time password and change it: a browser ready to work."""
    once = await Accounts(services.db, services.clock).add(name, role)
    browser = Browser(base)
    response = await browser.login(name, once)
    assert response.headers["location"] == "/konsol/sandi"
    await browser.get("/konsol/sandi")
    changed = await browser.post("/konsol/sandi", {"lama": once, "baru": NEW_PASSWORD})
    assert changed.status_code == 302, changed.text
    return browser
