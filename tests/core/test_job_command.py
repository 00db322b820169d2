"""`fazhi job`: the beat schedule's jobs, run from cron where there is no Celery beat."""

import pytest
from django.core.management import CommandError, call_command


def test_lists_the_schedule_as_crontab_lines(capsys):
    call_command("job")
    lines = capsys.readouterr().out.splitlines()
    assert "30 7 * * * fazhi job notifications.deadline_alerts" in lines
    assert "*/10 * * * * fazhi job notifications.retry" in lines


def test_runs_one_job_now_and_refuses_an_unknown_name(db, capsys):
    call_command("job", "notifications.retry")
    assert capsys.readouterr().out.strip() == "notifications.retry: 0"
    with pytest.raises(CommandError, match="notifications.deadline_alerts"):
        call_command("job", "notifications.nope")
