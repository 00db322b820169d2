"""The app's API router, mounted by `fazhi/api.py` at `DecisionsConfig.api_prefix`.

The app has only public endpoints so far, so its one router is the public one, mounted at
/api/public/decisions/. An internal router would need `fazhi/api.py` to mount a second module.
"""

from .public_api import router  # noqa: F401
