"""`kindling risk`: JSON lines in, one result a line out, bad lines reported and skipped."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

GOOD = [
    {"id": "a1", "text": "I want to die"},
    {"id": 7, "text": "mum says she wants to die"},
    {"id": 7.5, "text": "I had a lovely walk with my dog."},
    {"id": "ü-☀", "text": "I don’t want to live anymore"},
]


def _env(**extra: str) -> dict[str, str]:
    # No KINDLING_* configuration and no usable Django settings: the command must not need them.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINDLING_")}
    env["DJANGO_SETTINGS_MODULE"] = "no.such.settings"
    env.update(extra)
    return env


def _run(*args: str, cwd: Path, stdin: bytes | None = None):
    return subprocess.run(
        [sys.executable, "-m", "kindling", "risk", *args],
        cwd=cwd, env=_env(), input=stdin, capture_output=True, timeout=120,
    )  # fmt: skip


def _lines(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def _jsonl(records) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def _check_good(out: list[dict]) -> None:
    assert [r["id"] for r in out] == ["a1", 7, 7.5, "ü-☀"]
    assert isinstance(out[1]["id"], int)
    assert [(r["level"], r["about"]) for r in out] == [
        ("urgent", "self"),
        ("urgent", "other"),
        ("none", "self"),
        ("urgent", "self"),
    ]
    for r in out:
        assert list(r) == ["id", "level", "about", "matches"]
    [match] = out[0]["matches"]
    assert set(match) == {"phrase", "rule", "level", "about", "explanation"}
    assert match["phrase"] == "want to die"
    assert out[2]["matches"] == []
    assert out[3]["matches"][0]["phrase"] == "don’t want to live"


def test_it_screens_a_file(tmp_path):
    (tmp_path / "in.jsonl").write_bytes(_jsonl(GOOD))
    result = _run("--in", "in.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    _check_good(_lines(result.stdout))


def test_it_screens_standard_input(tmp_path):
    result = _run(cwd=tmp_path, stdin=_jsonl(GOOD))
    assert result.returncode == 0, result.stderr
    _check_good(_lines(result.stdout))
    dash = _run("--in", "-", cwd=tmp_path, stdin=_jsonl(GOOD))
    assert dash.stdout == result.stdout


def test_bad_lines_get_an_error_line_and_the_rest_go_on(tmp_path):
    lines = [
        json.dumps({"id": 1, "text": "I want to die"}),
        "{not json",
        json.dumps({"id": 2}),
        json.dumps({"id": 3, "text": 42}),
        json.dumps({"id": 4, "text": None}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "no id here"}),
        json.dumps({"id": True, "text": "x"}),
        json.dumps({"id": 5, "text": "I'm dead tired"}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    result = _run("--in", "in.jsonl", cwd=tmp_path)
    assert result.returncode == 2
    out = _lines(result.stdout)
    assert len(out) == len(lines)
    assert out[0]["level"] == "urgent"
    assert out[1] == {"id": None, "error": out[1]["error"]}
    assert out[1]["error"].startswith("not valid JSON")
    assert out[2] == {"id": 2, "error": 'no "text"'}
    assert out[3] == {"id": 3, "error": '"text" must be a string, not a number'}
    assert out[4] == {"id": 4, "error": '"text" must be a string, not null'}
    assert out[5]["id"] is None and "JSON object" in out[5]["error"]
    assert out[6] == {"id": None, "error": 'no "id"'}
    assert out[7]["id"] is True and "string or a number" in out[7]["error"]
    assert out[8] == {"id": 5, "level": "none", "about": "self", "matches": []}
    assert result.stderr.decode().splitlines() == [
        f"line 2: {out[1]['error']}",
        'line 3: no "text"',
        'line 4: "text" must be a string, not a number',
        'line 5: "text" must be a string, not null',
        f"line 6: {out[5]['error']}",
        'line 7: no "id"',
        f"line 8: {out[7]['error']}",
    ]


def test_blank_lines_are_skipped_and_line_numbers_count_them(tmp_path):
    data = b'\xef\xbb\xbf{"id": 1, "text": "hello"}\n\n   \n{"id": 2, "text": 3}\n\n'
    result = _run(cwd=tmp_path, stdin=data)
    assert result.returncode == 2
    out = _lines(result.stdout)
    assert [r["id"] for r in out] == [1, 2]
    assert result.stderr.decode().splitlines() == ['line 4: "text" must be a string, not a number']


def test_a_line_that_is_not_utf8_is_reported(tmp_path):
    data = b'{"id": 1, "text": "caf\xe9"}\n{"id": 2, "text": "fine"}\n'
    result = _run(cwd=tmp_path, stdin=data)
    assert result.returncode == 2
    out = _lines(result.stdout)
    assert out[0]["id"] is None and "UTF-8" in out[0]["error"]
    assert out[1]["level"] == "none"


def test_a_missing_file_is_one_line_on_stderr_and_no_output(tmp_path):
    result = _run("--in", "nowhere.jsonl", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    [line] = result.stderr.decode().splitlines()
    assert "nowhere.jsonl" in line


def test_bad_arguments_exit_2(tmp_path):
    result = _run("--nonsense", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""


def test_answers_stream_line_by_line(tmp_path):
    """A program feeding the command one line at a time gets each answer before the next."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kindling", "risk"],
        cwd=tmp_path, env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        for n, text in enumerate(["I want to die", "a quiet day"]):
            proc.stdin.write(_jsonl([{"id": n, "text": text}]))
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, "no answer before the input ended"
            assert json.loads(proc.stdout.readline())["id"] == n
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()


def test_kindling_help_lists_the_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kindling", "help"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "risk" in result.stdout.split()


def test_the_management_command_gives_the_same_answers(tmp_path, capfdbinary):
    from django.core.management import call_command

    (tmp_path / "in.jsonl").write_bytes(_jsonl(GOOD))
    call_command("risk", "--in", str(tmp_path / "in.jsonl"))
    _check_good(_lines(capfdbinary.readouterr().out))


def test_a_model_that_does_not_load_stops_the_run_with_one_line(tmp_path, monkeypatch):
    import io

    from kindling_risk_model import load

    from kindling.safety import cli, screen

    broken = tmp_path / "model.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(screen, "model", lambda: load(broken))
    out, err = io.BytesIO(), io.StringIO()
    code = cli.run(None, stdin=io.BytesIO(_jsonl(GOOD)), stdout=out, stderr=err)
    assert code == 2
    assert out.getvalue() == b""
    assert (
        err.getvalue() == "kindling risk: model.json: not valid JSON (Expecting property name"
        " enclosed in double quotes: line 1 column 2 (char 1))\n"
    )


def test_a_text_only_the_model_reads_comes_out_with_a_model_match(tmp_path):
    text = "Sorted out who gets the cat and left the passwords in an envelope on the desk."
    done = _run(cwd=tmp_path, stdin=_jsonl([{"id": 1, "text": text}]))
    assert done.returncode == 0, done.stderr
    [line] = _lines(done.stdout)
    assert (line["level"], line["about"]) == ("urgent", "self")
    assert [m["rule"] for m in line["matches"]] == ["model"]
