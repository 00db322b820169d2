"""What the English interface costs: main pages of the demo rendered in Chinese and in English.

    .venv/bin/python benchmarks/core_i18n.py [--runs 30]

Prints the median and p95 time and the query count of each page in both languages (SQLite).
"""

from __future__ import annotations

import argparse
import time

from _setup import count_queries, database_url, percentile, print_table, setup_django

PAGES = [
    ("supervision overview", "/plans/"),
    ("task ledger", "/plans/tasks/"),
    ("normative documents", "/normdocs/documents/"),
    ("enforcement cases", "/enforcement/cases/"),
    ("reconsideration cases", "/disputes/reconsiderations/"),
    ("unit directory", "/core/units/"),
    ("public portal", "/public/"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_django(database_url("sqlite", "fazhi_bench_i18n"))
    from django.core.management import call_command
    from django.test import Client

    from fazhi.core.models import User

    call_command("demo", verbosity=0)
    rows = []
    for language in ("zh-hans", "en"):
        client = Client()
        client.force_login(User.objects.get(username="zhang.supervisor"))
        client.cookies["django_language"] = language
        for label, url in PAGES:
            response, queries = count_queries(lambda c=client, u=url: c.get(u, follow=True))
            assert response.status_code == 200, (url, response.status_code)
            assert response["Content-Language"] == language
            samples = []
            for _ in range(args.runs):
                start = time.perf_counter()
                client.get(url, follow=True)
                samples.append(time.perf_counter() - start)
            samples.sort()
            rows.append(
                (
                    f"{label} [{language}]",
                    f"median {samples[len(samples) // 2] * 1000:.1f} ms",
                    f"p95 {percentile(samples, 95) * 1000:.1f} ms",
                    f"{queries} queries",
                )
            )
    print_table(f"Pages of the demo in Chinese and English ({args.runs} runs each)", rows)


if __name__ == "__main__":
    main()
