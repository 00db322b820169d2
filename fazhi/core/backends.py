"""Authentication backends."""

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Signs a user in by username and password, as Django's ModelBackend, and grants nothing.

    What a user may do comes from their roles through django-rules (`core.rules`). Django's
    per-user and per-group permission tables are never filled (no page, service or admin form
    writes them), yet ModelBackend read both on every request that checked a permission: two
    queries on every page, always empty. A superuser still passes every check: Django's
    `User.has_perm` and `has_module_perms` answer for an active superuser before any backend.
    """

    def get_user_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set:
        return set()
