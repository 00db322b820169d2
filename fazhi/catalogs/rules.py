"""Who may do what with catalogs (django-rules)."""

import rules

from fazhi.core.rules import is_admin, is_leader, is_reporter, is_reviewer, is_supervisor


@rules.predicate
def of_own_body(user, catalog) -> bool:
    if catalog is None:
        return True
    return bool(user.unit_id and catalog.body_id == user.unit_id)


rules.add_perm("catalogs.view", rules.is_authenticated)
# The legal office checks every body's lists, so it reads them all (in its region).
rules.add_perm("catalogs.view_all", is_supervisor | is_leader | is_reviewer | is_admin)
# A body's reporter compiles its own lists; the rule-of-law office (审改办) any body's.
rules.add_perm("catalogs.draft_version", (is_reporter & of_own_body) | is_supervisor | is_admin)
# The legal office (司法局) checks the legal basis of every item.
rules.add_perm("catalogs.check_version", is_reviewer | is_supervisor | is_admin)
# Approval and publication are the government's (the office acting for it).
rules.add_perm("catalogs.approve_version", is_supervisor | is_admin)
rules.add_perm("catalogs.publish_version", is_supervisor | is_admin)
