"""One turn of a conversation: lock, load, run the flow, perform effects, commit, send.

The runner commits the session with the messages it owes, then sends them; `effects` performs what a flow
asks in the same transaction; `render` is the only translator. Imports flows, domain, delivery and storage;
never telegram (handlers adapt it) nor jobs.
"""
