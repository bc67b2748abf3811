"""bpu-bot: BPJS Ketenagakerjaan BPU enrolment, iuran reminders and claims on Telegram."""

import os

# Opt in to python-telegram-bot's timedelta time periods now (v22 warns the int forms will change).
os.environ.setdefault("PTB_TIMEDELTA", "true")
