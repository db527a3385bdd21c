"""dl-geography: where deep learning is researched, and why."""

__version__ = "0.1.0"
