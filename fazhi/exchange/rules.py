import rules

from fazhi.core.rules import is_admin

rules.add_perm("exchange.manage_tokens", is_admin)
