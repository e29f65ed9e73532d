"""Privacy (KM6xx) and the validators behind it: checksums, masking, and what must stay quiet."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from kameng_lint import Config, Linter
from kameng_lint.validators import (
    id_check_digit,
    is_bank_card,
    is_resident_id,
    luhn_check_digit,
    luhn_valid,
    mask_bank_card,
    mask_resident_id,
)

LINTER = Linter(Config())


def privacy(text: str, linter: Linter = LINTER):
    return [f for f in linter.lint_text(text).findings if f.category.value == "privacy"]


birth_dates = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2015, 12, 31))


@given(region=st.integers(100000, 999999), born=birth_dates, seq=st.integers(0, 999))
def test_any_body_with_its_check_digit_is_an_id(region, born, seq):
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    assert is_resident_id(body + id_check_digit(body))


@given(region=st.integers(100000, 999999), born=birth_dates, seq=st.integers(0, 999), data=st.data())
def test_a_wrong_check_digit_is_not_an_id(region, born, seq, data):
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    wrong = data.draw(st.sampled_from([c for c in "0123456789X" if c != id_check_digit(body)]))
    assert not is_resident_id(body + wrong)


def test_an_impossible_birth_date_is_not_an_id():
    body = "20240520131452009"  # 2013-14-52: an order number that happens to be 18 digits
    assert not is_resident_id(body + id_check_digit(body))


@given(body=st.from_regex(r"[1-9]\d{14,17}", fullmatch=True))
def test_luhn_check_digit_makes_a_card(body):
    card = body + luhn_check_digit(body)
    assert luhn_valid(card) and is_bank_card(card)


@given(body=st.from_regex(r"[1-9]\d{14,17}", fullmatch=True), data=st.data())
def test_a_wrong_luhn_digit_is_not_a_card(body, data):
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != luhn_check_digit(body)]))
    assert not is_bank_card(body + wrong)


def test_masks_keep_only_what_identifies_nothing():
    assert mask_resident_id("11010519900307002X") == "110105********002X"
    assert mask_bank_card("6222000012345678") == "6222********5678"


@pytest.mark.parametrize(
    "text, code, masked",
    [
        ("本人韦某，身份证号110105199003070025，订单WY0927。", "KM601", "110105********0025"),
        ("银行卡6222 0000 1234 5678 907已被扣款100元。", "KM602", "6222***********8907"),
        ("客服要支付密码，我给了，密码是830522。", "KM603", "******"),
        ("账号zhuque_0912，密码 Zq@2024pass，登不上。", "KM603", "******"),
        ("又收到了验证码 604318。", "KM604", "******"),
        ("另一张还没用，卡密是 7Q4KP-X92HH-D35R0。", "KM605", "*****-*****-*35R0"),
    ],
)
def test_exposed_data_fires_with_the_masked_form_as_suggestion_and_fix(text, code, masked):
    found = [f for f in privacy(text) if f.code == code]
    assert len(found) == 1
    finding = found[0]
    assert finding.severity.value == "error"
    assert finding.text == text[finding.start : finding.end]
    assert finding.suggestion == masked
    assert finding.fix is not None and finding.fix.replacement == masked
    assert (finding.fix.start, finding.fix.end) == (finding.start, finding.end)


@pytest.mark.parametrize(
    "text",
    [
        "退回原银行卡（卡号6222********4471）。身份证号110105********002X。",
        "订单号：2024060112345678901，支付流水号4200002024060100001234567890。",
        "订单号：202405201314520099，年卡只到账月卡。",
        "联系电话13800006620，邮箱ma@example.com，QQ 123456789。",
        "卡密 9KX2-T7PM-44QA-8W1Z，兑换时系统提示“该卡已被使用”。",
        "卖家一直未发卡密。登录提示密码错误。客服让我报验证码，我没给。",
        "我在星河点卡网下单购买Steam钱包充值码50元（订单XH0815442）。",
    ],
)
def test_masked_values_and_record_numbers_stay_quiet(text):
    assert privacy(text) == []


def test_a_full_phone_number_is_flagged_only_where_it_will_be_public():
    text = "本人孙某，联系电话13800006620，订单SX2024112208未到账。"
    assert privacy(text) == []
    assert privacy(text, Linter(Config(channel="12315"))) == []
    found = privacy(text, Linter(Config(channel="heimao")))
    assert [(f.code, f.severity.value, f.suggestion) for f in found] == [("KM606", "info", "138****6620")]
