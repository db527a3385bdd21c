"""Vectorised text: sentences filled from word lists, titles, abstracts, descriptions.

Sentences are built frame by frame over whole arrays (one numpy object-array
concatenation per slot), never paper by paper.
"""

import re

import numpy as np
import pandas as pd

from dl_geography.demo_world import vocabularies as voc

_SLOT = re.compile(r"\{(\w)\}")


class WordBank:
    """Several word lists in one array, so a word of list ``k`` is drawn vectorised."""

    def __init__(self, lists: list[np.ndarray]):
        self.words = np.concatenate(lists)
        self.sizes = np.array([len(x) for x in lists])
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)[:-1]])

    def draw(self, which: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        pick = (rng.uniform(size=len(which)) * self.sizes[which]).astype(np.int64)
        return self.words[self.offsets[which] + pick]


def fill_frames(
    frames: list[str],
    frame_of: np.ndarray,
    slot_words: dict[str, callable],
) -> np.ndarray:
    """Fill sentence ``frames[frame_of[i]]`` for every i.

    ``slot_words[letter](rows)`` returns one word per row index for that slot letter.
    """
    out = np.empty(len(frame_of), dtype=object)
    for f, frame in enumerate(frames):
        rows = np.flatnonzero(frame_of == f)
        if len(rows) == 0:
            continue
        pieces = _SLOT.split(frame)  # literal, slot, literal, slot, ..., literal
        text = np.full(len(rows), pieces[0], dtype=object)
        for k in range(1, len(pieces), 2):
            text = text + slot_words[pieces[k]](rows) + pieces[k + 1]
        out[rows] = text
    return out


def join_by_owner(owner: np.ndarray, sentences: np.ndarray, n_owners: int) -> np.ndarray:
    """Join the sentences of each owner (already in order) with a space."""
    series = pd.Series(sentences).groupby(owner, sort=True).agg(" ".join)
    out = np.full(n_owners, "", dtype=object)
    out[series.index.to_numpy()] = series.to_numpy()
    return out


def wrap_lines(texts: np.ndarray, every: int, rng: np.random.Generator) -> np.ndarray:
    """arXiv style: a line break instead of a space every ``every`` words or so."""
    offsets = rng.integers(0, every, size=len(texts))
    out = np.empty(len(texts), dtype=object)
    for i, text in enumerate(texts):
        words = text.split(" ")
        for k in range(int(offsets[i]) + 1, len(words), every):
            words[k] = "\n" + words[k]
        out[i] = " ".join(words).replace(" \n", "\n")
    return out


def capitalise_first(texts: np.ndarray) -> np.ndarray:
    return np.array([t[:1].upper() + t[1:] for t in texts], dtype=object)


def abstracts(
    subject_lists: list[np.ndarray],
    subj: np.ndarray,
    is_dl: np.ndarray,
    *,
    stray_dl: np.ndarray,
    short: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """One abstract per paper.

    ``subj`` (papers x slots, -1 padded) holds each paper's subjects as indices into
    ``subject_lists``; every paper gets six to nine plain sentences, so that after stop
    words its abstract clears the topic model's 20-token floor; DL papers, whatever their
    subjects, get three or four DL sentences (two DL terms each) in place of two plain
    ones, their DL terms drawn
    with Zipf-like frequencies (``deep learning`` and ``neural network`` in most DL
    abstracts, as on arXiv), so that the DL vocabulary, not the vocabulary of DL-heavy
    subjects such as cs.CV, is what sets DL papers apart; ``stray_dl`` papers (not DL)
    mention one DL term once; ``short`` papers get a single sentence, under the floor.
    """
    n = len(is_dl)
    n_dl = np.where(is_dl & ~short, rng.integers(3, 5, size=n), 0)
    # DL sentences stand in for two plain ones: DL abstracts are not longer, so they do
    # not carry more subject words than other papers of their subjects.
    n_plain = np.where(short, 1, rng.integers(6, 10, size=n) - np.where(n_dl > 0, 2, 0))
    n_stray = (stray_dl & ~is_dl & ~short).astype(int)
    per = n_plain + n_dl + n_stray
    owner = np.repeat(np.arange(n), per)
    pos = np.arange(len(owner)) - np.repeat(np.cumsum(per) - per, per)
    # Sentence kinds by position: DL sentences after the first plain one.
    kind = np.zeros(len(owner), dtype=int)  # 0 plain, 1 dl, 2 stray
    first = np.repeat(np.cumsum(per) - per, per)
    is_dl_pos = (pos >= 1) & (pos < 1 + np.repeat(n_dl, per))
    kind[is_dl_pos] = 1
    stray_pos = (pos == np.repeat(per, per) - 1) & np.repeat(n_stray > 0, per)
    kind[stray_pos] = 2
    del first

    stray_frames = [
        "We compare against a {d} baseline.",
        "A {d} was also considered in earlier work.",
    ]
    latex_frames = [
        "We prove a bound of $O(n \\log n)$ for the {s}.",
        "The $\\ell_1$-regularised {n} is {a} for {s}.",
    ]
    frames = voc.FRAMES + latex_frames + voc.DL_FRAMES + stray_frames
    n_p, n_l, n_d = len(voc.FRAMES), len(latex_frames), len(voc.DL_FRAMES)
    frame_of = np.where(
        kind == 0,
        np.where(
            rng.uniform(size=len(owner)) < 0.04,
            n_p + rng.integers(0, n_l, len(owner)),
            rng.integers(0, n_p, len(owner)),
        ),
        np.where(
            kind == 1,
            n_p + n_l + rng.integers(0, n_d, len(owner)),
            n_p + n_l + n_d + rng.integers(0, 2, len(owner)),
        ),
    )

    bank = WordBank(subject_lists)
    n_subj = (subj >= 0).sum(axis=1)
    generic_n, generic_v = voc.phrases(voc.GENERIC_NOUNS), voc.phrases(voc.GENERIC_VERBS)
    adjectives, dl_terms = voc.phrases(voc.ADJECTIVES), voc.phrases(voc.DL_TERMS)

    def subject_word(rows):
        papers = owner[rows]
        # The primary subject half the time, else any of the paper's subjects.
        k = np.where(
            rng.uniform(size=len(rows)) < 0.5,
            0,
            (rng.uniform(size=len(rows)) * n_subj[papers]).astype(int),
        )
        return bank.draw(subj[papers, k], rng)

    def pick(words):
        return lambda rows: words[rng.integers(0, len(words), len(rows))]

    # Zipf-like: the k-th DL term (list order) is drawn with weight 1 / k.
    dl_p = 1.0 / np.arange(1, len(dl_terms) + 1)
    dl_p /= dl_p.sum()

    def pick_dl(rows):
        return dl_terms[rng.choice(len(dl_terms), size=len(rows), p=dl_p)]

    sentences = fill_frames(
        frames,
        frame_of,
        {
            "s": subject_word,
            "n": pick(generic_n),
            "v": pick(generic_v),
            "a": pick(adjectives),
            "d": pick_dl,
        },
    )
    return join_by_owner(owner, sentences, n)


def titles(
    subject_lists: list[np.ndarray],
    primary: np.ndarray,
    is_dl: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """arXiv titles (LaTeX for accents and Greek) and their published Unicode forms."""
    n = len(primary)
    q = np.array(voc.TITLE_QUALIFIERS, dtype=object)[rng.integers(0, len(voc.TITLE_QUALIFIERS), n)]
    m = np.array(voc.TITLE_METHODS, dtype=object)[rng.integers(0, len(voc.TITLE_METHODS), n)]
    c = np.array(voc.TITLE_CONTEXTS, dtype=object)[rng.integers(0, len(voc.TITLE_CONTEXTS), n)]
    syl = np.array(voc.SYLLABLES, dtype=object)
    coined = (
        syl[rng.integers(0, len(syl), n)]
        + syl[rng.integers(0, len(syl), n)]
        + syl[rng.integers(0, len(syl), n)]
    )
    coined = capitalise_first(coined)
    bank = WordBank(subject_lists)
    sw = np.array([w.title() for w in bank.draw(primary, rng)], dtype=object)
    dlw = np.array(voc.DL_TITLE_WORDS, dtype=object)[rng.integers(0, len(voc.DL_TITLE_WORDS), n)]
    names = rng.integers(0, len(voc.TITLE_NAMES), n)
    greek = rng.integers(0, len(voc.TITLE_GREEK), n)
    name_tex = np.array([t for t, _ in voc.TITLE_NAMES], dtype=object)[names]
    name_uni = np.array([u for _, u in voc.TITLE_NAMES], dtype=object)[names]
    greek_tex = np.array([t for t, _ in voc.TITLE_GREEK], dtype=object)[greek]
    greek_uni = np.array([u for _, u in voc.TITLE_GREEK], dtype=object)[greek]
    pattern = rng.integers(0, 6, n)
    arxiv = np.empty(n, dtype=object)
    pub = np.empty(n, dtype=object)

    def put(mask, a, p):
        arxiv[mask], pub[mask] = a[mask], p[mask]

    base = q + " " + m + " of " + sw + " for " + c
    put(pattern == 0, base, base)
    t1 = coined + ": " + q + " " + m + " for " + c
    put(pattern == 1, t1, t1)
    t2 = "On the " + m + " of " + sw + " in " + c
    put(pattern == 2, t2, t2)
    t3a = q + " " + m + " with " + name_tex + " " + sw + " for " + c
    t3p = q + " " + m + " with " + name_uni + " " + sw + " for " + c
    put(pattern == 3, t3a, t3p)
    t4a = greek_tex + "-" + q + " " + m + " of " + sw + " for " + c
    t4p = greek_uni + "-" + q + " " + m + " of " + sw + " for " + c
    put(pattern == 4, t4a, t4p)
    t5 = coined + ": " + sw + " " + m + " under " + c
    put(pattern == 5, t5, t5)
    dl_a = np.where(
        rng.uniform(size=n) < 0.5,
        dlw + " Networks for " + sw + " " + m + " in " + c,
        coined + "Net: " + dlw + " " + m + " of " + c,
    )
    dl_mask = is_dl & (rng.uniform(size=n) < 0.8)
    put(dl_mask, dl_a, dl_a)
    return arxiv, pub


def published_title(
    arxiv_unicode: np.ndarray, change: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """How the published record prints a title: case, punctuation, dashes, full stops.

    ``arxiv_unicode`` already has LaTeX accents and Greek as Unicode letters.
    """
    out = arxiv_unicode.copy()
    how = rng.integers(0, 5, len(out))
    for k, f in enumerate(
        [
            lambda t: t[:1] + t[1:].lower(),  # sentence case
            lambda t: t.replace(": ", " - "),  # colon as a dash
            lambda t: t.upper() if len(t) < 60 else t + ".",  # capitals or a full stop
            lambda t: t.replace("-", " ").replace(",", ""),  # hyphens dropped
            lambda t: t.lower(),
        ]
    ):
        rows = np.flatnonzero(change & (how == k))
        out[rows] = [f(t) for t in out[rows]]
    return out


def descriptions(
    sector_lists: list[np.ndarray], sectors: np.ndarray, names: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Organisation descriptions from sector vocabularies and business prose."""
    n = len(names)
    n_sent = rng.integers(2, 5, n)
    owner = np.repeat(np.arange(n), n_sent)
    pos = np.arange(len(owner)) - np.repeat(np.cumsum(n_sent) - n_sent, n_sent)
    frames = [
        "{N} is a {a} company that builds {s} and {s} for {c}.",
        "The company {v} {s}, {s} and {s} to {c}.",
        "Its {s} platform uses {s} to help {c}.",
        "{N} {v} {s} for {s} across {a} markets.",
        "Founded by a team of engineers, it offers {s} and {s}.",
    ]
    frame_of = np.where(
        pos == 0,
        np.where(rng.uniform(size=len(owner)) < 0.5, 0, 3),
        rng.choice([1, 2, 4], size=len(owner)),
    )
    bank = WordBank(sector_lists)
    n_sec = (sectors >= 0).sum(axis=1)
    adjectives = voc.phrases(voc.BUSINESS_ADJECTIVES)
    clients, verbs = voc.phrases(voc.BUSINESS_CLIENTS), voc.phrases(voc.BUSINESS_VERBS)

    def pick(words):
        return lambda rows: words[rng.integers(0, len(words), len(rows))]

    def sector_word(rows):
        orgs = owner[rows]
        k = np.where(
            rng.uniform(size=len(rows)) < 0.6,
            0,
            (rng.uniform(size=len(rows)) * n_sec[orgs]).astype(int),
        )
        return bank.draw(sectors[orgs, k], rng)

    sentences = fill_frames(
        frames,
        frame_of,
        {
            "s": sector_word,
            "N": lambda rows: names[owner[rows]],
            "a": pick(adjectives),
            "c": pick(clients),
            "v": pick(verbs),
        },
    )
    return join_by_owner(owner, sentences, n)


def join_codes(
    codes: np.ndarray, names: list[str], sep: str, keep: np.ndarray | None = None
) -> np.ndarray:
    """Join, row by row, the names of a (rows x slots) code matrix (-1 = empty slot).

    ``keep`` (one bool per name) drops names that are not wanted. Vectorised over
    slots: one pandas string concatenation per column.
    """
    table = np.array([*names, ""], dtype=object)
    codes = np.where(codes >= 0, codes, len(names))
    if keep is not None:
        codes = np.where(np.append(keep, False)[codes], codes, len(names))
    out = pd.Series(table[codes[:, 0]])
    for j in range(1, codes.shape[1]):
        part = pd.Series(table[codes[:, j]])
        out = out + np.where(part != "", sep, "") + part
    out = out.str.lstrip(sep) if len(sep) == 1 else out
    return out.to_numpy(dtype=object)
