"""The branch operator's tools: parse a command, call a service or a repository, print the answer.

One module per subject (payments, outbox, keys, participants, claims, questions). No rule lives here:
what a status change requires is decided in `bot.domain`.
"""
