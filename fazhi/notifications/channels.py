"""Carrying one notification out of the platform: email (SMTP) and group-bot webhooks.

Each sender raises on failure; the service records the error and retries later.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail

from .choices import WebhookStyle

TIMEOUT = 10


def absolute(url: str) -> str:
    if not url or urlsplit(url).scheme:
        return url
    return settings.FAZHI_BASE_URL.rstrip("/") + url


def send_email(*, to: str, title: str, body: str, url: str) -> None:
    # Stored and sent in Chinese: the recipient's interface language is not known to a mail.
    text = "\n\n".join(part for part in (body, absolute(url)) if part)
    send_mail(title, text or title, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


def webhook_payload(style: str, *, title: str, body: str, url: str) -> dict:
    link = absolute(url)
    text = f"**{title}**\n\n{body}" + (f"\n\n[查看]({link})" if link else "")
    if style == WebhookStyle.DINGTALK:
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
    if style == WebhookStyle.WECOM:
        return {"msgtype": "markdown", "markdown": {"content": text}}
    return {"title": title, "body": body, "url": link}


def send_webhook(*, endpoint: str, style: str, title: str, body: str, url: str) -> None:
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise ValueError("webhook address must be http(s)")
    data = json.dumps(webhook_payload(style, title=title, body=body, url=url)).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above; set by an administrator
        endpoint, data=data, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        if response.status >= 300:
            raise OSError(f"webhook answered {response.status}")
