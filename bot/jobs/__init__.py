"""Background work: reminders, claim documents, payments and reconciliation, maintenance, key rotation.

Each job loads through repositories, asks `bot.domain` what to do, and owes messages through the outbox.
Imports domain, delivery, turn.render and storage; never flows (texts come through `bot.turn.notices`).
"""
