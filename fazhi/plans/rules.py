"""Permissions of the plans app (django-rules)."""

import rules

from fazhi.core.rules import is_admin, is_leader, is_reporter, is_supervisor

rules.add_perm("plans.view_plan", rules.is_authenticated)
rules.add_perm("plans.import_plan", is_supervisor | is_admin)
rules.add_perm("plans.change_task", is_supervisor | is_admin)
rules.add_perm("plans.report_progress", is_reporter)
rules.add_perm("plans.review_report", is_supervisor)
rules.add_perm("plans.send_reminder", is_supervisor)
rules.add_perm("plans.issue_notice", is_supervisor)
rules.add_perm("plans.reply_notice", is_reporter)
rules.add_perm("plans.view_all", is_supervisor | is_leader | is_admin)
