import gzip

import pytest
from kedro.io import DatasetError

from dl_geography.datasets import (
    AbsentSource,
    AbsentSourceDataset,
    JSONDocumentDataset,
    JSONLinesDataset,
)


def test_json_lines_keeps_raw_text_and_line_numbers(tmp_path):
    path = tmp_path / "records.jsonl.gz"
    with gzip.open(path, "wt") as f:
        f.write('{"id": 1}\n\n{"id": 2\n{"id": 3}\n')
    frame = JSONLinesDataset(filepath=str(path)).load()
    assert frame["line_number"].tolist() == [1, 3, 4]
    assert frame["line"].tolist() == ['{"id": 1}', '{"id": 2', '{"id": 3}']


def test_missing_file_names_the_file(tmp_path):
    missing = tmp_path / "nowhere" / "works.jsonl"
    with pytest.raises(DatasetError, match=r"raw file not found: .*nowhere/works\.jsonl"):
        JSONLinesDataset(filepath=str(missing)).load()
    with pytest.raises(DatasetError, match=r"raw file not found: .*ror\.json"):
        JSONDocumentDataset(filepath=str(tmp_path / "ror.json")).load()


def test_unreadable_files_name_the_file(tmp_path):
    broken_gz = tmp_path / "snapshot.jsonl.gz"
    broken_gz.write_bytes(b"this is not gzip")
    with pytest.raises(DatasetError, match=r"snapshot\.jsonl\.gz"):
        JSONLinesDataset(filepath=str(broken_gz)).load()
    broken_json = tmp_path / "ror.json"
    broken_json.write_text("[{")
    with pytest.raises(DatasetError, match=r"not valid JSON: .*ror\.json"):
        JSONDocumentDataset(filepath=str(broken_json)).load()


def test_json_document_gz(tmp_path):
    path = tmp_path / "ror.json.gz"
    path.write_bytes(gzip.compress(b'[{"id": "x"}]'))
    assert JSONDocumentDataset(filepath=str(path)).load() == [{"id": "x"}]


def test_absent_source():
    dataset = AbsentSourceDataset(reason="no such source here")
    assert dataset.load() == AbsentSource("no such source here")
    assert not dataset.exists()
    with pytest.raises(DatasetError):
        dataset.save(1)
    with pytest.raises(DatasetError):
        AbsentSourceDataset(reason="")


def test_json_lines_with_bad_bytes_keeps_the_lines_and_warns(tmp_path, caplog):
    path = tmp_path / "records.jsonl"
    path.write_bytes(b'{"id": "a\xff"}\n{"id": "b"}\n')
    frame = JSONLinesDataset(filepath=str(path)).load()
    assert frame["line"].tolist() == ['{"id": "a\ufffd"}', '{"id": "b"}']
    assert "not valid utf-8" in caplog.text
