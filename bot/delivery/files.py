"""Files users send, as the bot may take them: a safe path, a size cap, a content that is what it claims.

A Bot API `file_path` is used only as a relative path under the file URL: PTB reads a `file_path` that
exists on this machine from disk (`File.download_to_*`), so a forged getFile answer could make the bot
read its own key. A local Bot API server's folder is read only when configured, and only inside it.
"""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path
from urllib.parse import quote

JPEG, PNG, WEBP, PDF = "image/jpeg", "image/png", "image/webp", "application/pdf"
logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken PDF is refused, not logged at length


class RefusedFile(Exception):
    """A file the bot will not take; `reason` is one of the keys below (told to the reporter)."""

    UNSAFE_PATH = "unsafe_path"
    TOO_LARGE = "too_large"
    NOT_READABLE = "not_readable"  # empty, or not the photo or PDF it claims to be

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def relative_file_path(file_path: str | None, file_url: str) -> str:
    """Return the `file_path` a getFile answer gave, relative to the file URL; refuse anything else."""
    prefix = file_url.rstrip("/") + "/"
    if not file_path or not file_path.startswith(prefix):
        raise RefusedFile(RefusedFile.UNSAFE_PATH)  # a local path PTB would read from disk, or elsewhere
    relative = file_path[len(prefix) :]
    parts = relative.split("/")
    unsafe = (
        not relative
        or "\\" in relative
        or ":" in relative
        or any(ord(c) < 32 or c == "\x7f" for c in relative)
        or any(part in ("", ".", "..") for part in parts)
    )
    if unsafe:
        raise RefusedFile(RefusedFile.UNSAFE_PATH)
    return relative


def file_url(file_url_base: str, relative: str) -> str:
    """Return the download URL of a relative file path (each segment quoted)."""
    return file_url_base.rstrip("/") + "/" + quote(relative, safe="/")


def read_shared(folder: Path, path: str, limit: int) -> bytes:
    """Read a file a local Bot API server left in its shared `folder`, never outside it, at most `limit`."""
    root = folder.resolve()
    target = Path(path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise RefusedFile(RefusedFile.UNSAFE_PATH)
    descriptor = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        content = handle.read(limit + 1)
    if len(content) > limit:
        raise RefusedFile(RefusedFile.TOO_LARGE)
    return content


def sniffed_type(content: bytes) -> str | None:
    """Return what the bytes are (JPEG, PNG, WebP or PDF, checked to open), or None."""
    if content.startswith(b"%PDF-"):
        return PDF if _pdf_opens(content) else None
    kind = None
    if content.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif content.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        kind = WEBP
    return kind if kind is not None and _image_opens(content) else None


def _image_opens(content: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except Exception:
        return False
    return True


def _pdf_opens(content: bytes) -> bool:
    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(content)).pages) > 0
    except Exception:
        return False


def checked_content(content: bytes, declared: str) -> str:
    """Return the content's real type; refuse an empty file or one that is not a photo or PDF.

    A photo declared as any image type is taken as the image it is; a PDF must be a PDF.
    """
    real = sniffed_type(content) if content else None
    if real is None or (declared == PDF) != (real == PDF):
        raise RefusedFile(RefusedFile.NOT_READABLE)
    return real
