import re
import time

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class InterfaceLanguageMiddleware:
    """Chinese unless the user picked another language on the page (the language cookie).

    Django's LocaleMiddleware would also follow the browser's Accept-Language, which would switch a
    civil servant with an English operating system to English without asking.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so a request never leaves its
        # language behind in the thread (for the next request, a test, or a background job).
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Headers Django does not set by itself: a strict CSP (all assets are local) and no caching of private pages."""

    CSP = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class AccountPolicyMiddleware:
    """等保 level 3 rules for every signed-in request.

    - Idle timeout: a session unused for FAZHI_IDLE_TIMEOUT_MINUTES is signed out (besides the
      absolute SESSION_COOKIE_AGE).
    - Password expiry: an expired password sends the user to the change-password page first.
    - Second factor: staff and administrators must have verified a TOTP token in this session
      before /admin/ and before any view marked `second_factor` (`second_factor_required`): the
      pages that grant access, such as the exchange's API tokens.
    """

    EXEMPT = ("/static/", "/login/", "/logout/", "/i18n/", "/account/", "/public/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._policy(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _policy(self, request, user):
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.shortcuts import redirect
        from django.urls import reverse

        from . import passwords

        now = int(time.time())
        last = request.session.get("last_seen")
        if last is not None and now - int(last) > settings.FAZHI_IDLE_TIMEOUT_MINUTES * 60:
            logout(request)
            return redirect_to_login(request.get_full_path())
        if last is None or now - int(last) >= 60:
            request.session["last_seen"] = now
        path = request.path
        if path.startswith(self.EXEMPT) or path.startswith("/api/"):
            return None
        if passwords.expired(user):
            return redirect(f"{reverse('password_change')}?expired=1")
        if path.startswith("/admin/") and user.is_staff and not _verified(user):
            return redirect(f"{reverse('second_factor')}?next={path}")
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.shortcuts import redirect
        from django.urls import reverse

        user = getattr(request, "user", None)
        marked = getattr(view_func, "second_factor", False) or getattr(
            getattr(view_func, "view_class", None), "second_factor", False
        )
        if (
            marked
            and user is not None
            and (user.is_staff or user.is_superuser)
            and not _verified(user)
        ):
            return redirect(f"{reverse('second_factor')}?next={request.path}")
        return None


def second_factor_required(view):
    """Mark a view whose user, when staff or an administrator, must have verified a TOTP token
    in this session (`AccountPolicyMiddleware`); others meet the view's own permission check."""
    view.second_factor = True
    return view


def _verified(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


class ApiNumberRangeMiddleware:
    """An API request whose query or path carries an integer beyond ±2**53 is answered 422 in
    the error shape before any view runs: no database can take an offset of 9223372036854775808
    (SQLite answers "datatype mismatch"), and no legitimate client sends one."""

    LIMIT = 2**53
    NUMBER = re.compile(r"^[+-]?\d{16,}$")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and self._too_big(request):
            return JsonResponse(
                {"code": "invalid", "message": "数值超出允许范围", "fields": {}}, status=422
            )
        return self.get_response(request)

    def _too_big(self, request) -> bool:
        values = [v for vs in request.GET.lists() for v in vs[1]] + request.path.split("/")
        return any(self.NUMBER.match(v) and abs(int(v)) > self.LIMIT for v in values)
