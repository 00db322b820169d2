"""Every refusal code the plans app raises (clients may test these stable strings)."""

from fazhi.core.errors import ErrorCode


class PlansError(ErrorCode):
    INVALID = "invalid"
    BAD_TARGET = "bad_target"
    BAD_OBLIGATION = "bad_obligation"
    BAD_TYPE = "bad_type"
    TASK_CLOSED = "task_closed"
    NOT_OVERDUE = "not_overdue"
    NOT_OWNER = "not_owner"
    FILE_TOO_LARGE = "file_too_large"
    EMPTY_FILE = "empty_file"
    NOT_A_PLAN = "not_a_plan"
    TAKEN = "conflict"  # a 文号 or a unit name already in use
    UNKNOWN_UNIT = "unknown_unit"
    UNRESOLVED = "unresolved"
    LEDGER_ROWS = "ledger_rows"
    NO_REGION = "no_region"
    # Linking a task to a higher government's measure (plans.linking)
    LINK_NOT_REFERENCE = "link_not_reference"
    LINK_NOT_HIGHER = "link_not_higher_region"
    LINK_REGION_UNKNOWN = "link_region_unknown"
    LINK_TASK_WITHDRAWN = "link_task_withdrawn"
    LINK_EXISTS = "link_exists"
    LINK_MISSING = "link_missing"
