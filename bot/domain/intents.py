"""What a typed message asks for besides an answer: help with the question. Pure."""

from __future__ import annotations

import re

# "?", "??", "apa itu NIK?", "maksudnya?", "maksudnya apa", "what is a NIK?", "what does that mean"
_HELP = re.compile(
    r"^\s*(\?+|apa\s+(itu|sih|maksud)\b.*|maksud(nya)?\b.*|what\s+(is|does|do)\b.*|help\??|bantu(an)?\s*\?)\s*$",
    re.IGNORECASE,
)


def is_help_request(text: str) -> bool:
    """Tell whether `text` asks what the current question means rather than answering it."""
    return len(text) <= 80 and _HELP.match(text) is not None
