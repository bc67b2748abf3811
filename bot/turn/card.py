"""The digital participant card: a PNG with name, registration number, programme and a QR code."""

from __future__ import annotations

import io
from functools import cache

import qrcode
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 900, 520
GREEN, WHITE, INK = (0, 122, 61), (255, 255, 255), (30, 30, 30)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def participant_card(
    *, title: str, name: str, number_label: str, number: str, programme: str, note: str
) -> bytes:
    """Draw the card and return PNG bytes; the QR code holds the registration number only."""
    card = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, WIDTH, 90), fill=GREEN)
    draw.text((30, 25), title, fill=WHITE, font=_font(34))
    draw.text((30, 130), name[:34], fill=INK, font=_font(36))
    draw.text((30, 200), number_label, fill=INK, font=_font(22))
    draw.text((30, 230), _grouped(number), fill=INK, font=_font(40))
    draw.text((30, 310), programme, fill=GREEN, font=_font(30))
    draw.text((30, 440), note[:70], fill=INK, font=_font(18))
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=2)
    qr.add_data(number)
    qr.make(fit=True)
    image = (
        qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB").resize((300, 300))
    )
    card.paste(image, (WIDTH - 330, 130))
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _grouped(number: str) -> str:
    """Show `2611 9071 000042 7` (or an older `2611 000042 7`) so it is easy to read aloud."""
    if len(number) == 15:
        return f"{number[:4]} {number[4:8]} {number[8:-1]} {number[-1]}"
    return f"{number[:4]} {number[4:-1]} {number[-1]}" if len(number) > 5 else number
