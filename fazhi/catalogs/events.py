from enum import StrEnum


class Event(StrEnum):
    VERSION_IMPORT = "catalogs.version_import"
    VERSION_CHECK = "catalogs.version_check"
    VERSION_APPROVE = "catalogs.version_approve"
    VERSION_PUBLISH = "catalogs.version_publish"
    VERSION_REASON = "catalogs.version_reason"
    MAPPING_SAVE = "catalogs.mapping_save"
    VERSION_BASELINE = "catalogs.version_baseline"
