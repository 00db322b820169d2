"""The visit and inspector tables: the explicit through model sits on the automatic many-to-many's
table, and neither table keeps a single-column index that a unique pair already leads with."""

import pytest
from django.db import connection

from fazhi.enforcement.models import InspectionVisit, InspectionVisitOfficer

pytestmark = pytest.mark.django_db


def table_constraints(model):
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


def indexed_columns(model) -> list[tuple[tuple[str, ...], bool]]:
    """(columns, unique) of every index, primary key excluded."""
    return sorted(
        (tuple(c["columns"]), bool(c["unique"]))
        for c in table_constraints(model).values()
        if (c["index"] or c["unique"]) and not c["primary_key"]
    )


def test_the_through_model_is_the_table_the_automatic_many_to_many_made():
    assert InspectionVisit.officers.through is InspectionVisitOfficer
    assert InspectionVisitOfficer._meta.db_table == "enforcement_inspectionvisit_officers"
    columns = [f.column for f in InspectionVisitOfficer._meta.concrete_fields]
    assert columns == ["id", "inspectionvisit_id", "officer_id"]
    with connection.cursor() as cursor:
        described = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, InspectionVisitOfficer._meta.db_table
            )
        }
    assert described == set(columns)


def test_the_inspector_table_keeps_the_pair_and_the_officer_index_only():
    assert indexed_columns(InspectionVisitOfficer) == [
        (("inspectionvisit_id", "officer_id"), True),
        (("officer_id",), False),
    ]


def test_the_visit_table_has_no_index_on_the_draw_alone():
    found = indexed_columns(InspectionVisit)
    assert (("draw_id",), False) not in found
    assert (("draw_id", "rank"), True) in found
    assert (("draw_id", "target_id"), True) in found
    assert (("draw_id", "outcome"), False) in found
    assert (("target_id",), False) in found  # the PROTECT lookup from a target


def test_the_foreign_keys_stay():
    fks = {
        c["columns"][0]: c["foreign_key"]
        for model in (InspectionVisit, InspectionVisitOfficer)
        for c in table_constraints(model).values()
        if c["foreign_key"]
    }
    assert fks == {
        "draw_id": ("enforcement_inspectiondraw", "id"),
        "target_id": ("enforcement_inspectiontarget", "id"),
        "inspectionvisit_id": ("enforcement_inspectionvisit", "id"),
        "officer_id": ("enforcement_officer", "id"),
    }
