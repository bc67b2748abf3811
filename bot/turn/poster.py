"""The printable poster of a sponsor programme: who pays, for whom, and the QR code of the deep link."""

from __future__ import annotations

import io

import qrcode
from PIL import Image, ImageDraw

from bot.flows import sponsored
from bot.flows.labels import OCCUPATIONS
from bot.turn.card import GREEN, INK, WHITE, _font
from bot.turn.render import text

WIDTH, HEIGHT = 1240, 1754  # A4 at 150 dpi


def sponsor_poster(
    *, name: str, months: int, quota: int, occupations: tuple[str, ...], link: str, language: str = "id"
) -> bytes:
    """Draw the poster and return PNG bytes; the QR code holds the link only."""
    poster = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(poster)
    draw.rectangle((0, 0, WIDTH, 220), fill=GREEN)
    _centred(draw, 70, text(sponsored.POSTER_TITLE, {}, language), 52, WHITE)
    _centred(
        draw, 280, text(sponsored.POSTER_WHO_PAYS, {"sponsor": name, "months": months}, language), 40, INK
    )
    if occupations:
        work = ", ".join(text(OCCUPATIONS[k], {}, language) for k in occupations if k in OCCUPATIONS)
        for_whom = text(sponsored.POSTER_FOR, {"work": work}, language)
    else:
        for_whom = text(sponsored.POSTER_ANYONE, {}, language)
    _centred(draw, 350, for_whom[:70], 30, INK)
    _centred(draw, 400, text(sponsored.POSTER_PROTECTS, {}, language), 30, GREEN)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=20, border=2)
    qr.add_data(link)
    qr.make(fit=True)
    image = (
        qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB").resize((800, 800))
    )
    poster.paste(image, ((WIDTH - 800) // 2, 480))
    _centred(draw, 1320, text(sponsored.POSTER_HOW, {}, language), 28, INK)
    _centred(draw, 1390, link, 30, INK)
    _centred(draw, 1470, text(sponsored.POSTER_QUOTA, {"quota": quota}, language), 30, GREEN)
    buffer = io.BytesIO()
    poster.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _centred(draw: ImageDraw.ImageDraw, y: int, line: str, size: int, fill: tuple[int, int, int]) -> None:
    font = _font(size)
    width = draw.textlength(line, font=font)
    draw.text(((WIDTH - width) / 2, y), line, fill=fill, font=font)
