"""Authentication backends."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Signs a user in by username and password, as Django's ModelBackend, and grants nothing.

    What a user may do comes from their roles through django-rules (`core.rules`). Django's
    per-user and per-group permission tables are never filled (no page, service or admin form
    writes them), yet ModelBackend read both on every request that checked a permission: two
    queries on every page, always empty. A superuser still passes every check: Django's
    `User.has_perm` and `has_module_perms` answer for an active superuser before any backend.

    The signed-in user comes with their unit, which every page's header names and every scope
    reads: one query a request instead of two.
    """

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("unit").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set:
        return set()
