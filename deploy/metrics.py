"""Prometheus exporter for the whole host: the sum of every gunicorn worker's django-prometheus
metrics (prometheus_client multiprocess mode), on a loopback port that nginx exposes at
/metrics to the monitoring server only.

    PROMETHEUS_MULTIPROC_DIR=/run/fazhi/prometheus python deploy/metrics.py 127.0.0.1:9464
"""

from __future__ import annotations

import os
import sys
import time


def main(address: str) -> None:
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        sys.exit("PROMETHEUS_MULTIPROC_DIR must be the directory the gunicorn workers write to")
    host, _sep, port = address.rpartition(":")
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    start_http_server(int(port), addr=host or "127.0.0.1", registry=registry)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9464")
