"""The drivers pipeline: what predicts regional DL specialisation (section 3.5, Table 3,
Figs 15-16)."""

from .pipeline import create_pipeline

__all__ = ["create_pipeline"]
