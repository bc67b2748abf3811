"""`bpu-bot agents …`: register an agent (their one-time link), list agents and an agent's enrolments."""

from __future__ import annotations

import argparse
import sys

from bot.app.services import Services
from bot.app.settings import Settings
from bot.domain.agents import START_PREFIX
from bot.domain.safe_text import printable
from bot.domain.sponsors import deep_link, normalised_code
from storage.repositories.agents import AgentError, AgentRepository


async def agents_command(settings: Settings, args: argparse.Namespace) -> int:
    """Run `bpu-bot agents …`."""
    services = await Services.open(settings)
    try:
        if args.agents_command == "add":
            return await _add(services, args)
        if args.agents_command == "list":
            return await _list(services)
        return await _enrolments(services, args.code)
    except AgentError as err:
        print(f"bpu-bot: {printable(str(err))}", file=sys.stderr)
        return 1
    finally:
        await services.close()


async def _add(services: Services, args: argparse.Namespace) -> int:
    code = normalised_code(args.code)
    name = printable(args.name).strip()
    if code is None or not 2 <= len(name) <= 120:
        print("bpu-bot: --code: 2 to 24 letters, digits or _; NAME: 2 to 120 characters", file=sys.stderr)
        return 2
    now = services.clock()
    token = await services.db.run(
        lambda session: AgentRepository(session, services.vault).add(name, code, args.operator, now)
    )
    link = deep_link(services.settings.telegram_bot_username, f"{START_PREFIX}{token}")
    print(f"agent {code} added: {name}")
    print(f"one-time link for the agent's own Telegram: {link}")
    print("give it to the agent only; it works once, and binds the chat that opens it")
    return 0


async def _list(services: Services) -> int:
    found = await services.db.run(lambda session: AgentRepository(session, services.vault).agents())
    if not found:
        print("no agents")
        return 0
    row = "{:<14} {:<30} {:<10} {:>9}"
    print(row.format("code", "name", "chat", "enrolled"))
    for agent, enrolled in found:
        chat = "disabled" if agent.disabled else "bound" if agent.chat_id is not None else "not yet"
        print(row.format(agent.code, printable(agent.name)[:30], chat, enrolled))
    return 0


async def _enrolments(services: Services, code_text: str) -> int:
    code = normalised_code(code_text)
    if code is None:
        print(f"bpu-bot: {printable(code_text)} is not an agent code", file=sys.stderr)
        return 2
    lines = await services.db.run(lambda session: AgentRepository(session, services.vault).lines_of(code))
    if not lines:
        print(f"{code} has enrolled nobody")
        return 0
    row = "{:<16} {:<10} {:<11} {:<10} {}"
    print(row.format("number", "name", "enrolled", "chat", "consent photo"))
    for line in lines:
        linked = "linked" if line.linked else "not yet"
        print(
            row.format(
                line.registration_number, line.name, f"{line.enrolled_on:%Y-%m-%d}", linked, line.consent
            )
        )
    return 0
