"""Delivery: what the bot owes a chat is a sealed outbox row; this sends it with leases, in order per chat,
most urgent first, and reports what happened (`outcomes`) without deciding anything about participants.

Imports domain and storage only: never flows, turn, jobs or a channel (a `Sender` is handed in).
"""
