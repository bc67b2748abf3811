"""Channel adapters: python-telegram-bot's Application, its handlers and sender, the webhook and polling
inputs, the per-chat processor, and the terminal chat. Each turns what a channel delivers into a flow event
for the runner, and rendered messages back into the channel's calls; no business rule and no wording here.
"""
