"""Enrichment: published records, institutes and places (sections 2.1.2 and 2.1.3)."""

from .pipeline import create_pipeline

__all__ = ["create_pipeline"]
