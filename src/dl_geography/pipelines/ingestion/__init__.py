"""Ingestion: raw sources (arXiv, OpenAlex, ROR/GRID, Natural Earth, CrunchBase, GeoNames)
to the primary tables of docs/data_contracts.md."""

from dl_geography.pipelines.ingestion.pipeline import create_pipeline

__all__ = ["create_pipeline"]
