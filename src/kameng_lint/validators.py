"""Validators and extractors for personal numbers: resident IDs, bank cards, phone numbers.

A long digit string is not personal data by itself: order numbers and payment serial numbers
are long digit strings too. What tells them apart is arithmetic the issuers put in:

- a resident ID (GB 11643-1999) is 17 digits and a check digit (ISO 7064 MOD 11-2, ``X`` for
  10), and digits 7-14 are the holder's birth date (YYYYMMDD);
- a bank card (ISO/IEC 7812) ends with a Luhn check digit.

A random 18-digit order number passes the ID checksum one time in 11 and then almost never
carries a plausible birth date; a random 16-19 digit number passes Luhn one time in 10, which
is why the privacy rules also look at the words around it (an order label wins).

Everything here is pure: strings in, values out, no vocabulary.
"""

from __future__ import annotations

import datetime as _dt

from . import patterns
from .records import frozen

#: GB 11643: weight of each of the 17 body digits (2^(17-i) mod 11).
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: Check character for (weighted sum mod 11).
ID_CHECK_CHARS = "10X98765432"
#: Oldest plausible holder: nobody posting a complaint was born before this year.
OLDEST_BIRTH_YEAR = 1900

MASK = "*"


# -- resident ID (GB 11643) ---------------------------------------------------------------------
def id_check_digit(body: str) -> str:
    """The check character for the first 17 digits of a resident ID."""
    if len(body) != 17 or not body.isdigit():
        raise ValueError(f"an ID body is 17 digits, not {body!r}")
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS))
    return ID_CHECK_CHARS[total % 11]


def plausible_birth_date(yyyymmdd: str, today: _dt.date | None = None) -> bool:
    """A real calendar date between 1900 and today."""
    today = today or _dt.date.today()
    try:
        born = _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return OLDEST_BIRTH_YEAR <= born.year and born <= today


def is_resident_id(number: str, today: _dt.date | None = None) -> bool:
    """18 characters, a valid GB 11643 check character and a plausible birth date."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit() or number[0] == "0":
        return False
    if id_check_digit(number[:17]) != number[17]:
        return False
    return plausible_birth_date(number[6:14], today)


def mask_resident_id(number: str) -> str:
    """110105199001010021 -> 110105********0021: region and last four stay, the birth date goes."""
    return number[:6] + MASK * (len(number) - 10) + number[-4:]


# -- bank card (Luhn) ---------------------------------------------------------------------------
def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check every bank card number carries in its last digit."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass the Luhn check."""
    for d in "0123456789":
        if luhn_valid(body + d):
            return d
    raise ValueError(body)  # pragma: no cover - one of ten digits always works


def is_bank_card(digits: str) -> bool:
    """16-19 digits that pass Luhn (UnionPay, Visa, Mastercard debit and credit cards)."""
    return 16 <= len(digits) <= 19 and digits[0] != "0" and luhn_valid(digits)


def mask_bank_card(digits: str) -> str:
    """6222000012345678907 -> 6222***********8907: the bank prefix and last four stay."""
    return digits[:4] + MASK * (len(digits) - 8) + digits[-4:]


# -- secrets (passwords, codes, card secrets) ---------------------------------------------------
def mask_secret(secret: str, keep: int = 0) -> str:
    """Every letter and digit becomes ``*`` except the last ``keep``; separators stay."""
    out, seen = [], 0
    total = sum(ch.isalnum() for ch in secret)
    for ch in secret:
        if ch.isalnum():
            seen += 1
            out.append(ch if seen > total - keep else MASK)
        else:
            out.append(ch)
    return "".join(out)


# -- extraction ---------------------------------------------------------------------------------
@frozen
class NumberRun:
    """A run of digits in the text, possibly written in groups (6222 0000 1234 5678 907)."""

    start: int
    end: int
    digits: str  # the digits (and a final X of an ID) without separators
    grouped: bool


# Groups of 4 (or 6-8-4 for IDs) separated by one space or hyphen; or one unbroken run.
# Never preceded or followed by a letter, a digit or a mask, so parts of longer codes and
# masked numbers (6222********1234) do not count. The first digit is read before the look-behind
# on what precedes it, so ``re`` scans for the run (see ``patterns.text_for_re``).
_EDGE_BEFORE_FIRST_DIGIT = r"\d(?<![A-Za-z0-9*×xX#_]\d)"
_EDGE_AFTER = r"(?![A-Za-z0-9*×#_])"
#: The three shapes share their first four digits, read once: a short number (50元, 2024年)
#: fails there once, not once per shape.
NUMBER_RUN_RE = patterns.compile(
    _EDGE_BEFORE_FIRST_DIGIT
    + r"\d{3}(?:(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?|\d\d[ \-]\d{8}[ \-]\d{3}[\dXx]|\d{11,15}[Xx]?)"
    + _EDGE_AFTER
)

#: Mainland mobile numbers: 1, then 3-9, then nine digits; +86/86 prefix allowed; not after a
#: letter, a digit or a mask. Each way a number may start (+86, 86, 1) reads its first character
#: before that look-behind, so ``re`` scans for the three.
_NO_EDGE = "[A-Za-z0-9*]"
PHONE_RE = patterns.compile(
    rf"(?:\+(?<!{_NO_EDGE}\+)86[ \-]?1|8(?<!{_NO_EDGE}8)6[ \-]?1|1(?<!{_NO_EDGE}1))"
    r"[3-9]\d(?:[ \-]?\d{4}){2}(?![A-Za-z0-9*])"
)


def find_number_runs(normalized: str) -> list[NumberRun]:
    """Digit runs of 15-19 digits (an optional trailing X), grouped or not."""
    runs = []
    for m in NUMBER_RUN_RE.finditer(normalized):
        raw = m.group(0)
        digits = "".join(ch for ch in raw if ch.isdigit() or ch in "Xx").upper()
        if "X" in digits[:-1]:
            continue
        runs.append(NumberRun(m.start(), m.end(), digits, grouped=len(digits) != len(raw)))
    return runs


@frozen
class PhoneNumber:
    start: int
    end: int
    digits: str


def find_phone_numbers(normalized: str) -> list[PhoneNumber]:
    """Full (unmasked) mainland mobile numbers."""
    found = []
    for m in PHONE_RE.finditer(normalized):
        digits = "".join(ch for ch in m.group(0) if ch.isdigit())
        found.append(PhoneNumber(m.start(), m.end(), digits[-11:]))
    return found


def mask_phone(digits: str) -> str:
    """13800006620 -> 138****6620."""
    return digits[:3] + MASK * 4 + digits[-4:]
