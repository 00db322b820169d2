"""The one error the parser raises."""


def gettext_noop(message: str) -> str:
    """Marks a message for the English catalogue without importing Django (the parser is pure).

    The caller translates `PlanParseError.template` and fills in `params`.
    """
    return message


class PlanParseError(ValueError):
    """The file cannot be read as a plan. `message` is Chinese and names the problem."""

    def __init__(self, template: str, **params) -> None:
        message = template % params if params else template
        super().__init__(message)
        self.message = message
        self.template = template
        self.params = params
