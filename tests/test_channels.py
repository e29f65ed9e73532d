"""Channel profiles: data under rules/channels/, validated, selectable, extensible."""

from __future__ import annotations

import pytest

from kameng_lint import Config, Linter
from kameng_lint.channels import available_channels, load_profile, parse_profile
from kameng_lint.cli import main
from kameng_lint.config import ConfigError

BARE = "订单YH0612，3月1日支付100元后卡没发（证据1），联系客服无答复（证据2）。要求3日内退还100元。"


def codes(text: str, channel: str = "platform") -> list[str]:
    return [f.code for f in Linter(Config(channel=channel)).lint_text(text).findings]


def test_the_four_builtin_profiles_load():
    assert set(available_channels()) >= {"platform", "heimao", "12315", "cca"}
    for name in available_channels():
        assert load_profile(name).profile.name == name


def test_12315_requires_each_item_of_article_9():
    messages = [f.message for f in Linter(Config(channel="12315")).lint_text(BARE).findings if f.code == "KM510"]
    for label in ("投诉人姓名", "投诉人电话", "投诉人地址", "被投诉经营者地址"):
        assert any(label in m and "第9条" in m for m in messages), label
    complete = ("投诉人王某，电话13800006620，住址北京市海淀区中关村路1号。被投诉方：乐享卡盟（网址www.example.com）。"
                + BARE)
    assert "KM510" not in codes(complete, "12315")
    assert not [c for c in codes(complete, "12315") if c.startswith("KM6")]  # the phone is expected


def test_platform_requires_the_order_number_only():
    assert "KM501" in codes(BARE.replace("订单YH0612，", ""))
    assert "KM510" not in codes(BARE)


def test_heimao_wants_the_amount():
    assert "KM510" in codes("订单YH0612，卡没发（证据1），联系客服无答复。要求补发。", "heimao")


def test_unknown_channel_is_a_clean_error(tmp_path, capsys):
    with pytest.raises(ConfigError, match="unknown channel"):
        load_profile("nowhere")
    draft = tmp_path / "d.txt"
    draft.write_text(BARE, encoding="utf-8")
    assert main(["--channel", "nowhere", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "unknown channel" in err and "Traceback" not in err


def test_a_user_profile_is_loaded_from_its_path(tmp_path):
    profile = tmp_path / "bank.toml"
    profile.write_text(
        '[profile]\nname = "bank"\ntitle = "银行"\nbasis = "银行投诉须知"\n\n'
        '[[require]]\nitem = "card_tail"\nlabel = "卡号后四位"\npattern = "尾号\\\\d{4}"\n',
        encoding="utf-8",
    )
    assert "KM510" in codes(BARE, str(profile))
    assert "KM510" not in codes("尾号4471。" + BARE, str(profile))


def test_a_bad_profile_names_the_field():
    with pytest.raises(ConfigError, match="require"):
        parse_profile('[profile]\nname="x"\ntitle="x"\nbasis="x"\n[[require]]\nitem="a"\nlabel="b"\n', "x.toml")
