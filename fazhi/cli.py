"""The `fazhi` console script: Django's manage.py, usable from any folder."""

import os
import sys


def _pending_migrations() -> bool:
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except Exception:  # noqa: BLE001 - no database at all: say the same thing
        return True


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(sys.argv)
    except (OperationalError, ProgrammingError):
        if not _pending_migrations():
            raise
        # Printed in Chinese like all command output; the traceback would help nobody here.
        sys.stderr.write("数据库尚未建立或需要升级,请先运行: fazhi migrate\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
