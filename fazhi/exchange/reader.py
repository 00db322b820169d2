"""The reader a token stands for: sees its region through every model's declared Scope."""

from __future__ import annotations

from types import SimpleNamespace

from .models import ApiToken


class TokenReader:
    """Holds every *view* permission, none that changes anything, over the token's region."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_system = False
    pk = None
    id = None
    unit_id = None
    roles: tuple = ()

    def __init__(self, token: ApiToken):
        self.token = token
        self.unit = SimpleNamespace(region_id=token.region_id, name=token.system)
        self.display_name = token.system

    def has_perm(self, perm: str, obj=None) -> bool:
        return perm.partition(".")[2].startswith("view")

    def has_role(self, role: str) -> bool:
        return False
