"""Delivery: owed messages as sealed outbox rows, sent with leases, in order per chat, most urgent first.

Reports what happened (`outcomes`) without deciding anything about participants. Imports domain and
storage only: never flows, turn, jobs or a channel (a `Sender` is handed in).
"""
