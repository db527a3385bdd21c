"""arXiv records in the bulk metadata snapshot's JSON-lines layout.

Each line is one record with the keys of Kaggle's ``arxiv-metadata-oai-snapshot.json``:
``id, submitter, authors, title, comments, journal-ref, doi, report-no, categories,
license, abstract, versions, update_date, authors_parsed``.
"""

from collections.abc import Iterator

import numpy as np
import pandas as pd

from dl_geography.demo_world import text
from dl_geography.demo_world import vocabularies as voc
from dl_geography.demo_world.serialise import dumps

FILE = "arxiv/arxiv-metadata-oai-snapshot.json"
LICENSES = [
    None,
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by-nc-sa/4.0/",
]
_DAYS = np.array(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], dtype=object)
_MONTHS = np.array(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    dtype=object,
)


def rfc_dates(when: pd.Series) -> np.ndarray:
    """``Mon, 2 Apr 2007 19:18:42 GMT``, as arXiv's OAI ``versions`` print them."""
    when = pd.to_datetime(when)
    return (
        _DAYS[when.dt.day_of_week.to_numpy()]
        + ", "
        + when.dt.day.astype(str).to_numpy()
        + " "
        + _MONTHS[when.dt.month.to_numpy() - 1]
        + " "
        + when.dt.year.astype(str).to_numpy()
        + " "
        + when.dt.strftime("%H:%M:%S").to_numpy()
        + " GMT"
    )


def records(world, rng: np.random.Generator) -> Iterator[tuple[int, dict]]:
    """``(paper index, snapshot record)`` for every paper, in submission order.

    The columns are drawn over all papers first; records are then built one at a time,
    so a large world is streamed to disk rather than held as dicts."""
    p = world.papers
    n = len(p)
    created = pd.to_datetime(
        pd.DataFrame({"year": p["year"], "month": p["month"], "day": p["day"]})
    ) + pd.to_timedelta(p["seconds"], unit="s")
    n_versions = rng.choice([1, 2, 3], size=n, p=[0.6, 0.3, 0.1])
    gaps = rng.integers(5, 200, size=(n, 2)).cumsum(axis=1)
    v2 = created + pd.to_timedelta(gaps[:, 0], unit="D")
    v3 = created + pd.to_timedelta(gaps[:, 1], unit="D")
    c1, c2, c3 = rfc_dates(created), rfc_dates(v2), rfc_dates(v3)
    last = np.where(n_versions == 1, created, np.where(n_versions == 2, v2, v3))
    update = pd.to_datetime(last).strftime("%Y-%m-%d").to_numpy()

    names = np.array(world.subject_names, dtype=object)
    cats = text.join_codes(world.subjects, list(names), " ")
    abstracts = text.wrap_lines(p["abstract"].to_numpy(), 12, rng)
    titles = text.wrap_lines(p["title"].to_numpy(), 9, rng)
    titles = np.array([t.replace("\n", "\n  ") for t in titles], dtype=object)

    # Authors: the CS papers' simulated authors; non-CS papers get a few names.
    a = world.authors
    full = (a["first"] + " " + a["last"]).to_numpy()
    parsed = list(zip(a["last"], a["first"], strict=False))
    bounds = np.searchsorted(a["paper"].to_numpy(), np.arange(n + 1))
    fn, ln = voc.FIRST_NAMES["other"].split(), voc.LAST_NAMES["other"].split()
    pages = rng.integers(4, 40, size=n)
    figures = rng.integers(0, 12, size=n)
    comment_kind = rng.uniform(size=n)
    lic = rng.integers(0, len(LICENSES), size=n)
    journal_ref = np.where(
        p["link"].to_numpy() == "journal_doi",
        "J. "
        + pd.Series(p["venue"]).map(VENUE_SHORT.__getitem__).to_numpy()
        + " "
        + (p["pub_year"] - 2000).astype(str).to_numpy()
        + " ("
        + p["pub_year"].astype(str).to_numpy()
        + ") "
        + rng.integers(1, 900, n).astype(str),
        None,
    )
    P = {c: p[c].to_numpy() for c in ["paper_id", "link", "journal_doi"]}
    order = np.lexsort((p["seconds"], p["day"], p["month"], p["year"]))
    for i in order:
        lo, hi = bounds[i], bounds[i + 1]
        if hi > lo:
            people = list(full[lo:hi])
            au_parsed = [[last, first, ""] for last, first in parsed[lo:hi]]
        else:
            k = 1 + i % 3
            firsts = [fn[(i * 7 + j * 3) % len(fn)] for j in range(k)]
            lasts = [ln[(i * 5 + j * 11) % len(ln)] for j in range(k)]
            people = [f"{f} {la}" for f, la in zip(firsts, lasts, strict=False)]
            au_parsed = [[la, f, ""] for f, la in zip(firsts, lasts, strict=False)]
        authors = people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
        versions = [{"version": "v1", "created": c1[i]}]
        if n_versions[i] > 1:
            versions.append({"version": "v2", "created": c2[i]})
        if n_versions[i] > 2:
            versions.append({"version": "v3", "created": c3[i]})
        if comment_kind[i] < 0.6:
            comments = f"{pages[i]} pages, {figures[i]} figures"
        elif comment_kind[i] < 0.75:
            comments = "Accepted at a conference; camera-ready version"
        else:
            comments = None
        journal_doi = P["journal_doi"][i] if P["link"][i] == "journal_doi" else None
        yield (
            i,
            {
                "id": P["paper_id"][i],
                "submitter": people[0],
                "authors": authors,
                "title": titles[i],
                "comments": comments,
                "journal-ref": journal_ref[i],
                "doi": journal_doi,
                "report-no": None,
                "categories": cats[i],
                "license": LICENSES[lic[i]],
                "abstract": "  " + abstracts[i] + "\n",
                "versions": versions,
                "update_date": update[i],
                "authors_parsed": au_parsed,
            },
        )


VENUE_SHORT = dict(
    enumerate(
        [
            "Mach. Learn. Res.",
            "Artif. Intell.",
            "Comput. Vis.",
            "Inf. Theory",
            "Netw.",
            "Algorithms",
            "Comput. Linguist.",
            "Secur. Priv.",
            "Robot.",
            "Data Min.",
            "Distrib. Comput.",
            "Control Syst.",
            "Log. Comput.",
            "Softw. Eng.",
            "Hum. Comput. Interact.",
            "Databases",
            "Graph Theory",
            "Signal Process.",
            "Pattern Recognit.",
            "Neural Comput.",
        ]
        * 3
    )
)


def malformed(world, rng: np.random.Generator) -> tuple[list[str], list[dict]]:
    """Deliberately broken lines and the truth rows describing them."""
    base = {
        "submitter": "Jane Doe",
        "authors": "Jane Doe",
        "comments": None,
        "journal-ref": None,
        "doi": None,
        "report-no": None,
        "license": None,
        "update_date": "2014-03-02",
        "authors_parsed": [["Doe", "Jane", ""]],
    }
    good_abstract = "  We study a problem of learning and show results on several datasets.\n"
    lines, truth = [], []
    broken = dumps({"id": "1403.99001", "title": "A truncated record", **base})[:80]
    lines.append(broken)
    truth.append({"source": "arxiv", "id": "1403.99001", "problem": "malformed JSON line"})
    rec = {
        "id": "1403.99002",
        "title": "A record without an abstract",
        **base,
        "categories": "cs.LG",
        "versions": [{"version": "v1", "created": "Sun, 2 Mar 2014 10:00:00 GMT"}],
    }
    lines.append(dumps(rec, ensure_ascii=True))
    truth.append({"source": "arxiv", "id": "1403.99002", "problem": "missing abstract"})
    rec = {
        "id": "1403.99003",
        "title": "A record with an unparseable date",
        **base,
        "categories": "cs.AI",
        "abstract": good_abstract,
        "versions": [{"version": "v1", "created": "Someday, 45 Smarch 2014 25:61:00 GMT"}],
    }
    lines.append(dumps(rec, ensure_ascii=True))
    truth.append({"source": "arxiv", "id": "1403.99003", "problem": "unparseable date"})
    rec = {
        "id": "1403.99004",
        "title": "A record with an unknown category",
        **base,
        "categories": "cs.QQ",
        "abstract": good_abstract,
        "versions": [{"version": "v1", "created": "Sun, 2 Mar 2014 10:00:00 GMT"}],
    }
    lines.append(dumps(rec, ensure_ascii=True))
    truth.append({"source": "arxiv", "id": "1403.99004", "problem": "unknown category"})
    rec = {
        "title": "A record without an id",
        **base,
        "categories": "cs.LG",
        "abstract": good_abstract,
        "versions": [{"version": "v1", "created": "Sun, 2 Mar 2014 10:00:00 GMT"}],
    }
    lines.append(dumps(rec, ensure_ascii=True))
    truth.append({"source": "arxiv", "id": "", "problem": "missing id"})
    return lines, truth


def write(world, out_dir, rng: np.random.Generator) -> list[dict]:
    """Write the snapshot; the malformed lines are spread through the file."""
    n = len(world.papers)
    bad, truth = malformed(world, rng)
    positions = np.sort(rng.choice(n + 1, size=len(bad), replace=False))
    insert_at = {}
    for pos, line in zip(positions, bad, strict=True):
        insert_at.setdefault(int(pos), []).append(line)
    path = out_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        chunk = []
        for k, (_, rec) in enumerate(records(world, rng)):
            chunk.extend(insert_at.get(k, []))
            chunk.append(dumps(rec, ensure_ascii=True))
            if len(chunk) >= 20_000:
                f.write("\n".join(chunk) + "\n")
                chunk = []
        chunk.extend(insert_at.get(n, []))
        if chunk:
            f.write("\n".join(chunk) + "\n")
    return truth
