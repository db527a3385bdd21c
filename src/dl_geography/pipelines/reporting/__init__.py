"""Reporting: the self-contained HTML report of every table and figure."""

from dl_geography.pipelines.reporting.pipeline import create_pipeline

__all__ = ["create_pipeline"]
