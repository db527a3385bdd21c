"""Custom Kedro datasets for raw sources whose formats the stock datasets cannot read as
the ingestion readers need them (raw JSON lines, zipped/gzipped JSON, an absent source)."""

from dl_geography.datasets.absent_source import AbsentSource, AbsentSourceDataset
from dl_geography.datasets.json_document import JSONDocumentDataset
from dl_geography.datasets.json_lines import JSONLinesDataset

__all__ = ["AbsentSource", "AbsentSourceDataset", "JSONDocumentDataset", "JSONLinesDataset"]
