"""Helpers shared by test modules (test modules import from here, never from each other)."""

from kedro.io import MemoryDataset


class KeptDataset(MemoryDataset):
    """A memory dataset the runner cannot release, so the test can read intermediates."""

    def _release(self) -> None:
        pass
