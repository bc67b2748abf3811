"""Logging in, out, and changing the password: sessions and their cookie."""

from __future__ import annotations

from bot.console.accounts import Outcome
from bot.console.web import COOKIE, WIB, Page


class LoginPage(Page):
    """`/konsol/login`."""

    login_required = False

    def get(self) -> None:  # noqa: D102
        if self.officer is not None:
            self.redirect("/konsol/")
            return
        self.render_page("login.html", "login", self._("Masuk"), name="")

    async def post(self) -> None:  # noqa: D102
        name = self.get_body_argument("nama", "").strip()[:60]
        password = self.get_body_argument("sandi", "")[:200]
        login = await self.console.accounts.login(name, password)
        if login.outcome is Outcome.LOCKED:
            until = (login.locked_until or self.now()).astimezone(WIB)
            notice = self._(
                "Terlalu banyak kata sandi salah. Akun dikunci 15 menit, sampai {until} WIB.",
                until=f"{until:%H:%M}",
            )
            self.render_page(
                "login.html", "login", self._("Masuk"), 429, name=name, notice=notice, notice_error=True
            )
            return
        if login.outcome is Outcome.WRONG or login.token is None or login.officer is None:
            notice = self._("Nama pengguna atau kata sandi salah.")
            self.render_page(
                "login.html", "login", self._("Masuk"), 401, name=name, notice=notice, notice_error=True
            )
            return
        # A new session token at every login: a cookie planted before login is never the session.
        self.clear_cookie(COOKIE, path="/konsol")
        self.set_session_cookie(login.token)
        self.redirect("/konsol/sandi" if login.officer.must_change else "/konsol/")

    def set_session_cookie(self, token: str) -> None:
        """The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS, only for /konsol."""
        self.set_cookie(
            COOKIE,
            token,
            path="/konsol",
            httponly=True,
            samesite="Strict",
            secure=self.console.secure_cookies,
        )


class LogoutPage(Page):
    """`POST /konsol/keluar`."""

    login_required = False

    async def post(self) -> None:  # noqa: D102
        await self.console.accounts.logout(self.get_cookie(COOKIE))
        self.clear_cookie(COOKIE, path="/konsol")
        self.redirect("/konsol/login")


class PasswordPage(LoginPage):
    """`/konsol/sandi`: change the password (forced after a one-time password)."""

    login_required = True
    password_page = True

    def get(self) -> None:  # noqa: D102
        self.render_page("password.html", "password", self._("Ganti kata sandi"))

    async def post(self) -> None:  # noqa: D102
        assert self.officer is not None, "login_required"
        old, new = self.get_body_argument("lama", ""), self.get_body_argument("baru", "")
        token = await self.console.accounts.change_password(self.officer, old[:200], new[:200])
        if token is None:
            notice = self._(
                "Kata sandi sekarang salah, atau kata sandi baru kurang dari 10 karakter atau sama."
            )
            self.render_page(
                "password.html", "password", self._("Ganti kata sandi"), 400, notice=notice, notice_error=True
            )
            return
        self.set_session_cookie(token)
        self.redirect("/konsol/")
