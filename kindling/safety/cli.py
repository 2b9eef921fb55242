"""`kindling risk [--in FILE.jsonl]`: screen many texts for risk, without starting Django.

Input: one JSON object a line, `{"id": ..., "text": "..."}`, from FILE or standard input,
read as UTF-8 and screened as it streams. Output: one JSON line per input line, in order:

    {"id": ..., "level": "none|concern|urgent", "about": "self|other|unclear", "matches": [...]}

or, for a line that cannot be screened, `{"id": ..., "error": "..."}` (the id is null when the
line has none), and the same reason on standard error as `line N: reason`. The rest go on.

- `id` is required, a string or a number, and is written back exactly as given (7 stays 7).
- `text` is required and must be a string; an empty string screens as "none".
- Blank lines (nothing but white space) are skipped without output: files often end with one,
  and an empty line holds no id to answer to. Every other line gets exactly one output line.
- Exit 0 when every line was screened; 2 when any line was bad, or when the run cannot start
  (the file cannot be read, or the rules or the model do not load), in which case nothing is
  written to standard output and one line on standard error says why.
- Each text gets the same screening as in the app: the rules, then the statistical model where
  the rules found no urgent risk, or for a second opinion on whose urgent risk they found
  (kindling.safety.screen.with_model); a model match has the rule "model".

`python -m kindling risk ...` comes straight here (kindling/__main__.py); the Django management
command (management/commands/risk.py) calls the same code.
"""

from __future__ import annotations

import argparse
import codecs
import json
import math
import os
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from . import screen

USAGE = "kindling risk [--in FILE.jsonl]"


def risk_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="kindling risk",
        description='Screen texts for risk: JSON lines {"id": ..., "text": ...} in, one '
        "result a line out.",
    )
    parser.add_argument(
        "--in",
        dest="source",
        type=Path,
        default=None,
        help="a JSON-lines file (default: standard input; '-' also means standard input)",
    )
    args = parser.parse_args(argv)  # exits 2 with a usage line on bad arguments
    return run(args.source)


def run(
    source: Path | None,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdout = stdout if stdout is not None else sys.stdout.buffer
    stderr = stderr if stderr is not None else sys.stderr
    try:
        rules = screen.rules()
        scorer = screen.model()
    except (screen.RulesError, ValueError, OSError) as error:
        print(f"kindling risk: {error}", file=stderr)
        return 2
    from_stdin = source is None or str(source) == "-"
    if from_stdin:
        stream = stdin if stdin is not None else sys.stdin.buffer
    else:
        try:
            stream = source.open("rb")
        except OSError as error:
            print(f"kindling risk: cannot read {source}: {error.strerror}", file=stderr)
            return 2
    bad = 0
    try:
        for number, raw in enumerate(stream, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            record_id, text, problem = _parse(raw)
            if problem is not None:
                bad += 1
                print(f"line {number}: {problem}", file=stderr)
                result = {"id": record_id, "error": problem}
            else:
                found = screen.with_model(rules.screen(text), text, scorer, rules)
                result = {
                    "id": record_id,
                    "level": found.level,
                    "about": found.about,
                    "matches": [m.as_dict() for m in found.matches],
                }
            stdout.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
            if from_stdin:
                stdout.flush()  # a program feeding us line by line sees each answer at once
        stdout.flush()
    except BrokenPipeError:
        # The reader went away (`kindling risk ... | head`): stop quietly.
        _silence_stdout()
        return 1
    finally:
        if not from_stdin:
            stream.close()
    return 2 if bad else 0


def _no_constants(name: str):
    raise ValueError(f"{name} is not allowed in JSON")


def _parse(raw: bytes) -> tuple[object, str | None, str | None]:
    """(id, text, problem): problem is None when the line can be screened."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, None, f"not valid UTF-8 (byte {error.start + 1})"
    try:
        record = json.loads(line, parse_constant=_no_constants)
    except (json.JSONDecodeError, ValueError) as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        return None, None, f"not valid JSON ({reason})"
    except RecursionError:
        return None, None, "not valid JSON (nested too deeply)"
    if not isinstance(record, dict):
        return None, None, 'each line must be a JSON object like {"id": ..., "text": ...}'
    record_id = record.get("id")
    if "id" not in record:
        problem = 'no "id"'
    elif isinstance(record_id, bool) or not isinstance(record_id, (str, int, float)):
        problem = f'"id" must be a string or a number, not {_kind(record_id)}'
    elif isinstance(record_id, float) and not math.isfinite(record_id):
        problem = '"id" must be a finite number'
    elif "text" not in record:
        problem = 'no "text"'
    elif not isinstance(record["text"], str):
        problem = f'"text" must be a string, not {_kind(record["text"])}'
    else:
        return record_id, record["text"], None
    return record_id, None, problem


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return {int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
