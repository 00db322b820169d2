"""Every app's audit actions (`events.Event`): named for their app, each with a label of its own."""

from django.utils.functional import Promise

from fazhi.core.discovery import app_modules
from fazhi.core.views import action_labels
from fazhi.core.writes import ACTION_NAME


def test_every_action_is_its_apps_and_has_its_own_translated_label():
    found = {}
    for config, module in app_modules("events"):
        labels = [str(event.label) for event in module.Event]
        assert len(set(labels)) == len(labels), f"two {config.label} actions share a label"
        for event in module.Event:
            assert ACTION_NAME.match(event.value) and event.value.startswith(f"{config.label}.")
            # Without a label TextChoices makes one from the member's name: a plain str.
            assert isinstance(event.label, Promise), f"{event.value} has no translatable label"
            assert event.value not in found, f"{event.value} is declared twice"
            found[event.value] = str(event.label)
    assert {"plans.task_update", "enforcement.case_notify"} <= found.keys()
    assert {k: str(v) for k, v in action_labels().items()} == found
