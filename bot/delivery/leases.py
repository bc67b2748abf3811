"""Who owns a leased outbox row: a name per process, and whether that process may still be alive."""

from __future__ import annotations

import os
import socket
import uuid


def process_name() -> str:
    """Return a name for this process's leases (host, pid and a random part)."""
    return f"{socket.gethostname()[:20]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def alive_here(owner: str) -> bool:
    """Tell whether the lease owner may still be running: on another host, or a live pid on this one."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:20] or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
