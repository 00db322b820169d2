"""One copy of each input check that two apps need: credit codes, ID numbers, phones, text, dates.

Each check returns the cleaned value or raises ApplicationError with a stable code and, when the
caller names its form field, the message under that field. `form_validator` adapts a check to a
Django form field.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from functools import cache

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from phonenumbers import shortnumberinfo
from stdnum import numdb
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import ValidationError as StdnumError

from . import dates
from .errors import ApplicationError

# Characters that render as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")


def _refuse(message: str, code: str, field: str | None) -> ApplicationError:
    return ApplicationError(message, code=code, fields={field: [message]} if field else None)


def normalise(value) -> str:
    """Full-width letters and digits to ASCII (NFKC), separators and invisible characters removed."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return "".join(c for c in text if c not in INVISIBLE and not c.isspace() and c != "-")


# GB 32100-2015: 8 digits, then 10 characters of the code's 31 (no I, O, S, V, Z); the check.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_CLEAN = re.compile(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}")
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _uscc_fast(value) -> str | None:
    """The code when `value` is already a clean, valid one, else None (then the full path
    decides): for imports of a million codes, where stdnum's generic cleaning is the cost."""
    if type(value) is not str or not _USCC_CLEAN.fullmatch(value):
        return None
    total = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, value[:17]), _USCC_WEIGHTS))
    return value if value[17] == _USCC_ALPHABET[-total % 31] else None


def uscc(value, *, field: str | None = None) -> str:
    """A 统一社会信用代码 (GB 32100-2015): 18 characters with a valid check character."""
    fast = _uscc_fast(value)
    if fast is not None:
        return fast
    text = normalise(value).upper()
    try:
        return stdnum_uscc.validate(text)
    except StdnumError as exc:
        raise _refuse(
            _("统一社会信用代码 %(value)s 无效(校验位或格式错误)") % {"value": repr(text)},
            "invalid_uscc",
            field,
        ) from exc


@cache
def _region_known(code: str) -> bool:
    """The 6-digit address code was a county-level code of GB/T 2260 in some year.

    stdnum's table keeps every code with the years it was in force, but `ric.validate` demands
    the code be in force in the birth year. The code is the one of the office that issued the
    card, which can be decades after the birth (天镇县 became 140222 in 1993), so any year counts.
    """
    parts = numdb.get("cn/loc").info(code)
    return any("county" in props for _part, props in parts)


def resident_id(value, *, field: str | None = None, today: dt.date | None = None) -> str:
    """A 公民身份号码 (GB 11643-1999): check character, real past birth date, known region code."""
    text = normalise(value).upper()
    invalid = _("身份证号码 %(value)s 无效(校验码、出生日期或地址码错误)") % {"value": repr(text)}
    try:
        if len(text) != 18 or not text[:17].isdigit():
            raise StdnumError()
        if text[-1] != ric.calc_check_digit(text):
            raise StdnumError()
        born = ric.get_birth_date(text)
    except StdnumError as exc:
        raise _refuse(invalid, "invalid_resident_id", field) from exc
    if not _region_known(text[:6]):
        raise _refuse(invalid, "invalid_resident_id", field)
    if born > dates.today(today) or born.year < 1850:
        raise _refuse(
            _("身份证号码 %(value)s 的出生日期 %(born)s 不可能")
            % {"value": text, "born": _day(born)},
            "invalid_resident_id",
            field,
        )
    return text


def phone(value, *, field: str | None = None, short: bool = False) -> str:
    """A mainland mobile or landline number (with area code); `short` also allows hotlines like 12345."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and number.country_code == 86:
        if phonenumbers.is_valid_number(number):
            digits = str(number.national_number)
            area = phonenumbers.length_of_geographical_area_code(number)
            return f"0{digits[:area]}-{digits[area:]}" if area else digits
        if short and shortnumberinfo.is_valid_short_number(number):
            return str(number.national_number)
    raise _refuse(
        _("电话号码 %(value)s 无效:请填写手机号码或带区号的固定电话") % {"value": repr(text)},
        "invalid_phone",
        field,
    )


def meaningful_text(value, *, label: str, field: str | None = None) -> str:
    """Text with at least one visible character; returns it stripped."""
    text = str(value or "").strip()
    if not any(c not in INVISIBLE and not c.isspace() and c.isprintable() for c in text):
        raise _refuse(_("请填写%(label)s") % {"label": label}, "empty_text", field)
    return text


def earliest_year() -> int:
    return getattr(settings, "FAZHI_EARLIEST_YEAR", 1949)


def past_date(
    value: dt.date,
    *,
    label: str,
    field: str | None = None,
    earliest: int | None = None,
    today: dt.date | None = None,
) -> dt.date:
    """A date that happened: not after today, not before the earliest plausible year."""
    today = dates.today(today)
    if value > today:
        raise _refuse(
            _("%(label)s不能晚于今天(%(today)s)") % {"label": label, "today": _day(today)},
            "implausible_date",
            field,
        )
    first = earliest if earliest is not None else earliest_year()
    if value.year < first:
        raise _refuse(
            _("%(label)s不能早于%(year)s年") % {"label": label, "year": first},
            "implausible_date",
            field,
        )
    return value


def _day(value: dt.date) -> str:
    return _("%(year)d年%(month)d月%(day)d日") % {
        "year": value.year,
        "month": value.month,
        "day": value.day,
    }


def form_validator(check, **kwargs):
    """Adapt a check to a Django form field's `validators=[...]`."""

    def validate(value):
        try:
            check(value, **kwargs)
        except ApplicationError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    return validate
