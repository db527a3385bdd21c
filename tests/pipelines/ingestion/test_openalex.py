import pandas as pd
import pytest

from dl_geography.datasets import AbsentSource, JSONLinesDataset
from dl_geography.pipelines.ingestion.openalex import (
    AUTHORSHIP_COLUMNS,
    WORK_COLUMNS,
    combine_authorships,
    parse_openalex_works,
    parse_paper_affiliations,
)
from tests.pipelines.ingestion.fixtures import daily_record, dropped, lines, openalex_work


def test_work_is_cleaned():
    works, _, _ = parse_openalex_works(lines(openalex_work()))
    work = works.iloc[0]
    assert work["work_id"] == "W1"
    assert work["doi"] == "10.1000/abc.1"
    assert work["arxiv_id"] == "1703.01234"
    assert work["title"] == "Deep Learning for Maps"
    assert work["publication_date"] == pd.Timestamp("2017-06-01")
    assert work["publication_year"] == 2017
    assert work["cited_by_count"] == 12
    assert work["source_type"] == "journal"
    assert list(work["location_source_types"]) == ["journal", "repository"]
    assert dict(works.dtypes.astype(str)) == WORK_COLUMNS


def test_arxiv_id_from_arxiv_doi_and_old_style_url():
    a = openalex_work("W2", doi="https://doi.org/10.48550/arXiv.1801.00001", locations=[])
    b = openalex_work(
        "W3",
        doi=None,
        locations=[
            {"source": {"type": "repository"}, "pdf_url": "http://arxiv.org/pdf/cs.lg/0612045v1"}
        ],
    )
    works, _, _ = parse_openalex_works(lines(a, b))
    assert works["arxiv_id"].tolist() == ["1801.00001", "cs.LG/0612045"]


def test_authorships_one_row_per_author_and_string_with_ids_when_given():
    _, authorships, report = parse_openalex_works(lines(openalex_work()))
    rows = authorships.set_index("affiliation")
    # one string, one institution: the institution is that string's
    assert rows.loc["Dept of CS, University of Oxford, UK", "institution_id"] == "I40120149"
    assert rows.loc["Dept of CS, University of Oxford, UK", "ror_id"] == "https://ror.org/052gg0110"
    assert rows.loc["Dept of CS, University of Oxford, UK", "author_position"] == 0
    # `affiliations` links one string; the other stays unlinked (two institutions, two strings)
    assert rows.loc["Google, Mountain View", "institution_id"] == "I1291425158"
    assert rows.loc["Google, Mountain View", "ror_id"] == "https://ror.org/00njsd438"
    assert pd.isna(rows.loc["MIT, Cambridge MA", "institution_id"])
    # two strings, one institution: which string it belongs to is unknown
    assert rows.loc[["Lab A", "Lab B"], "institution_id"].isna().all()
    assert len(authorships) == 5
    assert set(authorships["work_id"]) == {"W1"}
    assert authorships["paper_id"].isna().all()
    assert dict(authorships.dtypes.astype(str)) == AUTHORSHIP_COLUMNS
    assert dropped(report, "author without raw affiliation string") == (1, "W1#3")


def test_broken_works_are_reported():
    works, _, report = parse_openalex_works(
        lines(
            openalex_work("W1"),
            "{not json",
            openalex_work("W2", id=None),
            openalex_work("W3", publication_date="31/31/2020"),
            openalex_work("W1"),
            openalex_work("W4", publication_date=None, publication_year=2019),
        )
    )
    assert works["work_id"].tolist() == ["W1", "W4"]
    assert works.loc[1, "publication_date"] == pd.Timestamp("2019-01-01")
    assert dropped(report, "malformed JSON line") == (1, "line 2")
    assert dropped(report, "no id")[0] == 1
    assert dropped(report, "unparseable date") == (1, "W3")
    assert dropped(report, "duplicate id") == (1, "W1")


def test_chunks_of_lines_give_the_whole_file_result():
    raw = lines(
        openalex_work("W1"),
        "{not json",
        openalex_work("W2", id=None),
        openalex_work("W3", publication_date="31/31/2020"),
        openalex_work("W1"),
        openalex_work("W4", publication_date=None, publication_year=2019),
        "[1]",
    )
    whole = parse_openalex_works(raw)
    for chunk_lines in (1, 2, 3):
        for expected, got in zip(whole, parse_openalex_works(raw, chunk_lines), strict=True):
            pd.testing.assert_frame_equal(got, expected)
    # the second W1 is a dropped duplicate: its authorships are not kept
    assert set(whole[1]["work_id"]) == {"W1", "W4"} and len(whole[1]) == 10
    assert dropped(whole[2], "malformed JSON line") == (2, "line 2; line 7")
    with pytest.raises(ValueError, match="chunk_lines"):
        parse_openalex_works(raw, 0)


def test_absent_source_gives_empty_typed_tables():
    works, authorships, report = parse_openalex_works(AbsentSource("no works in the sample"))
    assert works.empty and list(works.columns) == list(WORK_COLUMNS)
    assert authorships.empty and dict(authorships.dtypes.astype(str)) == AUTHORSHIP_COLUMNS
    assert report["outcome"].tolist() == ["absent"]
    assert report["reason"].tolist() == ["source absent: no works in the sample"]


def test_paper_affiliations():
    record = daily_record(
        "2512.22182v2",
        authors=["Hassan Khalid", "Muhammad Khaliq", "M. Bashir"],
        author_affiliations=[
            {"author": "Muhammad Khaliq", "affiliation": " NUST, Pakistan "},
            {"author": "muhammad  khaliq", "affiliation": "MIT"},
            {"author": "Someone Else", "affiliation": "Oxford"},
            {"author": "M. Bashir", "affiliation": ""},
        ],
    )
    authorships, report = parse_paper_affiliations(lines(record))
    assert authorships["paper_id"].tolist() == ["2512.22182"] * 3
    assert authorships["author_position"].tolist() == [1, 1, -1]
    assert authorships["affiliation"].tolist() == ["NUST, Pakistan", "MIT", "Oxford"]
    assert authorships["work_id"].isna().all()
    assert dropped(report, "empty affiliation string") == (1, "2512.22182")
    combined = combine_authorships(parse_openalex_works(lines(openalex_work()))[1], authorships)
    assert len(combined) == 8
    assert dict(combined.dtypes.astype(str)) == AUTHORSHIP_COLUMNS


@pytest.mark.shared_data
def test_real_520_paper_affiliations(shared_data):
    raw = JSONLinesDataset(
        filepath=str(shared_data / "openalex" / "arxiv_with_openalex_affiliations_520.jsonl")
    ).load()
    authorships, _ = parse_paper_affiliations(raw)
    assert authorships["paper_id"].nunique() == 520
    assert len(authorships) == 2281
    assert authorships["affiliation"].nunique() == 823
    assert (authorships["author_position"] >= 0).mean() > 0.98


def test_snapshot_parts_through_partitioned_dataset(tmp_path):
    import gzip
    import json

    from kedro_datasets.partitions import PartitionedDataset

    folder = tmp_path / "works" / "updated_date=2024-01-01"
    folder.mkdir(parents=True)
    with gzip.open(folder / "part_000.gz", "wt") as f:
        f.write(json.dumps(openalex_work("W1")) + "\n")
    with gzip.open(folder / "part_001.gz", "wt") as f:
        f.write(json.dumps(openalex_work("W2")) + "\n" + '{"id": "https://openalex.org/W3", \n')
    parts = PartitionedDataset(
        path=str(tmp_path / "works"),
        filename_suffix=".gz",
        dataset="dl_geography.datasets.JSONLinesDataset",
    ).load()
    works, _, report = parse_openalex_works(parts)
    assert works["work_id"].tolist() == ["W1", "W2"]
    assert dropped(report, "malformed JSON line") == (
        1,
        "updated_date=2024-01-01/part_001 line 2 (id https://openalex.org/W3)",
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Luis Saavedra", 0),  # surname inside a double-barrelled one, same initial
        ("S. Jiménez‐Fernández", 1),  # Unicode hyphen, accents, initial only
        ("Li Wen", 3),  # swapped order, and "Weiwei Li" does not steal it
        ("Banglei Guan", 4),  # one-letter spelling difference
        ("Nobody Here", -1),
        ("J. Smith", -1),  # two candidates (John and Jane Smith): not guessed
    ],
)
def test_author_position(name, expected):
    from dl_geography.pipelines.ingestion.openalex import author_position

    authors = [
        "Luis M. Moreno-Saavedra",
        "Silvia Jimenez-Fernandez",
        "Weiwei Li",
        "Wen Li",
        "Banglei Guana",
        "John Smith",
        "Jane Smith",
    ]
    assert author_position(name, authors) == expected
