"""A NIK typed over two messages in Tanya manfaat is kept in neither, and neither half is an income."""

from __future__ import annotations

from sqlalchemy import select

from bot.app.services import Services
from storage.models import AskedQuestion
from tests.support.telegram import BotClient


async def test_a_nik_split_over_two_questions_is_masked_in_both(
    worker: BotClient, services: Services
) -> None:
    await worker.says("/manfaat")
    await worker.says("nik saya 31740712")
    said = await worker.says("03900003 iuran berapa")
    assert not any("3.900.003" in text or "39.000.003" in text for text in said)  # no income read
    async with services.db.transaction() as db:
        kept = (await db.execute(select(AskedQuestion.question).order_by(AskedQuestion.id))).scalars().all()
    assert kept == ["nik saya [nomor]", "[NIK] iuran berapa"]
