"""Sponsor: the sponsor programmes with their numbers, a new one, its poster, a month billed and paid; agents.

The same services as `bpu-bot sponsors …` and `bpu-bot agents list` / `add`: a viewer sees the numbers, only
an officer adds a programme or an agent, writes a month's list or records it paid (audited with the
officer's name).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tornado.web import HTTPError

from bot.console.bills import bill_csv, bill_xlsx
from bot.console.web import Page
from bot.domain.agents import START_PREFIX
from bot.domain.iuran import Programme
from bot.domain.participants import OCCUPATION_KEYS
from bot.domain.safe_text import printable
from bot.domain.sponsors import deep_link, listed, normalised_code, programme_problems, start_parameter
from bot.turn import notices
from bot.turn.poster import sponsor_poster
from storage.repositories.agents import AgentError, AgentRepository
from storage.repositories.sponsors import PaidOnRefused, SponsorError, SponsorRepository

MONTH_FORMATS = {"csv", "xlsx"}


class SponsorsPage(Page):
    """`/konsol/sponsor`: every programme's numbers and link; the agents; an officer's forms."""

    async def get(self) -> None:  # noqa: D102
        added = self.get_query_argument("baru", None)
        paid = self.get_query_argument("dibayar", None)
        notice = None
        if added and normalised_code(added):
            notice = self._("Program {code} ditambahkan.", code=normalised_code(added))
        elif paid and normalised_code(paid):
            notice = self._("Pembayaran program {code} tercatat.", code=normalised_code(paid))
        await self.show(notice=notice)

    async def show(self, code: int = 200, **context: Any) -> None:
        """Render the programmes and the agents."""
        console, today = self.console, self.now().date()

        def gather(session: Any) -> tuple[list[Any], list[Any]]:
            sponsors = SponsorRepository(session, console.vault, console.rules)
            reports = [
                (sponsor, sponsors.report(sponsor.code, today), self._link(sponsor.code))
                for sponsor, _ in sponsors.programmes()
            ]
            return reports, AgentRepository(session, console.vault).agents()

        programmes, agents = await console.db.run(gather)
        self.render_page(
            "sponsors.html",
            "sponsors",
            self._("Sponsor"),
            code,
            programmes=programmes,
            agents=agents,
            occupations=OCCUPATION_KEYS,
            programme_choices=[(p.value, notices.programme_name(p.value, self.lang)) for p in Programme],
            this_month=f"{today:%Y-%m}",
            today=f"{today:%Y-%m-%d}",
            form=context.pop("form", {}),
            **context,
        )

    def _link(self, code: str) -> str:
        return deep_link(self.console.bot_username, start_parameter(code))


class SponsorAddPage(SponsorsPage):
    """`POST /konsol/sponsor/tambah`: a new programme, as `bpu-bot sponsors add`."""

    async def post(self) -> None:  # noqa: D102
        officer = self.require_change()
        form = {key: self.get_body_argument(key, "")[:200] for key in FIELDS}
        code = normalised_code(form["kode"])
        quota, months = _whole(form["kuota"]), _whole(form["bulan"])
        regions, occupations = listed(form["wilayah"]), listed(form["pekerjaan"])
        first, ends = _month(form["mulai"]), _day(form["berakhir"])
        problems = list(programme_problems(form["nama"], code, quota, months, regions, occupations))
        if first is None:
            problems.append("from")
        if form["berakhir"] and ends is None:
            problems.append("ends")
        programme = form["program"] if form["program"] in {p.value for p in Programme} else None
        if programme is None:
            problems.append("programme")
        if problems:
            said = "; ".join(self._problem(p) for p in problems)
            await self.show(
                400, notice=self._("Periksa isian: {problems}", problems=said), notice_error=True, form=form
            )
            return
        assert code is not None
        assert first is not None
        assert programme is not None
        console, now = self.console, self.now()
        try:
            await console.db.run(
                lambda s: SponsorRepository(s, console.vault, console.rules).add(
                    name=form["nama"].strip(),
                    code=code,
                    quota=quota,
                    months=months,
                    programme=programme,
                    from_month=first,
                    regions=regions,
                    occupations=occupations,
                    ends=ends,
                    actor=officer.name,
                    now=now,
                )
            )
        except SponsorError:
            notice = self._("Kode {code} sudah dipakai program lain.", code=code)
            await self.show(400, notice=notice, notice_error=True, form=form)
            return
        self.redirect(f"/konsol/sponsor?baru={code}")

    def _problem(self, key: str) -> str:
        """Say what is wrong with one field, in the page's language."""
        return {
            "name": self._("nama 2 sampai 120 huruf"),
            "code": self._("kode 2 sampai 24 huruf, angka, atau _"),
            "quota": self._("kuota 1 sampai 1.000.000"),
            "months": self._("lama 1 sampai 60 bulan"),
            "regions": self._("wilayah: kode Kemendagri provinsi (61) atau kab/kota (14.72)"),
            "occupations": self._("pekerjaan tidak dikenal"),
            "from": self._("bulan mulai seperti 2026-12"),
            "ends": self._("tanggal berakhir seperti 2027-06-30"),
            "programme": self._("program tidak dikenal"),
        }[key]


FIELDS = ("nama", "kode", "kuota", "bulan", "program", "mulai", "wilayah", "pekerjaan", "berakhir")


def _whole(text: str) -> int:
    digits = text.strip().replace(".", "")
    return int(digits) if digits.isdigit() and len(digits) <= 9 else 0


def _month(text: str) -> date | None:
    try:
        return date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        return None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


class AgentAddPage(SponsorsPage):
    """`POST /konsol/agen/tambah`: register an agent (`bpu-bot agents add`); the one-time link shown once."""

    async def post(self) -> None:  # noqa: D102
        officer = self.require_change()
        name = printable(self.get_body_argument("nama_agen", "")[:200]).strip()
        code = normalised_code(self.get_body_argument("kode_agen", "")[:40])
        form = {"nama_agen": name, "kode_agen": self.get_body_argument("kode_agen", "")[:40]}
        if code is None or not 2 <= len(name) <= 120:
            notice = self._("Isi nama agen (2 sampai 120 huruf) dan kode (2 sampai 24 huruf, angka, atau _).")
            await self.show(400, notice=notice, notice_error=True, form=form)
            return
        console, now = self.console, self.now()
        try:
            token = await console.db.run(
                lambda s: AgentRepository(s, console.vault).add(name, code, officer.name, now)
            )
        except AgentError:
            notice = self._("Kode {code} sudah dipakai agen lain.", code=code)
            await self.show(400, notice=notice, notice_error=True, form=form)
            return
        link = deep_link(console.bot_username, f"{START_PREFIX}{token}")
        notice = self._(
            "Agen {code} ditambahkan. Tautan sekali pakai untuk Telegram agen sendiri (hanya tampil sekali "
            "ini; berikan hanya kepada agen): {link}",
            code=code,
            link=link,
        )
        await self.show(notice=notice)


class PosterFile(Page):
    """`/konsol/sponsor/CODE/poster.png`: the printable poster with the link's QR code."""

    async def get(self, code_text: str) -> None:  # noqa: D102
        code = normalised_code(code_text)
        console = self.console
        found = await console.db.run(
            lambda s: SponsorRepository(s, console.vault, console.rules).terms(code) if code else None
        )
        if found is None or code is None:
            raise HTTPError(404)
        link = deep_link(console.bot_username, start_parameter(code))
        quota = found.quota_left
        png = sponsor_poster(
            name=found.name, months=found.months, quota=quota, occupations=found.occupations, link=link
        )
        self.set_header("Content-Type", "image/png")
        self.set_header("Content-Disposition", f'inline; filename="poster-{code}.png"')
        self.finish(png)


class BillFile(SponsorsPage):
    """`POST /konsol/sponsor/CODE/tagihan`: write the month's list (stored) and download it."""

    async def post(self, code_text: str) -> None:  # noqa: D102
        officer = self.require_change()
        code, month = normalised_code(code_text), _month(self.get_body_argument("bulan", ""))
        kind = self.get_body_argument("format", "csv")
        if code is None or month is None or kind not in MONTH_FORMATS:
            await self.show(400, notice=self._("Pilih bulan seperti 2026-12."), notice_error=True)
            return
        console, now = self.console, self.now()
        try:
            bill = await console.db.run(
                lambda s: SponsorRepository(s, console.vault, console.rules).bill(code, month, now), long=True
            )
        except SponsorError as err:
            raise HTTPError(404) from err
        console_audit = f"{len(bill.lines)} workers; Rp{bill.total}"
        await console.db.run(
            lambda s: SponsorRepository(s, console.vault, console.rules).audit(
                officer.name, "sponsor_billed", f"{code} {month:%Y-%m}", console_audit, now
            )
        )
        name = f"tagihan-{code}-{month:%Y-%m}.{kind}"
        if kind == "csv":
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            body = bill_csv(bill).encode("utf-8")
        else:
            self.set_header(
                "Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            body = bill_xlsx(bill)
        self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.finish(body)


class PaidPage(SponsorsPage):
    """`POST /konsol/sponsor/CODE/bayar`: record a month's list paid, as `bpu-bot sponsors paid`."""

    async def post(self, code_text: str) -> None:  # noqa: D102
        officer = self.require_change()
        code, month = normalised_code(code_text), _month(self.get_body_argument("bulan", ""))
        reference = self.get_body_argument("referensi", "").strip()[:40]
        typed_day = self.get_body_argument("tanggal", "").strip()[:40]
        paid_on = _day(typed_day) if typed_day else None
        if code is None or month is None or not reference:
            notice = self._("Isi bulan (seperti 2026-12) dan nomor referensi transfer.")
            await self.show(400, notice=notice, notice_error=True)
            return
        if typed_day and paid_on is None:  # a browser without a date picker lets any text through
            notice = self._("Tanggal transfer {day} tidak terbaca. Tulis seperti 2026-12-03.", day=typed_day)
            await self.show(400, notice=notice, notice_error=True)
            return
        console, now = self.console, self.now()
        try:
            recorded = await console.db.run(
                lambda s: SponsorRepository(s, console.vault, console.rules).paid(
                    code, month, reference, officer.name, now, paid_on
                ),
                long=True,
            )
        except PaidOnRefused:
            notice = self._(
                "Tanggal transfer {day} tidak bisa dicatat: tidak boleh sesudah hari ini atau sebelum daftar "
                "bulan {month} ditulis.",
                day=typed_day,
                month=f"{month:%Y-%m}",
            )
            await self.show(400, notice=notice, notice_error=True)
            return
        except SponsorError:
            notice = self._(
                "Belum ada daftar {month} untuk {code}, atau bulan itu sudah tercatat dengan referensi lain.",
                month=f"{month:%Y-%m}",
                code=code,
            )
            await self.show(400, notice=notice, notice_error=True)
            return
        if recorded.outcome == "already":
            notice = self._("Bulan itu sudah tercatat dengan referensi yang sama; tidak ada yang berubah.")
            await self.show(notice=notice)
            return
        self.redirect(f"/konsol/sponsor?dibayar={code}")
