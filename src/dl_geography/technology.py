"""The words readers see for the technology the study follows.

Every sentence, title and label of the report that names the technology takes its words
from here, so following another technology (LLMs, ...) changes the ``technology``
parameter block (conf/base/parameters_reporting.yml), not the text.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Technology:
    """The technology's display name ("deep learning") and short name ("DL")."""

    name: str = "deep learning"
    short: str = "DL"

    @property
    def title(self) -> str:
        """The display name with a capital first letter, to open a sentence."""
        return self.name[:1].upper() + self.name[1:]


def technology(parameters: dict | None = None) -> Technology:
    """The technology of the ``technology`` parameter block ({name, short}), or the
    study's: deep learning, DL."""
    block = (parameters or {}).get("technology") or {}
    unknown = set(block) - {"name", "short"}
    if unknown:
        raise ValueError(f"technology: unknown keys {sorted(unknown)}; use name and short")
    return Technology(**{key: str(value) for key, value in block.items()})
