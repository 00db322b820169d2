"""Names every enforcement model module shares: the user model, the sees-all permission, scopes."""

from django.conf import settings

from fazhi.core.scoping import Scope

USER = settings.AUTH_USER_MODEL
VIEW_ALL = "enforcement.view_all"
CASE_SCOPE = Scope(unit="case__body__unit", sees_all=VIEW_ALL)
OFFICER_SCOPE = Scope(unit="officer__body__unit", sees_all=VIEW_ALL)
MONEY = {"max_digits": 14, "decimal_places": 2}
