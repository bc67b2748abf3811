"""Property tests: whatever bytes arrive, the payment parsers answer with a notice or `InvalidNotice`.

`InvalidNotice` is what the handlers turn into a 400 or a reject line; any other exception would be a 500
or an import that stops with a traceback.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.jobs.payment_notices import (
    MAX_AMOUNT,
    MAX_MONTHS,
    InvalidNotice,
    parse_json,
    parse_notice,
    signature,
    signed,
)
from bot.jobs.reconciliation import BadLine, Row, read_rows

NOW = datetime(2026, 11, 10, 5, 0, tzinfo=UTC)
FIELDS = ("reference", "channel", "nik", "amount", "months", "paid_at")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
# Mostly plausible notices with one field wrong in any way: reaches deeper than random dictionaries.
plausible = st.fixed_dictionaries(
    {
        "reference": st.text(max_size=80) | st.just("BRI-1"),
        "channel": st.text(max_size=50) | st.just("bri"),
        "nik": st.text(alphabet="0123456789٣३ -.", max_size=20) | st.just("3171011708850001"),
        "amount": st.integers() | st.text(max_size=20) | st.floats() | st.just(8400),
        "months": st.integers() | st.text(max_size=5) | st.just(1),
        "paid_at": st.datetimes(timezones=st.timezones()).map(datetime.isoformat)
        | st.text(max_size=40)
        | st.just("2026-11-10T09:15:00+07:00"),
    }
)


def accepted_or_invalid(raw: dict) -> None:
    try:
        notice = parse_notice(raw, NOW)
    except InvalidNotice:
        return
    assert 0 < notice.amount <= MAX_AMOUNT
    assert 0 < notice.months <= MAX_MONTHS
    assert notice.nik.isascii()
    assert len(notice.nik) == 16
    assert notice.paid_at.tzinfo is UTC
    assert all(c.isprintable() for c in notice.reference + notice.channel)


@given(st.binary(max_size=2000))
def test_any_body_is_a_notice_or_invalid(body: bytes) -> None:
    try:
        raw = parse_json(body)
    except InvalidNotice:
        return
    accepted_or_invalid(raw)


@given(json_values)
def test_any_json_value_is_a_notice_or_invalid(value: object) -> None:
    try:
        raw = parse_json(json.dumps(value).encode())
    except InvalidNotice:
        return
    accepted_or_invalid(raw)


@given(plausible)
def test_a_plausible_notice_with_any_field_wrong_is_a_notice_or_invalid(raw: dict) -> None:
    accepted_or_invalid(raw)


@given(st.text(), st.binary(max_size=200))
def test_any_signature_header_is_checked_without_error(header: str, body: bytes) -> None:
    assert signed("secret", body, header) is (header.strip() == signature("secret", body))


@given(st.binary(max_size=200), st.sampled_from(["", " ", "\t", "\n"]))
def test_the_right_signature_is_accepted_with_any_surrounding_space(body: bytes, space: str) -> None:
    assert signed("secret", body, f"{space}{signature('secret', body)}{space}") is True
    assert signed("other", body, signature("secret", body)) is False


lines = st.lists(
    st.one_of(
        st.binary(max_size=300),
        st.lists(st.text(max_size=30), min_size=1, max_size=8).map(lambda cells: ",".join(cells).encode()),
        st.just(b'"unterminated,quote'),
        st.just(b"BRI-1,bri,3171011708850001,8400,1,2026-11-10T09:15:00+07:00"),
    ),
    max_size=30,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(lines, st.sampled_from([b"\n", b"\r\n"]), st.booleans())
def test_any_file_is_read_as_rows_and_bad_lines_or_refused_with_one_reason(
    body: list[bytes], newline: bytes, with_header: bool
) -> None:
    header = [",".join(FIELDS).encode()] if with_header else []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rekon.csv"
        content = newline.join(header + body)
        path.write_bytes(content)
        try:
            items = list(read_rows(path))
        except InvalidNotice:
            assert not with_header
            return
    numbers = [item.line for item in items]
    assert numbers == sorted(set(numbers))
    assert all(2 <= n <= content.count(b"\n") + 1 for n in numbers)  # physical lines of the file
    for item in items:
        assert isinstance(item, Row | BadLine)
        if isinstance(item, Row):
            accepted_or_invalid(item.values)
