"""Load test through nginx: signed-in users browsing the main pages with think time.

    .venv/bin/python deploy/loadtest.py --base http://127.0.0.1:18080 --users 100 --duration 300

1. Every user signs in (its own session; the demo accounts are shared between users) and then,
   until the time is up, opens a random main page and waits 2–5 s. Reported: requests, errors
   (a final status but 200 after redirects, landing on the login page, a transport error or
   timeout), median / p95 / max of the whole request including its redirects.
2. Peak throughput, closed loop (`--peak-clients` clients, no think time) for `--peak-seconds`
   each: the main pages, then `/healthz` (a bare Django view on the same servers, through the
   same nginx and middleware) — the floor the pages are compared with.
3. Worker memory: the resident size of every gunicorn worker (children of the pid files given
   with `--pidfile`), sampled every 5 s; the first and last fifth of the run are compared.

Exit status 1 when there were errors, or a goal given on the command line (`--max-p95-ms`,
`--min-peak-ratio`, `--max-memory-growth`) is missed; the figures are printed either way and,
with `--json FILE`, written there.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

MAIN_PAGES = [
    "/",
    "/plans/",
    "/plans/tasks/",
    "/normdocs/documents/",
    "/enforcement/cases/",
    "/disputes/reconsiderations/",
    "/core/units/",
    "/notifications/",
    "/public/",
]
ACCOUNTS = ["zhang.supervisor", "zhou.leader"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    @property
    def count(self) -> int:
        return len(self.latencies) + sum(self.errors.values())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


async def sign_in(client: httpx.AsyncClient, username: str, password: str) -> None:
    form = await client.get("/login/")
    token = CSRF.search(form.text)
    if form.status_code != 200 or token is None:
        raise RuntimeError(f"login page answered {form.status_code}")
    done = await client.post(
        "/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token[1]},
        headers={"Referer": f"{client.base_url}/login/"},
    )
    if done.status_code != 302 or "/login/" in done.headers.get("location", ""):
        raise RuntimeError(f"{username} could not sign in ({done.status_code})")


async def fetch(client: httpx.AsyncClient, path: str, tally: Tally) -> None:
    started = time.perf_counter()
    try:
        response = await client.get(path, follow_redirects=True)
    except httpx.HTTPError as exc:
        tally.error(type(exc).__name__)
        return
    elapsed = time.perf_counter() - started
    if response.url.path.startswith("/login/"):
        tally.error(f"signed out at {path}")
    elif response.status_code != 200:
        tally.error(f"{response.status_code} {path}")
    else:
        tally.latencies.append(elapsed)


TIMEOUT = 30.0  # seconds a request may take before it counts as an error (--timeout)


def client_for(base: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base,
        timeout=TIMEOUT,
        follow_redirects=False,
        limits=httpx.Limits(max_connections=4),
    )


async def browsing_user(base, username, password, until, think, tally, ready):
    async with client_for(base) as client:
        try:
            await sign_in(client, username, password)
        except (RuntimeError, httpx.HTTPError) as exc:
            tally.error(f"sign-in: {type(exc).__name__} {exc}".strip())
            return
        finally:
            ready.append(1)
        while time.monotonic() < until:
            await fetch(client, random.choice(MAIN_PAGES), tally)  # noqa: S311 - not crypto
            await asyncio.sleep(random.uniform(*think))  # noqa: S311


async def closed_loop(clients, paths, seconds) -> tuple[float, Tally]:
    tally = Tally()
    until = time.monotonic() + seconds

    async def one(client):
        while time.monotonic() < until:
            await fetch(client, random.choice(paths), tally)  # noqa: S311

    started = time.monotonic()
    await asyncio.gather(*(one(c) for c in clients))
    return len(tally.latencies) / (time.monotonic() - started), tally


def worker_pids(pidfiles: list[str]) -> list[int]:
    pids = []
    for file in pidfiles:
        master = Path(file).read_text().strip()
        for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
            pids.append(int(child))
    return pids


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def sample_memory(pidfiles, until, samples):
    while time.monotonic() < until:
        # A worker recycled between listing and reading: the next sample has its successor.
        with contextlib.suppress(OSError):
            samples.append([rss_mib(p) for p in worker_pids(pidfiles)])
        await asyncio.sleep(5)


def memory_summary(samples: list[list[float]]) -> dict:
    if len(samples) < 5:
        return {}
    fifth = max(1, len(samples) // 5)
    first = statistics.mean(sum(s) for s in samples[:fifth])
    last = statistics.mean(sum(s) for s in samples[-fifth:])
    return {
        "workers": len(samples[-1]),
        "first_mib": round(first, 1),
        "last_mib": round(last, 1),
        "peak_mib": round(max(sum(s) for s in samples), 1),
        "growth": round((last - first) / first, 4) if first else 0.0,
    }


async def run(args) -> dict:
    think = (args.think_min, args.think_max)
    tally, ready, samples = Tally(), [], []
    until = time.monotonic() + args.ramp + args.duration
    users = []
    for i in range(args.users):
        account = args.accounts[i % len(args.accounts)]
        users.append(
            asyncio.create_task(
                browsing_user(args.base, account, args.password, until, think, tally, ready)
            )
        )
        await asyncio.sleep(args.ramp / args.users)
    memory = (
        asyncio.create_task(sample_memory(args.pidfile, until, samples)) if args.pidfile else None
    )
    started = time.monotonic()
    await asyncio.gather(*users)
    browsing_seconds = time.monotonic() - started
    if memory:
        await memory

    clients = [client_for(args.base) for _ in range(args.peak_clients)]
    try:
        for i, client in enumerate(clients):
            await sign_in(client, args.accounts[i % len(args.accounts)], args.password)
        pages_rate, pages = await closed_loop(clients, MAIN_PAGES, args.peak_seconds)
        bare_rate, bare = await closed_loop(clients, ["/healthz"], args.peak_seconds)
    finally:
        for client in clients:
            await client.aclose()

    lat = tally.latencies
    return {
        "users": args.users,
        "seconds": round(browsing_seconds, 1),
        "requests": tally.count,
        "errors": sum(tally.errors.values()) + sum(pages.errors.values()),
        "error_kinds": {**tally.errors, **pages.errors},
        "rps": round(len(lat) / browsing_seconds, 1) if browsing_seconds else 0,
        "median_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "p95_ms": round(percentile(lat, 95) * 1000, 1),
        "max_ms": round(max(lat) * 1000, 1) if lat else None,
        "peak_pages_rps": round(pages_rate, 1),
        "peak_pages_p95_ms": round(percentile(pages.latencies, 95) * 1000, 1),
        "peak_bare_rps": round(bare_rate, 1),
        "peak_ratio": round(pages_rate / bare_rate, 3) if bare_rate else None,
        "memory": memory_summary(samples),
    }


def main() -> int:
    global TIMEOUT  # noqa: PLW0603 - one setting for every client the run opens
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base", default="http://127.0.0.1:18080")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=300, help="seconds of browsing")
    parser.add_argument("--ramp", type=float, default=20, help="seconds to sign everyone in")
    parser.add_argument("--think-min", type=float, default=2.0)
    parser.add_argument("--think-max", type=float, default=5.0)
    parser.add_argument("--accounts", nargs="+", default=ACCOUNTS)
    parser.add_argument("--password", default="Fazhi@2026demo")
    parser.add_argument("--peak-clients", type=int, default=8)
    parser.add_argument("--peak-seconds", type=float, default=20)
    parser.add_argument("--pidfile", action="append", default=[], help="a gunicorn master's")
    parser.add_argument("--max-p95-ms", type=float)
    parser.add_argument("--min-peak-ratio", type=float)
    parser.add_argument("--max-memory-growth", type=float, help="e.g. 0.1 for 10%%")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    TIMEOUT = args.timeout

    result = asyncio.run(run(args))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    missed = []
    if result["errors"]:
        missed.append(f"{result['errors']} errors")
    if args.max_p95_ms is not None and result["p95_ms"] > args.max_p95_ms:
        missed.append(f"p95 {result['p95_ms']} ms > {args.max_p95_ms}")
    if args.min_peak_ratio is not None and (result["peak_ratio"] or 0) < args.min_peak_ratio:
        missed.append(f"peak ratio {result['peak_ratio']} < {args.min_peak_ratio}")
    growth = result["memory"].get("growth")
    if (
        args.max_memory_growth is not None
        and growth is not None
        and growth > args.max_memory_growth
    ):
        missed.append(f"worker memory grew {growth:.1%}")
    for line in missed:
        print("MISSED:", line, file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
