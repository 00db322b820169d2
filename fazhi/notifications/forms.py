from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Digest


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=_("发送电子邮件"), required=False)
    webhook = forms.BooleanField(label=_("推送到本单位群机器人"), required=False)
    digest = forms.ChoiceField(label=_("摘要"), choices=Digest.choices)
