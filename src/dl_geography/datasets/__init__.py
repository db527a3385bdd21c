"""Custom Kedro datasets: raw sources whose formats the stock datasets cannot read as the
ingestion readers need them (raw JSON lines, zipped/gzipped JSON, an absent source), and
the figures every pipeline saves and the report reads back."""

from dl_geography.datasets.absent_source import AbsentSource, AbsentSourceDataset
from dl_geography.datasets.figure import FigureDataset
from dl_geography.datasets.json_document import JSONDocumentDataset
from dl_geography.datasets.json_lines import JSONLinesDataset

__all__ = [
    "AbsentSource",
    "AbsentSourceDataset",
    "FigureDataset",
    "JSONDocumentDataset",
    "JSONLinesDataset",
]
