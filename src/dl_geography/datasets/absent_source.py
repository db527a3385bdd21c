"""A raw source an environment deliberately does not have (declared, never silent)."""

from dataclasses import dataclass
from typing import Any

from kedro.io import AbstractDataset, DatasetError


@dataclass(frozen=True)
class AbsentSource:
    """What an ``AbsentSourceDataset`` loads: no data, and the catalog's reason why."""

    reason: str


class AbsentSourceDataset(AbstractDataset[None, AbsentSource]):
    """Loads an ``AbsentSource``: this environment has no such source, for ``reason``.

    The ingestion readers turn it into an empty table with the contract's columns and a
    report row (outcome ``absent``) quoting the reason: e.g. the ``sample`` environment has
    no OpenAlex works (its authorships come from the 520-paper affiliation file) and no ROR
    dump (its registry is the GRID 2016 release), while the demo world has no GRID release.
    """

    def __init__(self, *, reason: str, metadata: dict[str, Any] | None = None):
        if not reason:
            raise DatasetError("AbsentSourceDataset needs a `reason`")
        self.reason = reason
        self.metadata = metadata

    def load(self) -> AbsentSource:
        self._logger.info("source absent in this environment: %s", self.reason)
        return AbsentSource(self.reason)

    def save(self, data: Any) -> None:
        raise DatasetError(f"absent source ({self.reason}) cannot be written")

    def _exists(self) -> bool:
        return False

    def _describe(self) -> dict[str, Any]:
        return {"reason": self.reason}
