"""Who performs a write: a signed-in user, or `SYSTEM` for jobs, migrations and the demo.

Every service takes a keyword-only `actor`; `None` is refused everywhere, so a write whose
author was forgotten fails loudly instead of being audited as nobody.
"""

from __future__ import annotations

from typing import Any


class SystemActor:
    """The platform itself (scheduled jobs, data migrations, the demo loader).

    It may do anything a service allows and is recorded in the audit trail as 系统.
    """

    pk = None
    id = None
    unit = None
    unit_id = None
    username = "system"
    display_name = "系统"  # saved in the audit trail: stays Chinese
    is_active = True
    is_authenticated = False
    is_superuser = False
    is_system = True

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def has_role(self, role: str) -> bool:
        return False

    def __repr__(self) -> str:
        return "SYSTEM"

    def __str__(self) -> str:
        return self.display_name


SYSTEM = SystemActor()

Actor = Any  # a core.models.User or SYSTEM


def require_actor(actor: Actor) -> Actor:
    if actor is None:
        raise TypeError("a write needs an actor: the signed-in user, or core.actors.SYSTEM")
    return actor


def is_system(actor: Actor) -> bool:
    return getattr(actor, "is_system", False)


def user_or_none(actor: Actor):
    """The value for a `created_by`-style foreign key: the user, or None for SYSTEM and 公众."""
    require_actor(actor)
    if is_system(actor) or not getattr(actor, "is_authenticated", False):
        return None
    return actor
