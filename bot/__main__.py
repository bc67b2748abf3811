"""`python -m bot` is `bpu-bot`."""

import sys

from bot.app.cli import main

sys.exit(main())
