"""A deterministic (seeded) corpus of complaint drafts for the benchmarks.

Drafts are assembled from what the project ships: the drafts in ``examples/``, every rule's own
good and bad examples (pack rules and Python rules), and sentence templates filled with
products, amounts, dates and order numbers. Each draft mixes well-written parts with a random
selection of faults, so every rule family gets work. The same seed always gives the same corpus.

    python benchmarks/corpus.py --n 2000 --out benchmarks/out/corpus
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PRODUCTS = ["Q币", "点卡", "Steam充值卡", "腾讯视频会员", "王者荣耀点券", "原神创世结晶", "网易一卡通",
            "京东E卡", "爱奇艺会员", "游戏账号", "话费充值", "Apple礼品卡"]
PLATFORMS = ["星辰卡盟", "乐享卡盟", "易换礼品卡平台", "速充卡盟", "云端发卡网"]
CHANNELS = ["黑猫投诉", "12315平台", "消费者协会", "平台客服"]

FACTS = [
    "{m}月{d}日{h}:{mi}，我在{p}下单购买{prod}，并通过支付宝支付{a}元（详见证据{e}）。",
    "订单号{o}，购买{prod}共{a}元，页面显示“充值成功”，但至今未到账（见证据{e}）。",
    "{m}月{d}日联系在线客服，客服称“24小时内处理”，至今没有答复（见截图{e}）。",
    "客服工号C{n}表示会尽快处理，但{m}月{d}日再次询问时仍无结果。",
    "我于{m}月{d}日收到的卡密无法使用，系统提示“该卡已被使用”（见附件{e}）。",
    "充值后账户余额没有增加，我多次联系客服都没有回复。",
    "平台首页写着“秒发货”，实际等待了三天仍未发货。",
    "商家发来的{prod}卡号提示无效，我已保留聊天记录。",
]
DEMANDS = [
    "要求平台在{lim}内退还货款{a}元至原支付账户。",
    "请于{m}月{d}日前补发{prod}，或退还{a}元。",
    "要求退款。",
    "希望尽快解决，给我个说法。",
    "请平台{lim}内答复，否则我将向{ch}投诉。",
    "要求赔偿十万元。",
]
LIMITS = ["24小时", "48小时", "3个工作日", "7日", "5天"]
EVIDENCE = ["证据清单：\n证据1 支付宝账单截图\n证据2 聊天记录\n证据3 订单页面截图",
            "附件1 付款记录；附件2 客服对话截图。", ""]
OPENINGS = ["本人{name}，系{p}注册用户，就订单号{o}未到账一事投诉。", "致{ch}：", "你好，", ""]


def _shipped_examples() -> tuple[list[str], list[str], list[str]]:
    """(drafts in examples/, bad rule examples, good rule examples)."""
    from kameng_lint import Config, Linter

    linter = Linter(Config(select=["ALL"], tokenizer="jieba", plugins=False))
    bad = [text for rule in linter.all_rules for text in rule.examples.bad]
    good = [text for rule in linter.all_rules for text in rule.examples.good]
    drafts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return drafts, bad, good


class CorpusGenerator:
    def __init__(self, seed: int = 20241103) -> None:
        self.rng = random.Random(seed)
        self.drafts, self.bad, self.good = _shipped_examples()

    def _fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            m=r.randint(1, 12), d=r.randint(1, 28), h=r.randint(0, 23), mi=f"{r.randint(0, 59):02d}",
            p=r.choice(PLATFORMS), prod=r.choice(PRODUCTS), a=r.choice([30, 50, 100, 198, 328, 648, 1000]),
            e=r.randint(1, 4), o=f"{r.choice(['XC', 'LX', 'YH', 'JD'])}2024{r.randint(1000, 9999)}-{r.randint(10, 99)}",
            n=r.randint(100, 999), lim=r.choice(LIMITS), ch=r.choice(CHANNELS), name=r.choice(["李明", "王芳", "张伟"]),
        )

    def draft(self) -> str:
        """One draft of mixed quality, about 150-900 characters."""
        r = self.rng
        if r.random() < 0.1:
            return r.choice(self.drafts)
        parts = [self._fill(r.choice(OPENINGS))]
        for _ in range(r.randint(2, 7)):
            roll = r.random()
            if roll < 0.6:
                parts.append(self._fill(r.choice(FACTS)))
            elif roll < 0.8:
                parts.append(r.choice(self.good))
            else:
                parts.append(r.choice(self.bad))  # a fault: tone, privacy, structure ...
        parts.append(self._fill(r.choice(DEMANDS)))
        parts.append(r.choice(EVIDENCE))
        sep = "\n" if r.random() < 0.5 else ""
        return sep.join(p for p in parts if p) + "\n"

    def corpus(self, n: int) -> list[str]:
        return [self.draft() for _ in range(n)]

    def long_draft(self, size_bytes: int) -> str:
        """One draft of about ``size_bytes`` bytes of UTF-8: many facts, one demand at the end."""
        parts: list[str] = []
        total = 0
        while total < size_bytes:
            part = self.draft()
            parts.append(part)
            total += len(part.encode("utf-8"))
        return "".join(parts)


def write_corpus(texts: list[str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"draft{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20241103)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "corpus")
    args = parser.parse_args()
    texts = CorpusGenerator(args.seed).corpus(args.n)
    write_corpus(texts, args.out)
    print(f"{len(texts)} drafts, {sum(map(len, texts)):,} characters in {args.out}")


if __name__ == "__main__":
    main()
