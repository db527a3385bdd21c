"""The geography pipeline: GPT tests, revealed comparative advantage, concentration."""

from dl_geography.pipelines.geography.pipeline import create_pipeline

__all__ = ["create_pipeline"]
