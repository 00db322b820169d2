from fazhi.core.errors import ErrorCode


class CatalogsError(ErrorCode):
    PUBLISHED = "catalog_published"
    FINDINGS = "catalog_findings"
    BAD_ROWS = "catalog_bad_rows"
    BAD_COLUMNS = "catalog_bad_columns"
    TOO_MANY_ROWS = "catalog_too_many_rows"
    EXISTS = "catalog_exists"
    UNKNOWN_KIND = "catalog_unknown_kind"
    UNKNOWN_BODY = "catalog_unknown_body"
    NOT_COMPARABLE = "catalog_not_comparable"
    NO_VERSION = "catalog_no_version"
    NOT_REMOVED = "catalog_not_removed"
    NOT_SUBMITTED = "catalog_not_submitted"
    NOT_ADJUSTMENT = "catalog_not_adjustment"
    PUBLISH_ORDER = "catalog_publish_order"
    BAD_DATE = "catalog_bad_date"
