"""Demand (KM2xx), evidence (KM3xx) and deadline (KM4xx): fire where the guide says the draft
falls short, stay quiet on drafts written the way it recommends, and point at the right words."""

from __future__ import annotations

import pytest

from kameng_lint import Linter

MODEL = (
    "本人李明，订单号XC20241103，就“原神创世结晶”未到账一事投诉，要求平台在24小时内退还648元至原支付账户。"
    "11月3日支付648元（详见证据1），游戏内余额未增加（详见证据2）。若逾期未处理，我将向12315投诉。"
    "证据清单：证据1 支付宝账单截图；证据2 游戏内余额截图。"
)


@pytest.fixture(scope="module")
def linter():
    return Linter()


def codes(linter, text):
    return {f.code for f in linter.lint_text(text).findings}


def findings(linter, text, code):
    return [f for f in linter.lint_text(text).findings if f.code == code]


def test_model_complaint_is_clean(linter):
    assert linter.lint_text(MODEL).findings == []


# -- demand ---------------------------------------------------------------------------------
@pytest.mark.parametrize("vague", [
    "请尽快解决。", "给我个说法！", "请你们一定给个交代。", "自己看着办吧。", "平台必须负责到底。",
    "请协会督促平台严肃处理。", "麻烦看看怎么回事。", "希望平台给我一个合理的解释。", "请尽快给我处理一下。",
])
def test_vague_demand_fires_on_the_phrase(linter, vague):
    text = f"订单XH0815，5月1日购买点卡50元未到账（截图1）。{vague}"
    hits = findings(linter, text, "KM202")
    assert hits, vague
    assert all(h.text in vague for h in hits)


def test_vague_words_next_to_a_concrete_demand_are_left_alone(linter):
    text = "订单XH0815未到账（截图1）。要求24小时内退还50元，请尽快处理。"
    assert not {"KM201", "KM202"} & codes(linter, text)


def test_no_demand(linter):
    text = "我8月15日下单50元点卡（截图1），客服说会在24小时内处理（截图2），已经五天了。"
    assert "KM201" in codes(linter, text)


def test_customer_service_demand_is_not_the_authors(linter):
    text = "客服要求我提供付款截图（截图1），我已经提供了。"
    assert "KM201" in codes(linter, text)


@pytest.mark.parametrize("demand", ["要求平台于6月20日前退款。", "要求3个工作日内退还货款。", "请在7日内退款，并赔偿100元。"])
def test_money_demand_without_amount(linter, demand):
    text = f"6月12日支付50元（证据1），未到账（证据2）。{demand}"
    hits = findings(linter, text, "KM204")
    assert len(hits) == 1 and hits[0].text in ("退款", "退还")


@pytest.mark.parametrize("demand", [
    "要求平台于6月20日前退款50元。", "要求将余额50元原路退回。", "要求3日内全额退款。",
    "要求24小时内退款50元，退回原支付账户。", "要求平台24小时内冻结该账号并协助找回。",
])
def test_measurable_demands_pass(linter, demand):
    text = f"6月12日支付50元（证据1），未到账（证据2）。{demand}"
    assert not {c for c in codes(linter, text) if c.startswith("KM2")}, demand


@pytest.mark.parametrize("demand, fires", [
    ("要求7日内退还30元，并赔偿精神损失费五万元。", True),
    ("要求3日内赔偿我10万元。", True),
    ("要求15日内退还30元并依据消法第55条赔偿500元。", False),
    ("要求15日内退还30元并赔偿90元。", False),
])
def test_unachievable_compensation_follows_article_55(linter, demand, fires):
    text = f"本人花30元购买月卡（附件1），兑换码无效（附件2）。{demand}"
    hits = findings(linter, text, "KM205")
    assert bool(hits) is fires
    if fires:
        assert "第55条" in hits[0].message


def test_food_uses_article_148(linter):
    text = "本人花100元购买外卖会员（附件1），送来的食品变质（附件2）。要求3日内退还100元并赔偿1000元。"
    assert "KM205" not in codes(linter, text)


def test_smart_rewrite_uses_the_drafts_amount(linter):
    text = "5月1日购买Q币88个，支付88元（截图1），未到账（截图2）。请尽快解决。"
    (hit,) = findings(linter, text, "KM202")
    assert "88元" in hit.suggestion


# -- evidence -------------------------------------------------------------------------------
def test_facts_without_any_reference(linter):
    text = "9月3日购买会员年卡，支付198元，兑换码已被他人兑换。要求5个工作日内退还198元。"
    hits = findings(linter, text, "KM301")
    assert hits and hits[0].text.startswith("9月3日")


@pytest.mark.parametrize("reference", ["（证据1）", "（见附件）", "（截图①）", "（附件一）", "，附上付款截图", "（详见聊天记录）"])
def test_any_explicit_reference_backs_the_facts(linter, reference):
    text = f"9月3日购买会员年卡，支付198元{reference}。要求5个工作日内退还198元。"
    assert "KM301" not in codes(linter, text)


@pytest.mark.parametrize("text, dangling", [
    ("支付后未到账（证据1），客服称已补发（证据5）。证据清单：证据1 支付截图；证据2 聊天记录。", "证据5"),
    ("激活后只有月卡（附件1），详情页写明年卡（附件3）。附件：1 激活记录；2 会员中心截图。", "附件3"),
    ("找回后拒赔（截图2、截图4）。截图1：找回通知；截图2：拒绝记录；截图3：承诺页面。", "截图2、截图4"),
])
def test_dangling_reference(linter, text, dangling):
    hits = findings(linter, text, "KM302")
    assert [h.text for h in hits] == [dangling]


def test_ranges_and_lists_over_lines(linter):
    text = "支付后未到账（证据1至证据3）。\n证据清单：\n证据1 支付截图\n证据2 聊天记录\n证据3 余额截图\n"
    assert "KM302" not in codes(linter, text)


def test_no_list_means_no_dangling_check(linter):
    assert "KM302" not in codes(linter, "下单后未到账（证据1 订单截图，证据7 聊天记录）。")


# -- deadline -------------------------------------------------------------------------------
@pytest.mark.parametrize("limit", [
    "24小时内", "48h内", "3个工作日内", "七日内", "一周内", "10月20日前", "2024年10月20日前", "本周五前",
    "今晚8点前", "两天之内", "本周内", "最迟10月20日",
    # Chinese numerals, and the day said again in brackets (blind2)
    "于七月十五日前", "十一月三号前", "于本周五（3月15日）前", "下周一(4月29日)之前", "3月15日（周五）前",
    # the hour in Chinese numerals, 仨 (blind3)
    "明天中午十二点前", "今晚八点之前", "仨工作日内",
    # dates written with dots and dashes, holidays, after 下班 (blind4)
    "于6.18前", "于2024-06-18前", "于端午节前", "于周五下班前", "于本月底前",
])
def test_explicit_limits_count(linter, limit):
    text = f"订单XH0815未到账（截图1）。要求平台{limit}退还50元。"
    assert "KM401" not in codes(linter, text), limit


@pytest.mark.parametrize("text", [
    "订单XH0815未到账（截图1）。请尽快退还50元。",
    "订单XH0815未到账（截图1），客服说会在24小时内处理（截图2）。要求退还50元。",
    "首页公告写着“充值失败24小时内自动退款”（截图1）。要求退还50元。",
    "订单XH0815未到账（截图1），客服承诺48小时内到账，没有兑现。要求退还50元。",
    "我在3天内联系了客服五次（截图1）。要求退还50元。",
    # chat-style spaces: the report runs past the space right after 说, up to the next one
    "订单XH0815未到账（截图1） 客服说 会在24小时内处理 一直没动静 要求退还50元",
])
def test_no_deadline_of_the_authors_own(linter, text):
    assert "KM401" in codes(linter, text)


def test_escalation_clause_counts_as_deadline(linter):
    text = "订单XH0815未到账（截图1）。请退还50元，若7日内仍未处理，我将向12315投诉。"
    assert "KM401" not in codes(linter, text)


@pytest.mark.parametrize("text", [
    # a failure then what the author will do, with no 若 (and a 了 that is not the past)
    "订单XH0815未到账（截图1）。要求退还50元，2天内没弄好我就只能找12315了",
    # today, as a limit: 今天必须给我处理
    "订单XH0815未到账（截图1）。要求退还50元，今天必须给我处理。",
])
def test_limits_in_the_authors_other_shapes(linter, text):
    assert "KM401" not in codes(linter, text)


def test_a_little_is_not_one_oclock(linter):
    text = "订单XH0815未到账（截图1）。要求退还50元，希望能早一点前来处理。"
    assert "KM401" in codes(linter, text)


def test_a_past_wait_is_still_not_a_deadline(linter):
    text = "订单XH0815未到账（截图1）。我3天内联系了客服五次都没回复。要求退还50元。"
    assert "KM401" in codes(linter, text)


def test_vague_time_word_is_pointed_at(linter):
    (hit,) = findings(linter, "订单XH0815未到账（截图1）。请马上退还50元。", "KM401")
    assert hit.text == "马上"


def test_next_step_is_opt_in(linter):
    text = "订单XH0815未到账（截图1）。要求3日内退还50元。"
    assert "KM402" not in codes(linter, text)
    from kameng_lint import Config

    opted = Linter(Config(select=["KM402"]))
    assert [f.code for f in opted.lint_text(text).findings] == ["KM402"]


# -- demand: how people actually write it ----------------------------------------------------
@pytest.mark.parametrize("text", [
    # the demand continues over ；
    "6月3日购买E卡500元（见证据1），未收到卡密（见证据2）。要求3个工作日内重新发送卡密；若该卡已被兑换，则退还500元。",
    # a heading, then the demand as a numbered list on the next lines
    "事实：9月2日付款15000元（证据1）。\n请求事项：\n1. 平台于9月30日前退还账号交易款15000元；\n2. 提供卖家注册信息。\n事实与理由：见上。",
    # no marker word: the demand sits inside its own condition
    "一百块的点卡没充上，截图1是付款的。下周一之前要是还不给我退这100块，我就去12315投诉。",
    "你们最好24小时内把我的600块退回来。订单号MX2210，付款截图见附件1。",
    # 限 + who must act: 限你们今天24点前退100元
    "话费充值100元（订单FG2211）扣了款没到账（截图1）。限你们今天24点前退100元。",
])
def test_demands_in_other_shapes_are_found_and_measurable(linter, text):
    assert not {c for c in codes(linter, text) if c.startswith("KM2")}, text


@pytest.mark.parametrize("text", [
    "CF点券100元没到账（图1）。赶紧把钱退我，24小时内。",
    "付了100元没到账（图1），24小时内赶紧把钱退给我。",
])
def test_money_moved_with_ba_needs_its_amount(linter, text):
    assert "KM204" in codes(linter, text)
    assert "KM204" not in codes(linter, text.replace("把钱", "把100元"))


def test_a_quoted_or_cited_statute_is_not_the_authors_demand(linter):
    text = ("3月购买点券1200元（证据1），未到账（证据2）。根据消法第五十五条，经营者有欺诈行为的，应当按照消费者的要求增加赔偿。"
            "请求协会调解，促使平台在收到调解通知后10日内退还1200元。")
    assert not {c for c in codes(linter, text) if c.startswith(("KM2", "KM4"))}


def test_returning_a_card_is_not_a_money_demand_without_amount(linter):
    text = "买了两张E卡各200元（附件1），一张没用过，申请退回这一张。请在7个工作日内退还200元至原支付账户。"
    assert "KM204" not in codes(linter, text)


@pytest.mark.parametrize("text, fires", [
    ("客服称我故意刷单，拒绝退款（截图1）。", False),          # the agent's words, without quotation marks
    ("客服说你们这种人就是骗子（截图1）。", False),
    ("客服说会处理，你们就是骗子！", True),                     # the author's own clause
    ("客服说的没有一句实话。", True),                           # the author's judgement of what was said
])
def test_reported_speech_without_quotation_marks_is_not_the_authors_tone(linter, text, fires):
    assert any(c.startswith("KM1") for c in codes(linter, text)) is fires


def test_someone_elses_requirement_is_still_not_a_demand(linter):
    assert "KM201" in codes(linter, "订单A1（证据1）。客服的要求是先提供截图。")


def test_a_demand_after_a_blank_line_spans_its_words(linter):
    """A sentence-start marker after a line break and blanks: the demand is the words, not empty."""
    text = "订单A1，3月1日充值100元未到账（截图1）。\n  退还100元。"
    doc = linter.document(text)
    [(start, end)] = doc.demands
    assert text[start:end] == "退还100元"


@pytest.mark.parametrize("text, fires", [
    ("本人用户XXX，订单号XXX，投诉Q币未到账，详见证据X。要求3日内退还100元。", True),  # a template's placeholder
    ("本人用户张三，订单号A1，Q币未到账，详见证据N。要求3日内退还100元。", True),
    ("本人用户张三，订单号A1，Q币未到账，详见附件。要求3日内退还100元。", False),
])
def test_a_placeholder_cites_nothing(linter, text, fires):
    assert ("KM301" in codes(linter, text)) is fires


def test_lines_that_open_with_an_item_are_the_list_of_a_draft_without_one(linter):
    text = "CF永久武器198元 到手是30天的 看附件3\n附件1订单截图\n附件2商品页写的永久\n要求5天内退198元"
    [hit] = findings(linter, text, "KM302")
    assert hit.text == "附件3"
    inline = "9点付了100块 没到账\n图1是付款记录 图2是游戏里的余额\n要求3天内退100元"
    assert not {"KM301", "KM302"} & codes(linter, inline)


@pytest.mark.parametrize("text", [
    "客服让我把验证码发过去说帮我查订单 我发了 然后我的qq就被人登了",  # told, with no figure or date
    "代充的时候店家要我账号，我给了。结果充了一半就说失败，钱不退。",
])
def test_facts_without_figures_still_need_evidence(linter, text):
    assert "KM301" in codes(linter, text)


def test_a_money_verb_after_a_negation_is_a_fact(linter):
    text = "订单A1，3月1日充值100元（截图1），到现在都没退我100元。"
    assert "KM201" in codes(linter, text)


@pytest.mark.parametrize("heading", ["## 证据清单", "三、证据清单", "【证据清单】", "证据清单"])
def test_an_evidence_list_under_a_heading_with_no_colon(linter, heading):
    text = (f"5月20日付款95元（证据1），未到账（证据2），订单页显示已完成（证据4）。要求48小时内退还95元。\n{heading}\n"
            "1. 支付宝付款截图\n2. 游戏内余额截图\n3. 客服对话截图")
    [hit] = findings(linter, text, "KM302")
    assert hit.text == "证据4"


def test_a_demand_alone_on_its_line_is_not_a_heading(linter):
    """要求退款 on a line of its own is the whole demand: the amount on the next line is a fact."""
    text = "订单A1未到账（证据1）。\n要求退款\n3月1日付款100元（证据1），3日内处理。"
    assert "KM204" in codes(linter, text)


@pytest.mark.parametrize("text", [
    "订单A1，付款100元（证据1）。客服承诺48小时内补发，至今没有。",   # someone else's promise
    "订单A1，付款100元（证据1）。我3天内把钱充进去了，还是没到账。",   # a fact told in the past
])
def test_a_limit_before_an_action_is_not_always_a_demand(linter, text):
    assert "KM201" in codes(linter, text)


def test_an_action_inside_a_vague_phrase_is_not_concrete(linter):
    text = "订单A1，实付190元只到了100（证据1）。希望平台拿出点诚意，你们自己看着怎么弥补吧。"
    assert "KM202" in codes(linter, text)


def test_a_price_with_dots_is_not_a_date(linter):
    text = "订单A1未到账（截图1）。花了6.18元前天买的，要求退回6.18元。"
    assert "KM401" in codes(linter, text)


def test_a_game_route_is_not_a_figure(linter):
    """代跑图一整个季节: 跑图 is a game chore, not 图一 (figure 1)."""
    text = "6月1日买了128元的代肝套餐，包括代跑图一整个季节。要求3日内退还64元。"
    assert "KM301" in codes(linter, text)


@pytest.mark.parametrize("text", [
    # -- shapes the second blind set used
    "订单A1，3月1日充值100元未到账（证据1）。我的要求：在两个工作日内退还100元。证据1：截图",  # 我的要求, not 客服的要求
    "订单A1，3月1日充值388元未到账（截图1）。\n388退给我 今天晚上12点之前 不然我去黑猫",        # the sum first, chat-style
    "订单A1，3月1日买了港区steam卡（证据1）。我就想换一张国区的 3天内。证据1：截图",              # 我就想 + an exchange
    "订单A1，兑换码过期了（截图1）。要求重新发一个有效的兑换码，2天内。",                         # 重新发 is an action
    # -- the third
    # a heading with no colon over the demand's list (二、投诉要求 / ## 诉求)
    "订单LX1，6月5日支付57元（证据1）。\n二、投诉要求\n1. 48小时内退还57元至原微信支付账户；\n2. 希望平台加强客服培训。",
    "## 经过\n8月12日申请退款（证据1）。\n## 诉求\n3日内退还30元至原支付宝账户。",
    # the money verb, then the sum: an order with no marker word
    "4.10买的年卡199元（截图1），没开通。快快快，退199元给我，明天中午十二点前。",
    # a dictated draft with no punctuation: 页面所以麻烦 is not the page asking
    "我买了兑换码158块截图1是付款记录截图2是商品页面所以麻烦你们七十二小时之内给我换一个或者退158块",
    # actions other than money: issue a statement, publish a notice
    "订单KM1，有人冒充客服骗走800元（证据1）。要求平台在3个工作日内：1. 公开声明该QQ号非官方账号；2. 在首页发布防冒充公告。",
    # -- the fourth
    # a time limit opens the order, with no marker word
    "订单A1，3月12日支付98元（证据1）。48小时内把98元原路退回我的支付宝，或者把980点券一次补齐。",
    "订单A1，代练费98元（证据1）。三个工作日内退还全部代练费九十八块到我的微信零钱。",
    "订单A1，只发了一半金币（证据1）。限期三天内补发剩余500万金币，否则退还差额160元。",
    # a question, an imperative with 给我, an order after its condition
    "订单A1，扣了两次50元（截图1）。能不能在5月22日前把多扣的50块原路退给我？",
    "订单A1，只到账300个（证据1）。给我补发剩下的700合成玉，48小时内到账。",
    "订单A1，付款128元（证据1）。如果6月8日前补不上货，就把128元退到我付款的账户。",
    # wishes and actions the vocabulary now knows
    "订单A1，付款98元（附件1），账号改不了密（附件2）。我只希望7日内拿回我的98元。",
    "订单A1，货款860元未结算（证据1）。请在3个工作日内结算860元。",
    "订单A1，128元的套餐只做了一半（证据1）。6月9日前把一半的钱退给我。",
    # the sixth set: money sent somewhere, things given back, a bare sum after the author's limit
    "订单A1，退款失败（截图1）。请于三个工作日内将30元转至本人银行卡。",
    "订单A1，两件装备被转走（截图1）。请平台把这两件装备归还到我的账号，在本月15号以前处理好。",
    "订单A1 点卡99块没到账 付款截图见图1 客服答应当天补发的记录见图2 给我48小时内退99 不然我就挂黑猫",
    # the eighth set: Cantonese, 要么…要么, a sum after the verb or in the next clause, holidays
    "订单A1（图1）。要么马上发卡，要么把200块退给我，今天晚上12点之前给我个结果。",
    "订单A1（图1）。唔该你哋帮我查下个卖家，将300蚊退返畀我，三日内回复我。",
    "订单A1（图1）。我就要退这39块钱，5月10号之前退回卡里就行。",
    "订单A1（图1）。骗子平台，退钱328，今天不退明天我就去12315。",
    "订单A1（图1）。退钱，150块一分不能少，明天中午前不退我就投诉。",
    "订单A1（图1）。能麻烦帮我补发一下这个皮肤吗，或者退28.8也行，3日内处理。",
    "订单A1（图1）。我会非常感激如果你们可以退款89元给我，在5天之内。",
    "订单A1，付款60元（图1）。现要求平台退还60元，并在除夕（2月9日）前处理完毕。",
])
def test_demands_in_the_shapes_blind_writers_used(linter, text):
    """Each is a measurable demand with a time limit, in a shape the markers once missed."""
    assert not {c for c in codes(linter, text) if c.startswith(("KM2", "KM4"))}, text



@pytest.mark.parametrize("text", [
    # 截至…仍未: "as of", not a limit
    "订单A1，2月1日付款45元（证据1），截至2月3日仍未到账（证据2）。要求退还45元。",
    # the agent's promise goes on after a comma
    "订单A1，代练费360元（截图1）。客服说要跟代练核实，48小时内给答复，结果四天了。要求退还360元。",
])
def test_time_that_is_not_the_authors_limit(linter, text):
    assert "KM401" in codes(linter, text)


def test_an_order_inside_its_own_condition_after_a_limit(linter):
    text = "订单A1，6月3日付了568元（证据1）。两天内不把568元退到我支付宝，我就向12315投诉。"
    assert not {c for c in codes(linter, text) if c.startswith(("KM2", "KM4"))}


# -- blind6: what three more blind writers' drafts taught ------------------------------------
@pytest.mark.parametrize("text, fires", [
    # a multiple of the price is measurable only when the draft states the price
    ("本人下单段位代练（见图1），至今未完成（见图2）。【投诉要求】退一赔三。请在3个工作日内答复。", True),
    ("本人下单段位代练，付款300元（见图1），至今未完成（见图2）。诉求：退一赔三，3个工作日内处理。", False),
    ("付款300元（见图1）未发货。要求退款并三倍赔偿，3日内处理。", False),
])
def test_a_multiple_of_the_price_needs_the_price(linter, text, fires):
    assert ("KM204" in codes(linter, text)) is fires


def test_a_multiple_is_not_an_amount_of_its_own(linter):
    doc = linter.document("诉求：退一赔三。")
    assert doc.amounts == []


@pytest.mark.parametrize("text, vague", [
    # a process (核实) next to a vague wish leaves the remedy open
    ("订单A1，付款285元（截图1）未退（截图2）。请平台核实情况并妥善处理，于4月12日前给予答复。", "妥善处理"),
    ("订单A1，被扣2460元（截图1）。请你们核实一下 看怎么处理，3日内答复。", "看怎么处理"),
    # 提现记录 names a record, not an action the demand asks for
    ("订单A1，提现2300元未到账。希望平台重视一下这个问题 给用户一个交代 付款和提现记录见图1 图2", "给用户一个交代"),
])
def test_a_process_or_a_record_is_not_a_remedy(linter, text, vague):
    assert vague in [f.text for f in findings(linter, text, "KM202")]


def test_a_process_with_a_remedy_is_concrete(linter):
    text = "订单A1，付款50元（截图1）未到账。请平台核实后3日内退还50元，妥善处理。"
    assert not {c for c in codes(linter, text) if c.startswith("KM2")}


@pytest.mark.parametrize("text, dangling", [
    # several items defined on one line
    ("3月3日付款150元（附件1），客服答应退款（附件2），又改口（附件3）。\n附件1：付款记录 附件2、附件3：客服聊天记录截图", False),
    # 证据材料清单 is a list header
    ("实付475元（证据材料1），余额只加300元（证据材料2），客服承认发错（证据材料3）。\n证据材料清单：\n1. 付款截图\n2. 余额截图", True),
])
def test_evidence_lists_in_more_shapes(linter, text, dangling):
    assert ("KM302" in codes(linter, text)) is dangling


def test_vouchers_are_evidence_items(linter):
    text = ("本人于2月10日购买充值卡500元（凭证一），至今未到账（凭证二）。请于3月10日前退还500元。\n"
            "凭证一 支付记录；凭证二 订单状态")
    assert not {c for c in codes(linter, text) if c.startswith("KM3")}


@pytest.mark.parametrize("text, authors", [
    ("依据：《消费者权益保护法》第四十六条，有关行政部门应当自收到投诉之日起七个工作日内予以处理。请求：退还66元。", False),
    ("根据消法第24条，7日内退还66元。", True),
    ("依据消法第55条，若3日内未退还66元，我将起诉。", True),
])
def test_a_limit_the_statute_sets_is_not_the_authors(linter, text, authors):
    assert ("KM401" not in codes(linter, text)) is authors


# -- blind7 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, fires", [
    # the sum in the clause after the refund measures it
    ("订单A1（图1）。3日内给我把实名改成我的，改不了就退钱，860块一分不能少。", False),
    ("订单A1（图1）。请3日内退款，共98元。", False),
    # 将款项退到… is a refund, and here no sum is stated anywhere
    ("订单A1未发货（证据1）。请将款项退到我尾号0123的建设银行卡。请在3个工作日内办理。", True),
    # 6月12日我申请退款 tells what was done; the demand is the last sentence, without its sum
    ("6月6日付款920元（图1），只到账400个（图2）。6月12日我申请退款，6月14日平台退回了276元（图3）。"
     "我的要求：把剩下没到账部分对应的钱退给我。请在3日内处理。", True),
])
def test_money_demands_in_the_blind7_shapes(linter, text, fires):
    assert ("KM204" in codes(linter, text)) is fires


def test_a_condition_on_a_date_is_the_authors_limit(linter):
    text = "5月22日购买月卡45元（证据1）。我的要求是退还45元。如果到6月10日仍未退款，我会把材料提交到12315平台。"
    assert "KM401" not in codes(linter, text)


@pytest.mark.parametrize("text", [
    # a range defined on an item line
    "6月8日下了5笔订单（见证据1），少发一张（证据2），客服答复会补发（证据3）。请在6月14日前补发。\n"
    "证据1-5已打包上传：1订单列表，2发货记录，3客服聊天，4店铺公告，5付款明细。",
    # a bare number after 、 is of the kind before it
    "激活码提示已被使用（截图1），客服回复不退（截图2、截图3）。请在3个工作日内退款148元。\n附：截图1激活失败页面；截图2、3聊天记录。",
])
def test_lists_that_define_more_than_their_first_item(linter, text):
    assert "KM302" not in codes(linter, text)


def test_an_evidence_list_alone_backs_the_facts(linter):
    text = "买的年卡88元兑换码无效，客服让我等了五天。要求3天内退款88元。证据：图1兑换失败，图2付款记录。"
    assert "KM301" not in codes(linter, text)


# -- blind8 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, code", [
    ("订单A1（图1）。麻烦你们帮帮忙，能退多少退多少吧，3日内答复。", "KM204"),
    ("订单A1，付款68元（证据1）。东西我用了一部分，希望能在3日内退一部分钱。", "KM204"),
    # 买家 is another party: the buyer's 申请退款 is no demand of the author's
    ("我出售账号1500元（证据1），买家确认收货后又以“账号被找回”为由申请退款（证据2）。", "KM201"),
])
def test_money_left_open_or_asked_by_another(linter, text, code):
    assert code in codes(linter, text)


def test_a_refund_beside_a_penalty_is_the_stake(linter):
    text = ("诉求：退还游戏账号货款¥560，并支付违约金¥56。事实：5月8日购买账号（截图1），被原号主找回（截图2）。"
            "请于10日内履行。截图1 商品页；截图2 找回通知。")
    assert "KM205" not in codes(linter, text)


@pytest.mark.parametrize("text", [
    "8月12日买的皮肤付款69元，如图所示，订单状态被改成了已发货。请在8月20日前补发该皮肤。",
    "请求：全额赔付6800元（证据1），规则见证据2。请于5个工作日内书面答复。\n附：证据1至证据4。",
])
def test_evidence_in_the_blind8_shapes(linter, text):
    assert not {c for c in codes(linter, text) if c.startswith("KM3")}
