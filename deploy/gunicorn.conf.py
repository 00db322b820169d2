"""gunicorn settings for one Fazhi web process (deploy/README in docs/operations.md).

Run two or more of these behind nginx (one per port, `FAZHI_BIND`), so one can be restarted
while the other serves. Workers default to the number of cores: the pages are CPU-bound
(template rendering) and each worker holds one database connection per thread.
"""

import multiprocessing
import os

bind = os.environ.get("FAZHI_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("FAZHI_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("FAZHI_THREADS", "2"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (with jitter, so they don't all restart at
# once): a slow leak in a library cannot grow a worker without bound.
max_requests = int(os.environ.get("FAZHI_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Preloading shares the imported code between workers (copy-on-write) and fails fast on an
# import error; database connections are opened per worker after the fork.
preload_app = True
accesslog = "-" if os.environ.get("FAZHI_ACCESS_LOG") else None
errorlog = "-"
proc_name = os.environ.get("FAZHI_PROC_NAME", "fazhi-web")
# One control socket per process (the default path in $HOME would be shared by both).
control_socket = os.environ.get("FAZHI_CONTROL_SOCKET", f"/tmp/{proc_name}.ctl")  # noqa: S108
# nginx on this host: its X-Forwarded-For and -Proto are believed (FAZHI_TRUSTED_PROXIES too).
forwarded_allow_ips = os.environ.get("FAZHI_TRUSTED_PROXIES", "127.0.0.1")


def child_exit(server, worker):
    """A dead worker's live gauges leave the Prometheus multiprocess directory."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
