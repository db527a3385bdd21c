import pandas as pd

from dl_geography.quality import REPORT_COLUMNS, StageReport, combine_reports


def test_filter_counts_in_out_and_dropped_ids():
    frame = pd.DataFrame({"paper_id": ["a", "b", "c"], "abstract": ["x", None, "y"]})
    report = StageReport("ingestion")
    kept = report.filter("papers", frame, frame["abstract"].notna(), "no abstract", "paper_id")
    table = report.to_frame()
    assert list(kept["paper_id"]) == ["a", "c"]
    assert list(table.columns) == REPORT_COLUMNS
    counts = table.set_index("outcome")["count"]
    assert counts["in"] == 3 and counts["dropped"] == 1 and counts["out"] == 2
    assert table.set_index("outcome").loc["dropped", "examples"] == "b"


def test_combine_reports_keeps_order_and_skips_empty():
    a = StageReport("a")
    a.count("s", "in", 1)
    b = StageReport("b")
    b.count("s", "in", 2)
    combined = combine_reports(a.to_frame(), StageReport("c").to_frame(), b.to_frame())
    assert list(combined["stage"]) == ["a", "b"]
