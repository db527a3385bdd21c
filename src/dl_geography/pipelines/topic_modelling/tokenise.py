"""Abstracts to lemma sequences (section 2.1.4): tokenise, drop stop words, lemmatise by POS.

Everything runs offline from the installed packages: tokenising is pyarrow's (RE2) string
kernels over the whole column at once, and lemmas come from ``lemminflect``, whose
dictionaries ship inside the wheel. ``lemminflect`` has no tagger, so the part of speech
of each *distinct* token is chosen by the rule in :func:`choose_lemma` (see
docs/topic_modelling.md for the rule and its measured accuracy); the lemma of every
occurrence is then one array lookup.

A document is held as a flat sequence: ``doc[k]`` (row of ``paper_ids``) and ``term[k]``
(index into ``terms``, or ``BREAK`` where a stop word, number, punctuation mark or formula
stood). Breaks keep n-gram detection from joining words that were never adjacent.
"""

from dataclasses import dataclass

import lemminflect
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from dl_geography.execution import map_partitions

BREAK = -1

# Sentence and clause punctuation: an n-gram never spans one of these.
_PUNCTUATION = r"[.,;:!?()\[\]{}\"]"
# Inline LaTeX ($...$) and URLs carry no topical words.
_FORMULA_OR_URL = r"\$[^$]*\$|https?://\S+|www\.\S+"
# Anything that is not a letter, digit or the break marker separates tokens.
_SEPARATOR = r"[^\p{L}\p{N}.]+"

# Words that, right before an ambiguous form, vote for a verb reading ("we found",
# "to leave") or a noun reading ("the leaves", "our means"). Used only when the noun and
# verb lemmas of a form differ (leaves, found, means, saw, bases, axes).
VERB_CUES = frozenset(
    "we i you they he she it to can could will would may might must shall should not also "  # noqa: SIM905
    "then which that who be is are was were been has have had do does did thus hence first "
    "further".split()
)
NOUN_CUES = frozenset(
    "the a an this these those our their its his her my your each every any some no of "  # noqa: SIM905
    "such".split()
)


@dataclass
class TokenSequence:
    """Documents as one flat term sequence (see the module docstring)."""

    paper_ids: np.ndarray  # str, one per document
    doc: np.ndarray  # int32 per position: document row
    term: np.ndarray  # int32 per position: index into terms, or BREAK
    terms: list[str]  # the vocabulary the term codes index

    def __len__(self) -> int:
        return len(self.paper_ids)


def split_tokens(texts: pd.Series) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Lower-case and split texts into raw tokens, vectorised over the whole column.

    Returns ``(doc, code, tokens)``: per position the text's row and an index into the
    distinct raw tokens ``tokens``. Punctuation, formulas and URLs become the token ``"."``.
    """
    arr = pa.array(texts.fillna("").astype(str).to_numpy(), type=pa.large_string())
    arr = pc.utf8_lower(arr)
    arr = pc.replace_substring_regex(arr, _FORMULA_OR_URL, " . ")
    arr = pc.replace_substring_regex(arr, _PUNCTUATION, " . ")
    lists = pc.split_pattern_regex(arr, _SEPARATOR)
    doc = pc.list_parent_indices(lists).to_numpy().astype(np.int32)
    encoded = pc.list_flatten(lists).dictionary_encode()
    code = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    tokens = encoded.dictionary.to_pylist()
    return doc, code, tokens


def _split_partition(texts: pd.DataFrame) -> list:
    """Row-wise: :func:`split_tokens` of a partition (``text``, indexed by row position)
    with ``doc`` as row positions of the whole column, as a one-item list."""
    doc, code, tokens = split_tokens(texts["text"])
    return [(texts.index.to_numpy()[doc].astype(np.int32), code, tokens)]


def split_tokens_partitioned(
    texts: pd.Series, execution: dict
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """:func:`split_tokens` over row partitions (``dl_geography.execution``), identical to
    one call on the whole column.

    Splitting is row-wise; only the numbering of the distinct tokens spans partitions: the
    partitions' token lists are joined in first-appearance order, the order one call
    numbers them in. Choosing lemmas (which votes across the corpus) stays on the driver.
    """
    frame = pd.DataFrame({"text": texts.to_numpy()})
    parts = map_partitions(_split_partition, frame, execution)
    tokens = np.concatenate([np.asarray(part_tokens, dtype=object) for _, _, part_tokens in parts])
    numbers, distinct = pd.factorize(tokens)
    offsets = np.cumsum([0] + [len(part_tokens) for _, _, part_tokens in parts])
    code = np.concatenate(
        [
            numbers[offset + part_code]
            for offset, (_, part_code, _) in zip(offsets[:-1], parts, strict=True)
        ]
    )
    doc = np.concatenate([part_doc for part_doc, _, _ in parts])
    return doc, code.astype(np.int32), list(distinct)


def is_droppable(tokens: list[str], stop_words: frozenset, min_length: int) -> np.ndarray:
    """Mark tokens that are never terms: stop words, numbers (any digit), short tokens."""
    s = pd.Series(tokens, dtype=object)
    return (
        s.isin(stop_words)
        | s.str.contains(r"\d", regex=True)
        | (s.str.len() < min_length)
        | (s == ".")
    ).to_numpy()


def choose_lemma(  # noqa: PLR0911 (one return per rule of the docstring)
    token: str,
    verb_votes: int = 0,
    noun_votes: int = 0,
    corpus_tokens: frozenset = frozenset(),
) -> str:
    """Lemma of one distinct token, choosing its part of speech by rule (no tagger needed).

    1. Forms in lemminflect's dictionary, by the parts of speech it lists:
       a. an auxiliary takes its auxiliary lemma (*does* -> do, not the noun *doe*);
       b. an ``-ing`` form that is also a noun keeps its noun (gerund) form: *learning*,
          *training*, *clustering* name methods in abstracts; so does an ``-ing`` form
          with only a verb reading when the corpus votes noun (*the reasoning of*);
       c. a comparative/superlative with no noun reading takes its adjective lemma
          (*higher* -> high; *number* stays a noun, not *numb*);
       d. when noun and verb readings give the same lemma (*networks*, *uses*) or only one
          of them exists, that lemma (*was* -> be, *trained* -> train, *data* -> data);
       e. when they differ (*given*, *saw*, *means*), the corpus decides: the verb lemma
          if the words before the form's occurrences vote verb (``VERB_CUES``) more often
          than noun (``NOUN_CUES``), else the noun lemma.
    2. Out-of-dictionary forms: for ``-ed``, the base form the corpus itself contains
       (``corpus_tokens``: *finetuned* -> finetune, *pretrained* -> pretrain), else
       lemminflect's verb suffix rules; for ``-s``, lemminflect's plural-noun rules
       (*lstms* -> lstm); any other form is kept as is (*sota*, not the Latin-plural
       guess *sotum*).
    """
    lemmas = lemminflect.getAllLemmas(token)
    if not lemmas:
        if token.endswith("ed"):
            stems = [token[:-1], token[:-2]] + (
                [token[:-3]] if len(token) > 4 and token[-3] == token[-4] else []
            )
            seen = [stem for stem in stems if stem in corpus_tokens]
            if seen:  # the corpus itself shows the base form (finetuned -> finetune)
                return seen[0]
            upos = "VERB"
        elif token.endswith("s") and not token.endswith(("ss", "us", "is")):
            upos = "NOUN"
        else:  # acronyms and coinages (sota, lora, convolutional): Latin-plural rules misfire
            return token
        oov = lemminflect.getAllLemmasOOV(token, upos).get(upos)
        return oov[0] if oov else token
    noun = lemmas.get("NOUN", (None,))[0]
    verb = (lemmas.get("VERB") or lemmas.get("AUX") or (None,))[0]
    adj = lemmas.get("ADJ", (None,))[0]
    if "AUX" in lemmas:
        return lemmas["AUX"][0]
    if token.endswith("ing") and (noun == token or (noun is None and noun_votes > verb_votes)):
        return token
    if adj is not None and adj != token and noun is None and token.endswith(("er", "est")):
        return adj
    if noun is not None and verb is not None and noun != verb:
        return verb if verb_votes > noun_votes else noun
    for lemma in (noun, verb, adj):
        if lemma is not None:
            return lemma
    return next(iter(lemmas.values()))[0]


def _context_votes(
    doc: np.ndarray, code: np.ndarray, tokens: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct token, how often the word before it is a verb cue and a noun cue."""
    n = len(tokens)
    prev = np.full_like(code, -1)
    prev[1:] = code[:-1]
    prev[1:][doc[1:] != doc[:-1]] = -1
    token_series = pd.Series(tokens, dtype=object)
    is_verb_cue = np.append(token_series.isin(VERB_CUES).to_numpy(), False)
    is_noun_cue = np.append(token_series.isin(NOUN_CUES).to_numpy(), False)
    verb_votes = np.bincount(code[is_verb_cue[prev]], minlength=n)
    noun_votes = np.bincount(code[is_noun_cue[prev]], minlength=n)
    return verb_votes, noun_votes


def stop_word_list(use_sklearn: bool = True, extra=(), keep=()) -> frozenset:
    """scikit-learn's English list (optional) plus ``extra``, minus ``keep``.

    The scikit-learn (Glasgow) list holds content words that matter in computer science
    (*system*, *detail*, *interest*, *top*): ``keep`` takes them back out.
    """
    base = frozenset(ENGLISH_STOP_WORDS) if use_sklearn else frozenset()
    return (base | {w.lower() for w in extra}) - {w.lower() for w in keep}


def tokenise_texts(
    texts: pd.Series,
    paper_ids,
    stop_words: frozenset | None = None,
    min_token_length: int = 2,
    execution: dict | None = None,
) -> TokenSequence:
    """Tokenise, drop stop words/numbers/punctuation, lemmatise: texts -> TokenSequence.

    Stop words are checked on the raw form and again on the lemma (so *being* goes with
    *be*). Lemmatising runs once per distinct token, then maps every occurrence. Splitting
    runs over row partitions as ``execution`` says (:func:`split_tokens_partitioned`).
    """
    stop_words = stop_word_list() if stop_words is None else stop_words
    doc, code, tokens = split_tokens_partitioned(texts, execution or {})
    droppable = is_droppable(tokens, stop_words, min_token_length)
    verb_votes, noun_votes = _context_votes(doc, code, tokens)
    corpus_tokens = frozenset(tokens)
    lemmas = [
        None if drop else choose_lemma(tok, int(v), int(nv), corpus_tokens)
        for tok, drop, v, nv in zip(tokens, droppable, verb_votes, noun_votes, strict=True)
    ]
    lemma_series = pd.Series(lemmas, dtype=object)
    lemma_series[lemma_series.isin(stop_words) | (lemma_series.str.len() < min_token_length)] = None
    lemma_code, terms = pd.factorize(lemma_series, use_na_sentinel=True)
    token_to_term = np.where(lemma_code >= 0, lemma_code, BREAK).astype(np.int32)
    term = token_to_term[code] if len(code) else np.empty(0, dtype=np.int32)
    return TokenSequence(
        paper_ids=np.asarray(paper_ids, dtype=object),
        doc=doc,
        term=term,
        terms=list(terms),
    )


def tokenise_abstracts(
    papers: pd.DataFrame, params: dict, execution: dict | None = None
) -> TokenSequence:
    """Node: the abstracts of ``papers`` as lemma sequences (section 2.1.4, first steps).

    Splitting the texts runs over row partitions, in this process or on Dask as
    ``execution`` says (``dl_geography.execution``; identical results); lemmas are chosen
    here, for the whole corpus.

    Deviation: the study lemmatised with WordNet as nouns only (its code produced *wa*,
    *ha*); here the part of speech is chosen per token (:func:`choose_lemma`).
    """
    duplicated = papers["paper_id"].duplicated()
    if duplicated.any():
        raise ValueError(
            "papers has duplicate paper_id values, e.g. "
            f"{papers.loc[duplicated, 'paper_id'].head(5).tolist()}"
        )
    columns = params.get("text_columns", ["abstract"])
    texts = papers[columns[0]].fillna("").astype(str)
    for column in columns[1:]:
        texts = texts + " . " + papers[column].fillna("").astype(str)
    p = params["tokenise"]
    stop_words = stop_word_list(
        p.get("use_sklearn_stop_words", True),
        p.get("extra_stop_words", ()),
        p.get("keep_words", ()),
    )
    return tokenise_texts(
        texts, papers["paper_id"].to_numpy(), stop_words, p["min_token_length"], execution
    )
