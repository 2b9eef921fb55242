"""Benchmark: the risk screen's throughput, against plain regex and JSON work on the same texts.

What it does, in one process on this machine:
  1. builds N (default 20,000) texts, seeded, by sampling the development corpus
     (kindling/safety/tests/dev-corpus.jsonl): 60% are one corpus text, 30% join two and 10%
     join three, so most are a sentence or two, like a journal note;
  2. times `screen_many` over all of them: the rules, then the statistical model wherever the
     rules found nothing urgent (rules compiled and model read before the clock starts);
  3. times three references over the same texts: the rules alone (what the model costs),
     `re.search(r"\\bsad\\b", text)` (the cheapest useful thing a screen could do)
     and a JSON round trip of `{"id", "text"}` (what `kindling risk` does to every line anyway);
  4. prints texts per second for each, by text size and overall, and the ratios.

Target (issue 6): thousands of texts a second; the brief aims for more than 10,000 a second on
short texts. The script reports; it does not assert. Each timing is the best of --repeat runs
(default 3), the usual way to see past other work on a shared machine.

Usage: .venv/bin/python bench/risk.py [--texts N] [--repeat R] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kindling.safety.screen import model, rules, screen_many  # noqa: E402

CORPUS = ROOT / "kindling" / "safety" / "tests" / "dev-corpus.jsonl"
TARGET_SHORT = 10_000
REGEX_LABEL = r"re.search(\bsad\b), same texts"
JSON_LABEL = "JSON dumps + loads, same texts"
PARTS = [1, 2, 3]
WEIGHTS = [0.6, 0.3, 0.1]


def make_texts(n: int, seed: int) -> list[tuple[int, str]]:
    corpus = [json.loads(line)["text"] for line in CORPUS.read_text().splitlines() if line]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = rng.choices(PARTS, WEIGHTS)[0]
        out.append((parts, " ".join(rng.sample(corpus, parts))))
    return out


def best_rate(run: Callable[[list[str]], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def rules_only(texts: list[str]) -> None:
    compiled = rules()
    for text in texts:
        compiled.screen(text)


def regex_only(texts: list[str]) -> None:
    word = re.compile(r"\bsad\b")
    for text in texts:
        word.search(text)


def json_round_trip(texts: list[str]) -> None:
    for n, text in enumerate(texts):
        json.loads(json.dumps({"id": n, "text": text}, ensure_ascii=False))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.texts < 1 or args.repeat < 1:
        print("bench/risk.py: --texts and --repeat must be at least 1", file=sys.stderr)
        return 2

    compiled = rules()  # compile once, outside the clock
    scorer = model()  # and read the model once
    sample = make_texts(args.texts, args.seed)
    texts = [text for _, text in sample]
    screened = screen_many(texts)  # warm up, and count what the screen found
    found = {level: sum(s.level == level for s in screened) for level in ("urgent", "concern")}

    screen_rate = best_rate(screen_many, texts, args.repeat)
    rules_rate = best_rate(rules_only, texts, args.repeat)
    regex_rate = best_rate(regex_only, texts, args.repeat)
    json_rate = best_rate(json_round_trip, texts, args.repeat)
    by_size = {
        parts: best_rate(screen_many, [t for p, t in sample if p == parts], args.repeat)
        for parts in PARTS
    }

    chars = sum(len(t) for t in texts) / len(texts)
    print(f"risk screen benchmark: {len(texts):,} texts from the dev corpus (seed {args.seed}), "
          f"mean {chars:.0f} characters, rules {compiled.version}, model {scorer.version}, "
          f"best of {args.repeat}, "
          f"{os.cpu_count()} cores")  # fmt: skip
    print(f"the screen found {found['urgent']:,} urgent and {found['concern']:,} concern")
    print()
    print(f"{'':<40}{'texts/s':>12}")
    print(f"{'screen_many (rules + model), all texts':<40}{screen_rate:>12,.0f}")
    for parts in PARTS:
        label = f"  texts of {parts} corpus line{'s' if parts > 1 else ''}"
        print(f"{label:<40}{by_size[parts]:>12,.0f}")
    print(f"{'the rules alone, same texts':<40}{rules_rate:>12,.0f}")
    print(f"{REGEX_LABEL:<40}{regex_rate:>12,.0f}")
    print(f"{JSON_LABEL:<40}{json_rate:>12,.0f}")
    print()
    for label, rate in [
        ("the rules alone", rules_rate),
        (REGEX_LABEL, regex_rate),
        (JSON_LABEL, json_rate),
    ]:
        print(f"ratio screen / {label}: {screen_rate / rate:.3f} "
              f"(the screen takes {rate / screen_rate:.1f} times as long)")  # fmt: skip
    print()
    short = by_size[1]
    met = "met" if short >= TARGET_SHORT else "MISSED"
    print(f"target  > {TARGET_SHORT:,} texts/s on short (one-line) texts: {met} ({short:,.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
