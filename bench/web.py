"""How fast does Kindling serve a client's home page, next to a page that does nothing?

Run it with `make bench` (or `.venv/bin/python bench/web.py --seconds 10`). It:

1. makes a throw-away data directory, loads the demo practice into a fresh SQLite database and
   collects the static files, exactly as a production install would;
2. starts the production server, gunicorn with 2 sync workers and production settings (DEBUG off,
   manifest static files), on a random loopback port;
3. logs in as the demo client (client@demo.kindling) over plain HTTP to get a session cookie;
4. drives two URLs in turn with wrk (2 threads, 32 connections, a short warm-up, then a
   bounded measurement), and prints requests/s and latency for each:

   - /healthz answers "ok" without a template, a session or the database. It is the ceiling:
     what gunicorn, Django's middleware and this machine manage when the view costs nothing.
   - /today/ is a signed-in client's home page: session and user lookups, the client's profile
     and care team, a full template.

How to read it: the ratio (/today/ requests/s divided by /healthz requests/s) is the share of
the server's capacity left after the real work of a page. It is far steadier from machine to
machine than either number alone, because both sides share the same server, settings and CPU.
The design target is a ratio of at least 0.5 (a client's page costs no more than the server's
own fixed overhead per request) and a /today/ p95 latency under 100 ms at 32 concurrent
connections on 2 cores. With a closed-loop load generator like wrk, latency is roughly
connections / throughput, so the two targets are linked: 32 connections under 100 ms needs
more than about 320 requests/s.

Everything (server, wrk and this script) shares the machine, and all traffic stays on
127.0.0.1. The script reports; it does not assert: it exits 0 after printing even if a target
is missed, 1 if the run itself went wrong (the server would not start, a login failed, wrk saw
non-2xx answers) and 2 for bad arguments or missing tools.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import http.cookiejar
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import FrameType
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
LUA_SCRIPT = Path(__file__).resolve().parent / "p95.lua"

HOST = "127.0.0.1"
CLIENT_EMAIL = "client@demo.kindling"
REFERENCE_PATH = "/healthz"
CLIENT_PATH = "/today/"

WORKERS = 2
WRK_THREADS = 2
CONNECTIONS = 32
TARGET_RATIO = 0.5
TARGET_P95_MS = 100.0
TARGET_CORES = 2
SERVER_START_SECONDS = 30.0
# Other processes using more than this share of a core during the run make the numbers suspect.
BUSY_CORES = 0.2


class UsageError(Exception):
    """Bad arguments or a missing tool: exit 2."""


class BenchError(Exception):
    """The run itself went wrong: exit 1."""


@dataclass(frozen=True)
class Result:
    path: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds


# --- Arguments and tools --------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=int, default=10, help="measurement time per URL (1-600, default 10)"
    )
    parser.add_argument(
        "--warmup", type=int, default=2, help="warm-up time per URL, not measured (0-60, default 2)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 600:
        raise UsageError("--seconds must be between 1 and 600")
    if not 0 <= args.warmup <= 60:
        raise UsageError("--warmup must be between 0 and 60")
    return args


def find_tools() -> dict[str, str]:
    tools = {name: str(VENV_BIN / name) for name in ("gunicorn", "kindling")}
    for name, path in tools.items():
        if not os.access(path, os.X_OK):
            raise UsageError(f"{path} is missing ({name}); run `make install` first")
    wrk = os.environ.get("KINDLING_WRK") or shutil.which("wrk")
    if not wrk or not os.access(wrk, os.X_OK):
        where = f"at {wrk}" if wrk else "on PATH"
        raise UsageError(f"wrk not found {where}; run scripts/ensure-wrk (or `make bench`)")
    tools["wrk"] = wrk
    if not LUA_SCRIPT.is_file():
        raise UsageError(f"{LUA_SCRIPT} is missing")
    return tools


# --- The server -----------------------------------------------------------------------------


def kindling_env(data_dir: Path, secret_key: str, *, debug: bool) -> dict[str, str]:
    """Production-like settings for a throw-away install; nothing inherited from the caller."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KINDLING_") and key not in {"GUNICORN_CMD_ARGS", "PORT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kindling.settings",
        KINDLING_DEBUG="true" if debug else "false",
        KINDLING_SECRET_KEY=secret_key,
        KINDLING_DATA_DIR=str(data_dir),
        KINDLING_ALLOWED_HOSTS=f"{HOST},localhost",
        KINDLING_SSL_REDIRECT="false",
        KINDLING_SECURE_COOKIES="false",
        KINDLING_HSTS_SECONDS="0",
        KINDLING_LOG_LEVEL="WARNING",
    )
    return env


def run_quietly(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BenchError(f"{what} failed (exit {done.returncode}): " + " | ".join(detail))


@contextlib.contextmanager
def gunicorn(tools: dict[str, str], env: dict[str, str], log_path: Path) -> Iterator[int]:
    """Serve Kindling on a fresh loopback port; yield the port; always stop the whole group.

    The listening socket is bound here and handed to gunicorn as a file descriptor, so there is
    no window in which another process could take the port.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    listener.listen(2048)
    port = listener.getsockname()[1]
    command = [
        tools["gunicorn"],
        "kindling.wsgi:application",
        f"--bind=fd://{listener.fileno()}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        f"--error-logfile={log_path}",
        "--log-level=warning",
    ]
    process = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        pass_fds=[listener.fileno()],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    listener.close()
    try:
        wait_until_ready(process, port, log_path)
        yield port
    finally:
        stop(process)


def wait_until_ready(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    opener = plain_opener()
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with {process.returncode}: {log_tail(log_path)}")
        url = f"http://{HOST}:{port}{REFERENCE_PATH}"
        with contextlib.suppress(OSError), opener.open(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within {SERVER_START_SECONDS:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """TERM the server's process group (master and workers), then KILL whatever is left."""
    for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    # The master may be gone while a worker lingers: sweep the group once more.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def log_tail(log_path: Path) -> str:
    """The server log's last line: for a crash, the exception and its message."""
    try:
        lines = log_path.read_text(errors="replace").strip().splitlines()
    except OSError:
        lines = []
    return lines[-1].strip() if lines else "(empty)"


# --- Logging in (standard library only) -----------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def plain_opener(
    jar: http.cookiejar.CookieJar | None = None, *, follow_redirects: bool = True
) -> urllib.request.OpenerDirector:
    """An opener that never uses a proxy, whatever *_proxy says: traffic stays on loopback."""
    handlers: list[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({})]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    if not follow_redirects:
        handlers.append(_NoRedirects())
    return urllib.request.build_opener(*handlers)


class _CsrfField(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.token: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        fields = dict(attrs)
        if tag == "input" and fields.get("name") == "csrfmiddlewaretoken":
            self.token = fields.get("value")


def log_in(port: int, email: str, password: str) -> str:
    """Sign in through the real login form; return the Cookie header a browser would send."""
    jar = http.cookiejar.CookieJar()
    opener = plain_opener(jar)
    login_url = f"http://{HOST}:{port}/accounts/login/"
    with opener.open(login_url, timeout=10) as response:
        parser = _CsrfField()
        parser.feed(response.read().decode("utf-8", errors="replace"))
    if not parser.token:
        raise BenchError(f"no csrfmiddlewaretoken on {login_url}")
    form = {"login": email, "password": password, "csrfmiddlewaretoken": parser.token}
    request = urllib.request.Request(
        login_url, data=urllib.parse.urlencode(form).encode(), method="POST"
    )
    try:
        with opener.open(request, timeout=30):
            pass
    except urllib.error.HTTPError as error:
        raise BenchError(f"logging in as {email} answered {error.code}") from None
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise BenchError(f"logging in as {email} gave no session cookie (wrong password?)")
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


def check_ok(port: int, path: str, cookie: str | None) -> None:
    """The page itself must answer 200: measuring a redirect to the login page would be a lie."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with plain_opener(follow_redirects=False).open(request, timeout=10) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location")
        status = error.code
        raise BenchError(
            f"{path} answered {status}" + (f" (redirect to {location})" if location else "")
        ) from None
    if status != 200:
        raise BenchError(f"{path} answered {status}, not 200")


# --- Load -----------------------------------------------------------------------------------


def run_wrk(
    wrk: str, port: int, path: str, cookie: str | None, seconds: int
) -> dict[str, int] | None:
    """One wrk run; returns the numbers p95.lua printed, after checking every answer was 2xx."""
    if seconds <= 0:
        return None
    command = [
        wrk,
        f"--threads={WRK_THREADS}",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={LUA_SCRIPT}",
    ]
    if cookie:
        command.append(f"--header=Cookie: {cookie}")
    command.append(f"http://{HOST}:{port}{path}")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"wrk on {path} did not finish in {seconds + 60} s") from None
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("KINDLING_BENCH ")), None)
    if done.returncode != 0 or line is None:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise BenchError(f"wrk on {path} failed (exit {done.returncode}): " + " | ".join(detail))
    numbers: dict[str, int] = json.loads(line.removeprefix("KINDLING_BENCH "))
    if numbers["non2xx"]:
        raise BenchError(
            f"{path}: {numbers['non2xx']} of {numbers['requests']} answers were not 2xx "
            "(session lost? rate-limited? server errors?); numbers would be meaningless"
        )
    if numbers["requests"] == 0:
        raise BenchError(f"wrk on {path} completed no requests")
    return numbers


def measure(
    tools: dict[str, str], port: int, path: str, cookie: str | None, args: argparse.Namespace
) -> Result:
    run_wrk(tools["wrk"], port, path, cookie, args.warmup)
    numbers = run_wrk(tools["wrk"], port, path, cookie, args.seconds)
    assert numbers is not None  # seconds >= 1, checked in parse_args
    return Result(
        path=path,
        requests=numbers["requests"],
        seconds=numbers["duration_us"] / 1e6,
        p50_ms=numbers["p50_us"] / 1000,
        p95_ms=numbers["p95_us"] / 1000,
        p99_ms=numbers["p99_us"] / 1000,
        max_ms=numbers["max_us"] / 1000,
        socket_errors=sum(
            numbers[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
        ),
    )


# --- Other processes ------------------------------------------------------------------------


@dataclass(frozen=True)
class CpuMark:
    """CPU time used so far by the whole machine and by this script with its children."""

    at: float
    machine: float | None
    ours: float

    @classmethod
    def now(cls) -> CpuMark:
        return cls(at=time.monotonic(), machine=_machine_busy_seconds(), ours=_our_cpu_seconds())


def _machine_busy_seconds() -> float | None:
    """User and system time summed over every core since boot (Linux /proc/stat; else None).

    Interrupt time is left out: no process is charged for it, and here it is mostly the kernel
    carrying the benchmark's own loopback traffic.
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        user, nice, system = map(int, fields[1:4])
        return (user + nice + system) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def _our_cpu_seconds() -> float:
    """This script plus every descendant it has waited for: gunicorn and its workers, wrk."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def others_cores(start: CpuMark, end: CpuMark) -> float | None:
    """How many cores, on average, processes other than the benchmark kept busy meanwhile."""
    if start.machine is None or end.machine is None or end.at <= start.at:
        return None
    others = (end.machine - start.machine) - (end.ours - start.ours)
    return max(others, 0.0) / (end.at - start.at)


# --- Report ---------------------------------------------------------------------------------


def report(
    reference: Result,
    signed_in: Result,
    client: Result,
    args: argparse.Namespace,
    others: float | None,
) -> None:
    cores = os.cpu_count() or 0
    print(
        f"Kindling web benchmark: gunicorn {WORKERS} sync workers, production settings, "
        f"SQLite; wrk {WRK_THREADS} threads x {CONNECTIONS} connections on {HOST}, "
        f"{args.seconds} s per URL after {args.warmup} s warm-up; {cores} CPU cores"
    )
    print()
    print(
        f"{'URL':<22} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'requests':>9}"
    )
    for result in (reference, signed_in, client):
        print(
            f"{result.path:<22} {result.requests_per_second:>9.1f} {result.p50_ms:>8.1f} "
            f"{result.p95_ms:>8.1f} {result.p99_ms:>8.1f} {result.max_ms:>8.1f} "
            f"{result.requests:>9}"
        )
    ratio = client.requests_per_second / reference.requests_per_second
    print()
    print(f"ratio {CLIENT_PATH} / {REFERENCE_PATH} requests/s: {ratio:.2f}")
    signed_ratio = client.requests_per_second / signed_in.requests_per_second
    print(f"ratio {CLIENT_PATH} / {signed_in.path} requests/s: {signed_ratio:.2f}")
    print()
    ratio_met = "met" if ratio >= TARGET_RATIO else "MISSED"
    p95_met = "met" if client.p95_ms < TARGET_P95_MS else "MISSED"
    print(f"target  ratio >= {TARGET_RATIO:.2f}: {ratio_met} ({ratio:.2f})")
    print(
        f"target  {CLIENT_PATH} p95 < {TARGET_P95_MS:.0f} ms at {CONNECTIONS} connections: "
        f"{p95_met} ({client.p95_ms:.1f} ms)"
    )
    if cores != TARGET_CORES:
        print(f"note    the targets are set for {TARGET_CORES} cores; this machine has {cores}")
    if others is not None:
        print(f"busy    other processes used {others:.2f} of {cores} cores during the run")
        if others > BUSY_CORES:
            print(
                "note    the machine was busy with other work, which slows both URLs unevenly; "
                "rerun on a quiet machine to trust these numbers"
            )
    for result in (reference, signed_in, client):
        if result.socket_errors:
            print(
                f"note    wrk saw {result.socket_errors} socket errors or timeouts on "
                f"{result.path}; treat its numbers with care"
            )


# --- Main -----------------------------------------------------------------------------------


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # so the finally blocks stop the server and remove the temp dir


def run(args: argparse.Namespace, tools: dict[str, str]) -> None:
    secret_key = secrets.token_urlsafe(50)
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="kindling-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        print("Setting up a fresh demo install...", file=sys.stderr)
        run_quietly(
            [tools["kindling"], "demo", "--no-serve", f"--password={password}"],
            kindling_env(data_dir, secret_key, debug=True),
            "kindling demo",
        )
        production = kindling_env(data_dir, secret_key, debug=False)
        run_quietly(
            [tools["kindling"], "collectstatic", "--noinput", "--verbosity=0"],
            production,
            "kindling collectstatic",
        )
        log_path = Path(tmp) / "gunicorn.log"
        try:
            start = CpuMark.now()
            with gunicorn(tools, production, log_path) as port:
                reference, signed_in, client = drive(tools, port, password, args)
            end = CpuMark.now()  # after the server is stopped and reaped, so its time counts
        except (BenchError, OSError) as error:
            # OSError covers urllib's HTTPError and URLError: a 500 or a refused connection.
            if isinstance(error, urllib.error.HTTPError):
                error = BenchError(f"{error.url} answered {error.code}")
            raise BenchError(f"{error}; server log: {log_tail(log_path)}") from None
        report(reference, signed_in, client, args, others_cores(start, end))


def drive(
    tools: dict[str, str], port: int, password: str, args: argparse.Namespace
) -> tuple[Result, Result, Result]:
    """Log in, check the pages answer 200, then measure each in turn.

    Besides the anonymous reference, /healthz is measured once more with the client's cookie:
    the same trivial view, but through the session, user and role look-ups every signed-in
    request pays. The gap between the two is the fixed cost of being logged in.
    """
    cookie = log_in(port, CLIENT_EMAIL, password)
    check_ok(port, REFERENCE_PATH, None)
    check_ok(port, CLIENT_PATH, cookie)
    print(f"Measuring {REFERENCE_PATH}...", file=sys.stderr)
    reference = measure(tools, port, REFERENCE_PATH, None, args)
    print(f"Measuring {REFERENCE_PATH} signed in...", file=sys.stderr)
    signed_in = measure(tools, port, REFERENCE_PATH, cookie, args)
    signed_in = dataclasses.replace(signed_in, path=f"{REFERENCE_PATH} (signed in)")
    print(f"Measuring {CLIENT_PATH} as {CLIENT_EMAIL}...", file=sys.stderr)
    client = measure(tools, port, CLIENT_PATH, cookie, args)
    return reference, signed_in, client


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        args = parse_args(argv)
        tools = find_tools()
    except UsageError as error:
        print(f"bench/web.py: {error}", file=sys.stderr)
        return 2
    try:
        run(args, tools)
    except BenchError as error:
        print(f"bench/web.py: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench/web.py: interrupted; server stopped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
