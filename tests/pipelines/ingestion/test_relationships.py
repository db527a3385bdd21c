"""Registry hierarchy from GRID's relationships.csv and ROR's ``relationships``."""

import pandas as pd

from dl_geography.datasets import AbsentSource
from dl_geography.pipelines.ingestion.relationships import parse_relationships


def test_grid_and_ror_relationships_in_one_table():
    grid_rows = pd.DataFrame(
        {
            "grid_id": ["grid.1.a", "grid.2.b", None],
            "relationship_type": ["Parent", "Child", "Related"],
            "related_grid_id": ["grid.2.b", "grid.1.a", "grid.3.c"],
        }
    )
    grid = {"grid": pd.DataFrame, "full_tables/relationships": lambda: grid_rows}
    ror = [
        {
            "id": "https://ror.org/x",
            "relationships": [
                {"type": "parent", "id": "https://ror.org/y", "label": "Y"},
                {"type": "related", "id": "https://ror.org/z", "label": "Z"},
            ],
        },
        {"id": "https://ror.org/y", "relationships": []},
    ]
    rel, report = parse_relationships(ror, grid)
    assert rel.values.tolist() == [
        ["https://ror.org/x", "https://ror.org/y", "parent"],
        ["https://ror.org/x", "https://ror.org/z", "related"],
        ["grid.1.a", "grid.2.b", "parent"],
        ["grid.2.b", "grid.1.a", "child"],
    ]
    dropped = report.query("outcome == 'dropped'")
    assert dropped["count"].sum() == 1 and "no id" in dropped["reason"].iloc[0]


def test_absent_sources_give_an_empty_typed_table():
    rel, report = parse_relationships(AbsentSource("no ROR here"), None)
    assert rel.empty and list(rel.columns) == ["institute_id", "related_id", "relation"]
    assert (report["outcome"] == "absent").sum() == 2
