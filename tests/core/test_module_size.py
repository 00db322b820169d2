"""The kernel issue's size rule: no module outside migrations and demo data over 700 lines.

Split a module that grows past it by aggregate (`services/<entity>.py`) or by concern."""

from pathlib import Path

import fazhi

LIMIT = 700


def test_no_module_outside_migrations_and_demo_data_exceeds_700_lines():
    root = Path(fazhi.__file__).parent
    too_long = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts or path.stem == "demo":
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            too_long[str(path.relative_to(root))] = lines
    assert not too_long, too_long
