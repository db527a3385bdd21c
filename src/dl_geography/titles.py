"""Title normalisation of section 2.1.2 (the study's emulation of MAG's title matching).

Ground floor: the enrichment pipeline (matching arXiv papers to published works) and the
OpenAlex fetcher (keeping a title-search hit only when the keys agree) share this key.

The study keeps "foreign" letters (Greek, accented, any alphabet) as letters, replaces
every symbol with a space, collapses spaces and lower-cases. arXiv titles carry LaTeX
(``$\\alpha$-divergence``, ``Sch\\"olkopf``) where the published record prints the
character itself (``α-divergence``, ``Schölkopf``), so before the study's three steps
we turn simple LaTeX into the character it stands for: Greek letter commands (and
``\\ell``) into the letters, accent commands into accented letters, any other command
(``\\mathcal``, ``\\textbf``) is dropped keeping its argument, and sub- and superscript
marks inside ``$...$`` join what they attach (``$\\ell_1$`` is printed ``ℓ1``). Digits
are not symbols: they are kept.
"""

import re
import unicodedata

import pandas as pd

_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "θ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "varpi": "π",
    "rho": "ρ",
    "varrho": "ρ",
    "sigma": "σ",
    "varsigma": "ς",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "ell": "ℓ",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
}
# LaTeX accent commands -> Unicode combining marks (composed again by NFC).
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "r": "\u030a",
    "k": "\u0328",
}
_SYMBOL_ACCENT = re.compile(r"""\\(["'`^~=.])\s*\{?\\?([A-Za-z])\}?""")
_LETTER_ACCENT = re.compile(r"\\([cvuHrk])(?:\s*\{\\?([A-Za-z])\}|\s+([A-Za-z]))")
_LETTER_COMMAND = re.compile(
    r"\\(" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r")(?![A-Za-z])"
)
_OTHER_COMMAND = re.compile(r"\\[A-Za-z]+\*?")
_MATH = re.compile(r"\$[^$]*\$")
_SCRIPT_MARKS = re.compile(r"[_^{}]")
# \w keeps letters of every alphabet and digits; the underscore is a symbol too.
_SYMBOLS = re.compile(r"[\W_]+")


def _symbol_accent(m: re.Match) -> str:
    return m.group(2) + _ACCENTS[m.group(1)]


def _letter_accent(m: re.Match) -> str:
    return (m.group(2) or m.group(3)) + _ACCENTS[m.group(1)]


def latex_to_text(titles: pd.Series) -> pd.Series:
    """Replace simple LaTeX by the characters it prints (Greek letters, accents)."""
    s = titles.astype("string")
    s = s.str.replace(_SYMBOL_ACCENT, _symbol_accent, regex=True)
    s = s.str.replace(_LETTER_ACCENT, _letter_accent, regex=True)
    s = s.str.replace(_LETTER_COMMAND, lambda m: _GREEK[m.group(1)], regex=True)
    s = s.str.replace(_OTHER_COMMAND, " ", regex=True)
    return s.str.replace(_MATH, lambda m: _SCRIPT_MARKS.sub("", m.group(0)), regex=True)


def normalise_titles(titles: pd.Series) -> pd.Series:
    """Section 2.1.2's title key: letters of any alphabet and digits, single spaces, lower case.

    Steps: LaTeX to characters (deviation, see module docstring); Unicode NFKC (ligatures,
    full-width forms) then NFC so accented letters are single letters; every symbol
    character to a space; runs of spaces collapsed; case folded; trimmed. Missing titles
    stay missing.
    """
    s = latex_to_text(titles)
    s = s.map(
        lambda t: unicodedata.normalize("NFC", unicodedata.normalize("NFKC", t)), na_action="ignore"
    ).astype("string")
    s = s.str.replace(_SYMBOLS, " ", regex=True).str.casefold().str.strip()
    return s.where(s.str.len() > 0, pd.NA)
