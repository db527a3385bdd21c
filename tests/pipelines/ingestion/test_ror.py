import json
import zipfile

import pytest

from dl_geography.datasets import JSONDocumentDataset
from dl_geography.pipelines.ingestion.institute_columns import INSTITUTE_COLUMNS, NAME_COLUMNS
from dl_geography.pipelines.ingestion.ror import parse_ror_dump, ror_records
from tests.pipelines.ingestion.fixtures import dropped, multinational_record, ror_record


def test_dump_is_cleaned():
    institutes, names, _ = parse_ror_dump([ror_record(), multinational_record()])
    oxford, google = institutes.iloc[0], institutes.iloc[1]
    assert oxford["institute_id"] == "https://ror.org/052gg0110"
    assert oxford["name"] == "University of Oxford"
    assert list(oxford["types"]) == ["education", "funder"]
    assert (oxford["country_code"], oxford["city"], oxford["subdivision"]) == (
        "GB",
        "Oxford",
        "England",
    )
    assert oxford["latitude"] == pytest.approx(51.75222)
    assert oxford["grid_id"] == "grid.4991.5"
    assert oxford["n_locations"] == 1
    assert google["n_locations"] == 2 and google["country_code"] == "US"
    assert dict(institutes.dtypes.astype(str)) == INSTITUTE_COLUMNS
    kinds = names.set_index("name")["kind"].to_dict()
    assert kinds == {
        "University of Oxford": "display",
        "Oxford University": "alias",
        "Universitas Oxoniensis": "label",
        "Google": "display",
        "GOOG": "acronym",
    }
    assert names.set_index("name").loc["Universitas Oxoniensis", "lang"] == "la"
    assert dict(names.dtypes.astype(str)) == NAME_COLUMNS


def test_bad_records_are_reported():
    no_names = ror_record("https://ror.org/0aaaaaa00", names=[])
    no_place = ror_record("https://ror.org/0bbbbbb00", locations=[])
    institutes, _, report = parse_ror_dump(
        [ror_record(), ror_record(id=None), no_names, no_place, ror_record()]
    )
    assert institutes["institute_id"].tolist() == [
        "https://ror.org/052gg0110",
        "https://ror.org/0bbbbbb00",
    ]
    assert dropped(report, "no id")[0] == 1
    assert dropped(report, "no name") == (1, "https://ror.org/0aaaaaa00")
    assert dropped(report, "duplicate id") == (1, "https://ror.org/052gg0110")
    assert institutes["latitude"].isna().sum() == 1


def test_elasticsearch_and_single_record_shapes():
    wrapped = {"hits": {"hits": [{"_id": "x", "_source": ror_record()}]}}
    assert ror_records(wrapped) == [ror_record()]
    assert ror_records(ror_record()) == [ror_record()]
    assert ror_records({"items": [ror_record()]}) == [ror_record()]
    with pytest.raises(ValueError, match="neither"):
        ror_records({"something": 1})


def test_zipped_dump_picks_the_v2_member(tmp_path):
    archive = tmp_path / "v1.50-2024-07-29-ror-data.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("v1.50-2024-07-29-ror-data.json", json.dumps([{"id": "v1"}]))
        z.writestr("v1.50-2024-07-29-ror-data_schema_v2.json", json.dumps([ror_record()]))
    document = JSONDocumentDataset(filepath=str(archive)).load()
    institutes, _, _ = parse_ror_dump(document)
    assert institutes["institute_id"].tolist() == ["https://ror.org/052gg0110"]


@pytest.mark.shared_data
def test_real_ror_elasticsearch_records(shared_data):
    search = JSONDocumentDataset(
        filepath=str(shared_data / "ror" / "test_data_search_es7_v2.json")
    ).load()
    institutes, names, report = parse_ror_dump(search)
    assert len(institutes) == 20
    assert institutes["institute_id"].str.startswith("https://ror.org/").all()
    assert institutes["latitude"].notna().all() and institutes["country_code"].notna().all()
    assert institutes["grid_id"].str.startswith("grid.").all()
    assert set(names["kind"]) <= {"display", "alias", "acronym", "label"}
    assert (names["kind"] == "display").sum() == 20
    monash = institutes.set_index("institute_id").loc["https://ror.org/02bfwt286"]
    assert (monash["name"], monash["city"], monash["grid_id"]) == (
        "Monash University",
        "Melbourne",
        "grid.1002.3",
    )
    retrieve = JSONDocumentDataset(
        filepath=str(shared_data / "ror" / "test_data_retrieve_es7_v2.json")
    ).load()
    one, _, _ = parse_ror_dump(retrieve)
    assert one["institute_id"].tolist() == ["https://ror.org/02atag894"]
    assert report.loc[report["outcome"] == "dropped", "count"].sum() == 0
