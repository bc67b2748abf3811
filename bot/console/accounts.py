"""Officer accounts: one-time passwords, argon2 hashes, lockout after wrong passwords, idle sessions.

Used by `bpu-bot operators …` and by the console's login. A session cookie carries a random token; the
database keeps only its SHA-256, and a new token is issued at every login (no session fixation).
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storage.db import Database
from storage.repositories.officers import OfficerRepository, aware

LOCK_AFTER = 5  # wrong passwords …
LOCK_WINDOW = timedelta(minutes=15)  # … within this long …
LOCK_FOR = timedelta(minutes=15)  # … lock the account this long
IDLE = timedelta(hours=8)
MIN_PASSWORD = 10
HASHER = PasswordHasher()  # argon2id with the library's current defaults


class Role(StrEnum):
    """A viewer sees; an officer also changes."""

    OFFICER = "officer"
    VIEWER = "viewer"


@dataclass(frozen=True)
class Officer:
    """Who is logged in."""

    id: int
    name: str
    role: Role
    must_change: bool

    @property
    def may_change(self) -> bool:
        """Whether this account may change anything."""
        return self.role is Role.OFFICER


class Outcome(StrEnum):
    """What a login attempt came to."""

    OK = "ok"
    WRONG = "wrong"  # unknown name or wrong password: the same answer for both
    LOCKED = "locked"


@dataclass(frozen=True)
class Login:
    """A login's outcome; with OK, the new session's token and the account."""

    outcome: Outcome
    token: str | None = None
    officer: Officer | None = None
    locked_until: datetime | None = None


def digest(token: str) -> str:
    """Return what the database keeps of a session token."""
    return hashlib.sha256(token.encode()).hexdigest()


def one_time_password() -> str:
    """Return a password to hand over once (changed at first login)."""
    return secrets.token_urlsafe(12)


class AccountError(ValueError):
    """An account command that cannot be done; the message says why."""


class Accounts:
    """Accounts and sessions over the database, on a clock."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    async def add(self, name: str, role: Role) -> str:
        """Create an account; return its one-time password."""
        name = name.strip()
        if not name or len(name) > 60 or not name.isprintable():
            raise AccountError("a name of 1 to 60 printable characters")
        password = one_time_password()
        hashed = await asyncio.to_thread(HASHER.hash, password)
        now = self.clock()

        def create(session: object) -> bool:
            repo = OfficerRepository(session)  # type: ignore[arg-type]
            if repo.by_name(name) is not None:
                return False
            repo.add(name, role.value, hashed, now)
            repo.audit("bpu-bot operators", "operator.add", name, now, after=role.value)
            return True

        if not await self.db.run(create):
            raise AccountError(f"an account called {name!r} exists")
        return password

    async def disable(self, name: str) -> None:
        """Disable an account and end its sessions."""
        now = self.clock()

        def disable(session: object) -> bool:
            repo = OfficerRepository(session)  # type: ignore[arg-type]
            found = repo.by_name(name)
            if found is None:
                return False
            found.disabled = True
            repo.close_sessions_of(found.id)
            repo.audit("bpu-bot operators", "operator.disable", name, now, before="enabled", after="disabled")
            return True

        if not await self.db.run(disable):
            raise AccountError(f"no account called {name!r}")

    async def login(self, name: str, password: str) -> Login:
        """Check a password; count a wrong one; open a new session for a right one."""
        now = self.clock()
        found = await self.db.run(lambda s: _account(s, name))
        if found is None:
            await asyncio.to_thread(_waste_time, password)  # the same time as a real check
            return Login(Outcome.WRONG)
        operator_id, hashed, locked_until = found
        if locked_until is not None and locked_until > now:
            return Login(Outcome.LOCKED, locked_until=locked_until)
        right = await asyncio.to_thread(_verify, hashed, password)

        def record(session: object) -> Login:
            repo = OfficerRepository(session)  # type: ignore[arg-type]
            operator = repo.by_name(name)
            assert operator is not None, "found above"
            if not right:
                repo.fail(operator.id, now)
                if repo.failures_since(operator.id, now - LOCK_WINDOW) >= LOCK_AFTER:
                    operator.locked_until = now + LOCK_FOR
                    repo.forget_failures(operator.id)
                    repo.audit(name, "login.locked", name, now, after=f"until {operator.locked_until:%H:%M}")
                    return Login(Outcome.LOCKED, locked_until=operator.locked_until)
                return Login(Outcome.WRONG)
            repo.forget_failures(operator.id)
            operator.locked_until = None
            token = secrets.token_urlsafe(32)
            repo.open_session(digest(token), operator.id, now)
            repo.audit(name, "login", name, now)
            return Login(Outcome.OK, token, _officer(operator))

        del operator_id
        return await self.db.run(record)

    async def current(self, token: str | None) -> Officer | None:
        """Return the officer of a live session (marking it seen), or None."""
        if not token:
            return None
        now = self.clock()

        def look(session: object) -> Officer | None:
            operator = OfficerRepository(session).session_of(digest(token), IDLE, now)  # type: ignore[arg-type]
            return _officer(operator) if operator is not None else None

        return await self.db.run(look)

    async def logout(self, token: str | None) -> None:
        """End a session."""
        if token:
            await self.db.run(lambda s: OfficerRepository(s).close_session(digest(token)))

    async def change_password(self, officer: Officer, old: str, new: str) -> str | None:
        """Change the password; return a new session token (every other session ends), or None if refused."""
        if len(new) < MIN_PASSWORD or new == old:
            return None
        found = await self.db.run(lambda s: _account(s, officer.name))
        if found is None or not await asyncio.to_thread(_verify, found[1], old):
            return None
        hashed = await asyncio.to_thread(HASHER.hash, new)
        now = self.clock()
        token = secrets.token_urlsafe(32)

        def change(session: object) -> None:
            repo = OfficerRepository(session)  # type: ignore[arg-type]
            operator = repo.by_name(officer.name)
            assert operator is not None, "found above"
            operator.password_hash, operator.must_change = hashed, False
            repo.close_sessions_of(operator.id)
            repo.open_session(digest(token), operator.id, now)
            repo.audit(officer.name, "password.change", officer.name, now)

        await self.db.run(change)
        return token


def _account(session: object, name: str) -> tuple[int, str, datetime | None] | None:
    operator = OfficerRepository(session).by_name(name)  # type: ignore[arg-type]
    if operator is None or operator.disabled:
        return None
    locked = aware(operator.locked_until) if operator.locked_until else None
    return operator.id, operator.password_hash, locked


def _officer(operator: object) -> Officer:
    return Officer(operator.id, operator.name, Role(operator.role), operator.must_change)  # type: ignore[attr-defined]


def _verify(hashed: str, password: str) -> bool:
    try:
        return HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY = HASHER.hash("not a password anyone has")


def _waste_time(password: str) -> None:
    _verify(_DUMMY, password)
