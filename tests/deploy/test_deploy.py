"""The deploy scripts' pure parts: the load test's summaries, the gunicorn settings, and the
nginx configuration (rendered as deploy/topology.sh renders it, then checked by `nginx -t`)."""

import importlib.util
import os
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def load(name):
    spec = importlib.util.spec_from_file_location(f"deploy_{name}", DEPLOY / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_memory_growth_compares_the_first_and_last_fifth():
    loadtest = load("loadtest")
    steady = [[100.0, 100.0]] * 10
    assert loadtest.memory_summary(steady)["growth"] == 0.0
    growing = [[100.0 + i, 100.0 + i] for i in range(10)]
    summary = loadtest.memory_summary(growing)
    assert summary["first_mib"] == 201.0 and summary["last_mib"] == 217.0
    assert summary["growth"] == pytest.approx(16 / 201, abs=1e-4)
    assert loadtest.memory_summary([[1.0]] * 3) == {}  # too few samples to say


def test_percentile_and_tally():
    loadtest = load("loadtest")
    assert loadtest.percentile([0.1 * i for i in range(1, 101)], 95) == pytest.approx(9.5, 0.02)
    assert loadtest.percentile([], 95) == 0.0
    tally = loadtest.Tally(latencies=[0.1, 0.2])
    tally.error("502 /plans/")
    tally.error("502 /plans/")
    assert tally.count == 4 and tally.errors == {"502 /plans/": 2}


def test_gunicorn_sizes_workers_to_the_cores(monkeypatch):
    monkeypatch.delenv("FAZHI_WORKERS", raising=False)
    monkeypatch.setenv("FAZHI_BIND", "127.0.0.1:18101")
    conf = load("gunicorn.conf")
    assert conf.workers == os.cpu_count() and conf.bind == "127.0.0.1:18101"
    assert conf.max_requests_jitter > 0 and conf.worker_class == "gthread"


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx not installed (CI installs it)")
def test_nginx_configuration_is_valid_and_keeps_metrics_private(tmp_path):
    values = {
        "WEB1": "127.0.0.1:18101",
        "WEB2": "127.0.0.1:18102",
        "LISTEN": "127.0.0.1:18080",
        "SERVER_NAME": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "METRICS": "127.0.0.1:19464",
        "METRICS_ALLOW": "allow 10.1.2.3;",
    }
    text = string.Template((DEPLOY / "nginx.conf.template").read_text()).safe_substitute(values)
    directives = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "${" not in directives and "$proxy_add_x_forwarded_for" in text
    metrics = text[text.index("location = /metrics") :].split("}", 1)[0]
    assert "allow 127.0.0.1;" in metrics and "allow 10.1.2.3;" in metrics
    assert "deny all;" in metrics
    (tmp_path / "fazhi.conf").write_text(text)
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/logs/error.log;"
        "events {} http { include /etc/nginx/mime.types;"
        f" access_log off; include {tmp_path}/fazhi.conf; }}"
    )
    checked = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
