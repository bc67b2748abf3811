"""Channel adapters: each turns what a channel delivers into a flow event, and messages into its calls.

python-telegram-bot's Application, its handlers and sender, the webhook and polling inputs, the per-chat
processor, and the terminal chat. No business rule and no wording here.
"""
