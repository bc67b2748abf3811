"""One turn of a conversation: lock the chat, load its session, run the flow, perform effects, commit the
session with the messages it owes, then send them (runner, effects); and `render`, the only translator.

Imports flows, domain, delivery and storage; never telegram (handlers adapt it) nor jobs.
"""
