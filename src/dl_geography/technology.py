"""The technology whose geography is mapped: presets, their validation, their text rules,
and the words readers see.

A preset (``conf/base/parameters_technologies.yml``) names a technology for readers
(``display_name``, ``short_name``), the study's parameters that depend on it (break year,
CorEx topic words, the keyword-search robustness list) and the rules of the weak-supervision
labeller (issue 13): high-precision ``patterns`` / ``acronyms`` for positives, ``exclusions``
that veto them, and broad ``cues`` whose absence marks a confident negative.

Every sentence, title and label that names the technology takes its words from a
``technology`` parameter block ``{name, short}`` (:func:`technology`), which the parameter
files fill from the chosen preset with ``${technology:display_name}`` and
``${technology:short_name}``: ``kedro run --params technology=...`` renames them all.
"""

import re
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_LIST_FIELDS = (
    "core_categories",
    "patterns",
    "acronyms",
    "exclusions",
    "cues",
    "corex_keywords",
    "keyword_search",
)


@dataclass(frozen=True)
class TechnologyPreset:
    """One technology preset, validated (see the module docstring)."""

    name: str
    display_name: str
    short_name: str
    break_year: int
    core_categories: tuple[str, ...]
    patterns: tuple[str, ...]
    acronyms: tuple[str, ...]
    exclusions: tuple[str, ...]
    cues: tuple[str, ...]
    corex_keywords: tuple[str, ...]
    keyword_search: tuple[str, ...]

    def to_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, record: dict) -> "TechnologyPreset":
        return cls(**{k: tuple(v) if k in _LIST_FIELDS else v for k, v in record.items()})


def resolve_technology(name: str, presets: dict) -> TechnologyPreset:
    """The preset called ``name``, checked: known name, every field present, valid regexes.

    Raises ``ValueError`` naming the parameter and listing the presets for an unknown name.
    """
    if not isinstance(presets, dict) or not presets:
        raise ValueError("parameter 'technologies' must map preset names to presets")
    if name not in presets:
        raise ValueError(
            f"parameter 'technology' = {name!r} is not a preset; presets are: "
            + ", ".join(sorted(presets))
        )
    preset = dict(presets[name] or {})
    required = {"display_name", "short_name", "break_year", *_LIST_FIELDS}
    missing = sorted(required - preset.keys())
    if missing:
        raise ValueError(f"technologies.{name} lacks {', '.join(missing)}")
    unknown = sorted(preset.keys() - required)
    if unknown:
        raise ValueError(f"technologies.{name} has unknown keys {', '.join(unknown)}")
    for field in _LIST_FIELDS:
        if not isinstance(preset[field], list | tuple):
            raise ValueError(f"technologies.{name}.{field} must be a list, got {preset[field]!r}")
    for field in ("patterns", "acronyms", "exclusions", "cues"):
        for pattern in preset[field]:
            try:
                re.compile(pattern)
                pc.match_substring_regex(pa.array([""]), pattern)  # RE2, as matched
            except (re.error, pa.ArrowInvalid) as error:
                raise ValueError(
                    f"technologies.{name}.{field}: invalid regular expression {pattern!r}: {error}"
                ) from None
    if not (preset["patterns"] or preset["acronyms"]):
        raise ValueError(f"technologies.{name} needs at least one pattern or acronym")
    try:
        preset["break_year"] = int(preset["break_year"])
    except (TypeError, ValueError):
        raise ValueError(
            f"technologies.{name}.break_year must be a year, got {preset['break_year']!r}"
        ) from None
    return TechnologyPreset.from_dict({"name": name, **preset})


def technology_field(field: str, *, _root_) -> object:
    """Config resolver ``${technology:FIELD}``: a field of the preset the parameter
    ``technology`` names, so a parameter such as ``geography.break_year`` follows
    ``kedro run --params technology=...`` (registered in ``settings.py``)."""
    name, presets = _root_.technology, _root_.technologies
    if name not in presets:
        raise ValueError(
            f"parameter 'technology' = {name!r} is not a preset; presets are: "
            + ", ".join(sorted(presets))
        )
    if field not in presets[name]:
        raise ValueError(f"technologies.{name} has no field {field!r}")
    return presets[name][field]


def _alternation(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def prepare_texts(texts: pd.Series, technology: TechnologyPreset) -> pa.Array:
    """Texts as an Arrow array with the ``exclusions`` (other senses of a word) blanked."""
    array = pa.array(texts.fillna("").astype(str).to_numpy(), type=pa.large_string())
    if technology.exclusions:
        array = _blank(array, technology.exclusions, ignore_case=True)
    return array


def _blank(array: pa.Array, patterns: tuple[str, ...], ignore_case: bool) -> pa.Array:
    prefix = "(?i)" if ignore_case else ""
    return pc.replace_substring_regex(array, prefix + _alternation(patterns), " ")


def _matches(array: pa.Array, patterns: tuple[str, ...], ignore_case: bool) -> np.ndarray:
    if not patterns:
        return np.zeros(len(array), dtype=bool)
    hit = pc.match_substring_regex(array, _alternation(patterns), ignore_case=ignore_case)
    return hit.to_numpy(zero_copy_only=False).astype(bool)


def rule_positive(texts: pa.Array, technology: TechnologyPreset) -> np.ndarray:
    """True where a pattern (any case) or an acronym (exact case) matches (after exclusions)."""
    return _matches(texts, technology.patterns, True) | _matches(texts, technology.acronyms, False)


def has_cue(texts: pa.Array, technology: TechnologyPreset) -> np.ndarray:
    """True where any cue matches (a paper with no cue is a confident negative)."""
    return _matches(texts, technology.cues, True)


def mask_rules(texts: pa.Array, technology: TechnologyPreset) -> pa.Array:
    """The texts with every rule match blanked, so a classifier learns from the context."""
    masked = texts
    if technology.patterns:
        masked = _blank(masked, technology.patterns, ignore_case=True)
    if technology.acronyms:
        masked = _blank(masked, technology.acronyms, ignore_case=False)
    return masked


@dataclass(frozen=True)
class Technology:
    """The technology's display name ("deep learning") and short name ("DL")."""

    name: str
    short: str

    @property
    def title(self) -> str:
        """The display name with a capital first letter, to open a sentence."""
        return self.name[:1].upper() + self.name[1:]


def technology(parameters: dict) -> Technology:
    """The words of a pipeline's ``technology`` parameter block ``{name, short}``."""
    block = parameters.get("technology")
    if not isinstance(block, dict) or set(block) != {"name", "short"}:
        raise ValueError(f"parameter block 'technology' must hold name and short, got {block!r}")
    return Technology(name=str(block["name"]), short=str(block["short"]))
