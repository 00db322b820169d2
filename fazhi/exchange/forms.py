from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.datasets import registry
from fazhi.core.forms import VersionedForm
from fazhi.core.models import Region


class TokenForm(forms.Form):
    system = forms.CharField(label=_("系统名称"), max_length=100)
    region = forms.ModelChoiceField(label=_("可读区划"), queryset=Region.objects.all())
    datasets = forms.MultipleChoiceField(
        label=_("可读数据集"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    per_minute = forms.IntegerField(
        label=_("每分钟调用上限"), min_value=1, max_value=6000, initial=60
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datasets"].choices = [(k, _(d.label)) for k, d in registry().items()]


class RevokeForm(VersionedForm):
    pass
