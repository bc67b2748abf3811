"""`python -m bot` is `bpu-bot`."""

import sys

from bot.cli import main

sys.exit(main())
