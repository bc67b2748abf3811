"""Real photos and PDFs, as a family's phone sends them (the bot checks that a file opens)."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter


def jpeg(shade: int = 90, size: tuple[int, int] = (64, 48)) -> bytes:
    """A small real JPEG; `shade` makes different photos differ."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, shade % 256)).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf(title: str = "Surat keterangan ahli waris") -> bytes:
    """A one-page real PDF."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
