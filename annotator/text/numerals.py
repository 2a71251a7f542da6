"""Chinese numerals as judgments write them: article numbers (第一千零三十五条), years written digit by digit
(二〇一九年) and dates (二〇一九年十月二十日 / 2019年10月20日)."""

from __future__ import annotations

import re

_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "Ｏ": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
NUMERAL = "[0-9０-９〇○零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]"
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def chinese_number(text: str) -> int | None:
    """二百六十 -> 260, 一千零三十二 -> 1032, 十七 -> 17, 2019 -> 2019; None when it is not a number."""
    text = text.strip().translate(FULLWIDTH_DIGITS)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch.isdigit():
            digit = int(ch)
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


_WRITTEN = "零一二三四五六七八九"


def written_number(n: int) -> str:
    """The other way, as statutes number their articles: 2 -> 二, 10 -> 十, 12 -> 十二, 20 -> 二十,
    105 -> 一百零五, 1035 -> 一千零三十五, 1260 -> 一千二百六十 (0 <= n < 10,000)."""
    if not 0 <= n < 10_000:
        return str(n)
    if n == 0:
        return _WRITTEN[0]
    parts: list[str] = []
    gap = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if gap and parts:
                parts.append("零")
            parts.append(("" if unit == "十" and digit == 1 and not parts else _WRITTEN[digit]) + unit)
            gap = False
        else:
            gap = True
    return "".join(parts)


def _year_digits(text: str) -> int | None:
    """二〇一九 -> 2019 (a year is written digit by digit)."""
    digits = [_DIGITS.get(ch, int(ch) if ch.isdigit() else None) for ch in text.translate(FULLWIDTH_DIGITS)]
    if len(digits) != 4 or None in digits:
        return None
    return int("".join(str(d) for d in digits))


CN_DATE = re.compile(
    rf"(?P<y>[〇○零一二三四五六七八九OＯ]{{4}})\s*年\s*(?P<m>{NUMERAL}{{1,3}})\s*月\s*(?P<d>{NUMERAL}{{1,3}})\s*日"
)
AR_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


def parse_date(text: str) -> str | None:
    """二〇一九年十月二十日 or 2019年10月20日 -> "2019-10-20"; None if it is not a valid date."""
    text = text.translate(FULLWIDTH_DIGITS)
    m = CN_DATE.fullmatch(text.strip())
    if m:
        y, mo, d = _year_digits(m["y"]), chinese_number(m["m"]), chinese_number(m["d"])
    else:
        m = AR_DATE.fullmatch(text.strip())
        if not m:
            return None
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
