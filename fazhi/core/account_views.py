"""Pages every signed-in user has for their own account: change password, second factor."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, passwords


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expired"] = passwords.expired(self.request.user)
        context["expires_on"] = passwords.expires_on(self.request.user)
        return context

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            audit.record(
                actor=self.request.user, action="core.password_change", obj=self.request.user
            )
        messages.success(self.request, _("密码已修改"))
        return response


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("动态验证码(6位)"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required
def second_factor(request):
    """Enrol a TOTP authenticator (first time) or verify a token; then on to /admin/."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or (
            TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                if enrolling:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                audit.record(
                    actor=user,
                    action="core.second_factor_enrol" if enrolling else "core.second_factor_verify",
                    obj=user,
                    after={"at": timezone.now().isoformat()},
                )
            otp_login(request, device)
            target = request.GET.get("next", "/admin/")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "/admin/"
            return redirect(target)
        form.add_error("token", _("验证码不正确或已过期"))
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr"] = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
        context["secret"] = _base32(device.bin_key)
    return render(request, "core/second_factor.html", context, status=200)


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")
