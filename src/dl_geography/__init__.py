"""dl-geography: where deep learning is researched, and why."""

from dl_geography.logs import quiet_dependency_warnings

__version__ = "0.1.0"

quiet_dependency_warnings()
