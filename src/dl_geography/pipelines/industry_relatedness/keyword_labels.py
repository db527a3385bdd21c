"""A fallback sector labeller for exports without descriptions (the 2013 CrunchBase export).

With no description the classifier of section 2.2 cannot be trained. Rather than stop the
chain, the ``sample`` environment labels an abstract with a sector when the abstract names
it: a transparent, low-recall stand-in, reported as such (docs/industry_relatedness.md).
"""

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer


def sector_phrases(sector: str) -> list[str]:
    """The phrases that name a sector: the whole name, and each part of a ``_``-joined code.

    ``Artificial Intelligence`` -> ``artificial intelligence``; ``games_video`` ->
    ``games video``, ``games``, ``video``. Stop words (``other``) and words of fewer than
    three letters are never phrases on their own.
    """
    name = sector.lower().replace("_", " ").replace("-", " ").replace("/", " ")
    words = name.split()
    phrases = [" ".join(words)]
    if "_" in sector:
        phrases += words
    return [
        p
        for p in dict.fromkeys(phrases)
        if p and not (" " not in p and (p in ENGLISH_STOP_WORDS or len(p) < 3))
    ]


class KeywordSectorModel:
    """``predict_proba`` of 1 for each sector a text names (``sector_phrases``), else 0."""

    def __init__(self, sectors: list[str]):
        self.sectors = list(sectors)
        phrases = {s: sector_phrases(s) for s in self.sectors}
        self.vocabulary = sorted({p for ps in phrases.values() for p in ps})
        self.phrase_sector = np.zeros((len(self.vocabulary), len(self.sectors)))
        index = {p: i for i, p in enumerate(self.vocabulary)}
        for j, sector in enumerate(self.sectors):
            for phrase in phrases[sector]:
                self.phrase_sector[index[phrase], j] = 1.0
        longest = max((len(p.split()) for p in self.vocabulary), default=1)
        self.vectorizer = CountVectorizer(
            vocabulary=self.vocabulary,
            binary=True,
            ngram_range=(1, longest),
            token_pattern=r"(?u)\b\w+\b",
        )

    def predict_proba(self, texts) -> np.ndarray:
        if not self.vocabulary:
            return np.zeros((len(texts), len(self.sectors)))
        hits = self.vectorizer.transform(texts) @ self.phrase_sector
        return (np.asarray(hits) > 0).astype(float)
