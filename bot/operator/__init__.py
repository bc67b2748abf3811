"""The branch operator's tools: parse a command, call a service or a repository, print the answer.

No rule lives here: what a status change requires is decided in `bot.domain`.
"""
