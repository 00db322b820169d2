"""Forms look the same in every app: Bootstrap classes come from the form renderer.

`settings.FORM_RENDERER = "fazhi.core.forms.BootstrapRenderer"`: every widget gets its Bootstrap
class (`form-control`, `form-select`, `form-check-input`), and `{{ form }}` renders each field
with its label, help text and errors. No app styles widgets by hand.
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates


def widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
        return "form-check-input"
    if isinstance(widget, (forms.Select, forms.NullBooleanSelect)) and not isinstance(
        widget, forms.CheckboxSelectMultiple
    ):
        return "form-select"
    if isinstance(widget, forms.HiddenInput):
        return ""
    return "form-control"


class BootstrapBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        css = widget_class(widget or self.field.widget)
        classes = attrs.get("class", "")
        if css and css not in classes.split():
            attrs["class"] = f"{classes} {css}".strip()
        if self.form.is_bound and self.errors:
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        return attrs

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        css = "form-check-label" if self.widget_type == "checkbox" else "form-label"
        attrs = {**(attrs or {}), "class": css}
        return super().label_tag(contents, attrs, label_suffix, tag)


# Django's wrappers of a choice list take the options' attributes, the form-check-input class
# too: a 1em box that squeezed the labels one character per line over what follows.
CHOICE_LISTS = {"django/forms/widgets/checkbox_select.html", "django/forms/widgets/radio.html"}


class BootstrapRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = BootstrapBoundField

    def get_template(self, template_name):
        if template_name in CHOICE_LISTS:
            template_name = "core/widgets/choice_list.html"
        return super().get_template(template_name)


class VersionedForm(forms.Form):
    """Base of every form that changes a versioned row: carries the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (evidence, attachments); cleans to a list, empty when none."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []
