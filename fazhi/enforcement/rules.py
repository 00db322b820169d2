"""Enforcement permissions; object-level checks (own body only) live in the services."""

import rules

from fazhi.core.rules import (
    is_admin,
    is_leader,
    is_officer,
    is_reporter,
    is_reviewer,
    is_supervisor,
)

works_in_enforcement = is_officer | is_reporter | is_reviewer | is_supervisor | is_leader | is_admin

rules.add_perm("enforcement.view_case", works_in_enforcement)
rules.add_perm("enforcement.file_case", is_officer | is_reporter)
rules.add_perm("enforcement.view_officer", works_in_enforcement)
rules.add_perm("enforcement.view_standard", works_in_enforcement)
rules.add_perm("enforcement.import_standard", is_supervisor | is_admin)
rules.add_perm("enforcement.view_inspection", works_in_enforcement)
rules.add_perm("enforcement.manage_inspection", is_officer | is_reporter)
rules.add_perm(
    "enforcement.view_supervision",
    is_supervisor | is_leader | is_reviewer | is_admin | is_officer | is_reporter,
)
rules.add_perm("enforcement.review_case_file", is_supervisor | is_reviewer)
rules.add_perm("enforcement.manage_guiding_case", is_supervisor | is_admin)
