"""Industry relatedness: research subjects, DL and CrunchBase sectors (sections 2.1.5, 2.2)."""

from .pipeline import create_pipeline

__all__ = ["create_pipeline"]
