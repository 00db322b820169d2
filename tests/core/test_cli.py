"""The console script on a database that was never migrated says what to do."""

import os
import subprocess
import sys


def test_a_command_on_an_unmigrated_database_says_to_migrate(tmp_path):
    env = {**os.environ, "FAZHI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    env.pop("FAZHI_TESTING", None)
    env.pop("FAZHI_TEST_DATABASE_URL", None)
    env.pop("FAZHI_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", "from fazhi.cli import main; main()", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "请先运行: fazhi migrate" in result.stderr
    assert "Traceback" not in result.stderr
