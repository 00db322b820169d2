"""The one error the parser raises."""


class PlanParseError(ValueError):
    """The file cannot be read as a plan. `message` is Chinese and names the problem."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
