"""Start-up: the command line, settings from the environment, the services built once, the HTTP server.

May import every other package of the bot: this is where they are wired together. Nothing else imports it,
but for `settings` (read by the packages that are configured) and `services` (the handlers' dependencies).
"""
