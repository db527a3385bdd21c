"""Topic words as readers write them.

The topic model works on lemmas joined into phrases (``hide_layer``, ``low_bound``); the
report shows each phrase in the commonest written form of its words in the abstracts
("hidden layer", "lower bound"). Single words are lemmas that read as words already.
"""

import lemminflect
import numpy as np
import pandas as pd

WORD_COLUMNS = ("top_words", "dl_words")
_TOKEN = r"[a-z][a-z0-9]*"


def _phrases(dl_topics: pd.DataFrame) -> list[str]:
    words = set()
    for column in WORD_COLUMNS:
        if column in dl_topics.columns:
            for cell in dl_topics[column].dropna().astype(str):
                words.update(w.strip() for w in cell.split(","))
    return sorted(w for w in words if "_" in w)


def _forms_of(pieces: set[str], tokens: pd.Index) -> dict[str, np.ndarray]:
    """For each lemma, which distinct tokens are a written form of it (the lemma itself
    or any token lemminflect lemmatises to it, in any part of speech)."""
    forms = {piece: np.zeros(len(tokens), dtype=bool) for piece in pieces}
    for position, token in enumerate(tokens):
        lemmas = {token} | {
            lemma for values in lemminflect.getAllLemmas(token).values() for lemma in values
        }
        for piece in lemmas & pieces:
            forms[piece][position] = True
    return forms


def topic_word_forms(papers: pd.DataFrame, dl_topics: pd.DataFrame, params: dict) -> pd.DataFrame:
    """``term, shown``: every phrase among the topic words (section 2.1.4's topics, as
    the report shows them) with its commonest written form in the abstracts.

    Reads the abstracts of at most ``word_forms_max_papers`` papers, evenly spaced; a
    phrase never seen written keeps its lemmas, joined by spaces.
    """
    phrases = _phrases(dl_topics)
    if not phrases:
        return pd.DataFrame({"term": pd.Series(dtype=str), "shown": pd.Series(dtype=str)})
    limit = int(params.get("word_forms_max_papers", 20000))
    texts = papers["abstract"].fillna("").astype(str).reset_index(drop=True)
    if len(texts) > limit > 0:
        texts = texts.iloc[np.linspace(0, len(texts) - 1, limit).astype(int)]
    tokens = texts.str.lower().str.findall(_TOKEN).explode().dropna()
    codes, distinct = pd.factorize(tokens)
    doc = tokens.index.to_numpy()
    forms = _forms_of({p for phrase in phrases for p in phrase.split("_")}, distinct)
    rows = []
    for phrase in phrases:
        parts = phrase.split("_")
        n, shown = len(parts), " ".join(parts)
        starts = np.arange(max(len(codes) - n + 1, 0))
        match = np.ones(len(starts), dtype=bool)
        for offset, part in enumerate(parts):
            match &= forms[part][codes[starts + offset]]
            match &= doc[starts + offset] == doc[starts]
        found = starts[match]
        if found.size:
            sequences = pd.DataFrame({i: codes[found + i] for i in range(n)})
            commonest = sequences.value_counts().index[0]
            shown = " ".join(str(distinct[code]) for code in commonest)
        rows.append({"term": phrase, "shown": shown})
    return pd.DataFrame(rows, columns=["term", "shown"])


def readable_topic_words(table: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its word lists in written forms (``forms``), phrases without one
    spelt with spaces."""
    shown = dict(zip(forms["term"], forms["shown"], strict=True))

    def rewrite(cell):
        if not isinstance(cell, str):
            return cell
        words = [w.strip() for w in cell.split(",")]
        return ", ".join(shown.get(w, w.replace("_", " ")) for w in words)

    table = table.copy()
    for column in WORD_COLUMNS:
        if column in table.columns:
            table[column] = table[column].map(rewrite)
    return table
