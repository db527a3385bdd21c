"""OpenAlex works as JSON lines, in the API's own work schema.

Published arXiv papers appear as journal or conference works; about a third of the
unpublished ones appear as a repository-only work (arXiv's own DataCite record). Some
works carry the arXiv DOI (``10.48550/arxiv.<id>``), some the journal DOI the arXiv record
also gives, most can be found only by title. Distractor works (not on arXiv) are mixed in.
OpenAlex names an institution (with its ROR id) for only some raw affiliation strings.
"""


import numpy as np

from dl_geography.demo_world import text
from dl_geography.demo_world import vocabularies as voc
from dl_geography.demo_world.serialise import dumps

FILE = "openalex/works.jsonl"
ARXIV_SOURCE = {"id": "https://openalex.org/S4306400194",
                "display_name": "arXiv (Cornell University)", "issn_l": None,
                "type": "repository", "host_organization_name": "Cornell University"}


def venues() -> list[dict]:
    """Sixty journals and conferences, alternating."""
    out = []
    for i, field in enumerate(voc.FIELDS + voc.FIELDS + voc.FIELDS[:10]):
        if i % 2 == 0:
            name = f"IEEE Transactions on {field}" if i % 4 == 0 else \
                f"Journal of {field} Research"
            kind = "journal"
        else:
            name = f"Proceedings of the International Conference on {field}" if i % 4 == 1 \
                else f"Advances in {field} (Workshop Proceedings)"
            kind = "conference"
        out.append({"id": f"https://openalex.org/S{4210000000 + 37 * i}", "display_name": name,
                    "issn_l": f"{1000 + i:04d}-{(7 * i) % 10000:04d}" if kind == "journal"
                    else None, "type": kind, "host_organization_name": None})
    return out


def work_ids(n: int, rng: np.random.Generator) -> np.ndarray:
    nums = 1_000_000_000 + rng.choice(3_400_000_000, size=n, replace=False)
    return np.array([f"W{x}" for x in nums], dtype=object)


def write(world, out_dir, rng: np.random.Generator) -> list[dict]:
    """Write works.jsonl; return truth rows for malformed lines. Sets ``world.papers
    ['work_id']`` for papers with a work."""
    p = world.papers
    has_work = (p["published"] | p["repository_only"]).to_numpy()
    wp = np.flatnonzero(has_work)
    sh = world.settings["shares"]
    n_distract = round(sh["distractor_works"] * len(wp))
    ids = work_ids(len(wp) + n_distract, rng)
    p["work_id"] = ""
    p.loc[p.index[wp], "work_id"] = ids[: len(wp)]
    vs = venues()
    table = world.institutes
    inst_oa = np.array([f"https://openalex.org/I{100000000 + 7919 * i}" for i in
                        range(len(table))], dtype=object)
    ror_type = table["kind"].map({"university": "education", "technical": "education",
                                  "institute": "facility", "government": "government",
                                  "company": "company", "multinational": "company"}).to_numpy()
    aff = world.affiliations
    a = world.authors
    bounds = np.searchsorted(a["paper"].to_numpy(), np.arange(len(p) + 1))
    aff_ror = aff["ror_given"].to_numpy()
    aff_inst = aff["institute"].to_numpy()
    aff_second = aff["second_institute"].to_numpy()
    in_reg = table["in_registry"].to_numpy()
    P = {c: p[c].to_numpy() for c in ["paper_id", "published", "link", "venue", "journal_doi",
                                      "work_title", "title", "pub_year", "pub_month",
                                      "pub_day", "year", "month", "day", "cited_by_count"]}
    A = {c: a[c].to_numpy() for c in ["affiliation_row", "first", "last", "author_no"]}
    AFF = aff["affiliation"].to_numpy()
    T = {c: table[c].to_numpy() for c in ["display", "institute_id", "country_code"]}

    def institution(k):
        return {"id": inst_oa[k], "display_name": T["display"][k],
                "ror": T["institute_id"][k] if in_reg[k] else None,
                "country_code": T["country_code"][k], "type": ror_type[k],
                "lineage": [inst_oa[k]]}

    arxiv_loc = rng.uniform(size=len(p)) < 0.5
    doi_none = rng.uniform(size=len(p)) < 0.3
    mag = rng.integers(10**9, 3 * 10**9, size=len(p))

    def work_line(j: int) -> str:
        i = wp[j]
        pid = P["paper_id"][i]
        arxiv_doi = f"https://doi.org/10.48550/arxiv.{pid.lower()}"
        arxiv_location = {"is_oa": True, "landing_page_url": f"https://arxiv.org/abs/{pid}",
                          "pdf_url": f"https://arxiv.org/pdf/{pid}", "source": ARXIV_SOURCE,
                          "license": None, "version": "submittedVersion"}
        if P["published"][i]:
            link = P["link"][i]
            venue = vs[int(P["venue"][i])]
            if link == "arxiv_doi":
                doi = arxiv_doi
            elif link == "journal_doi" or not doi_none[i]:
                # Title-only works have their own DOI, which the arXiv record lacks.
                doi = "https://doi.org/" + (P["journal_doi"][i] if link == "journal_doi"
                                            else f"10.{5000 + i % 900}/pub.{i}")
            else:
                doi = None
            primary = {"is_oa": False, "landing_page_url": doi or
                       f"https://example.org/{venue['type']}/{i}", "pdf_url": None,
                       "source": venue, "license": None, "version": "publishedVersion"}
            locations = [primary] + ([arxiv_location] if arxiv_loc[i] else [])
            title = P["work_title"][i]
            year, month, day = P["pub_year"][i], P["pub_month"][i], P["pub_day"][i]
            cited = int(P["cited_by_count"][i])
        else:
            doi = arxiv_doi
            primary = arxiv_location
            locations = [arxiv_location]
            title = P["title"][i].replace("\n  ", " ")
            year, month, day = P["year"][i], P["month"][i], P["day"][i]
            cited = int(P["cited_by_count"][i] // 3)
        authorships = []
        lo, hi = bounds[i], bounds[i + 1]
        for k in range(lo, hi):
            row = A["affiliation_row"][k]
            string = AFF[row]
            insts = []
            if aff_ror[row]:
                insts.append(institution(aff_inst[row]))
                if aff_second[row] >= 0 and in_reg[aff_second[row]]:
                    insts.append(institution(aff_second[row]))
            position = "first" if k == lo else ("last" if k == hi - 1 else "middle")
            name = f"{A['first'][k]} {A['last'][k]}"
            authorships.append({
                "author_position": position,
                "author": {"id": f"https://openalex.org/A5{A['author_no'][k]:09d}",
                           "display_name": name, "orcid": None},
                "institutions": insts,
                "countries": sorted({x["country_code"] for x in insts}),
                "is_corresponding": k == lo,
                "raw_author_name": name,
                "raw_affiliation_strings": [string],
                "affiliations": [{"raw_affiliation_string": string,
                                  "institution_ids": [x["id"] for x in insts]}],
            })
        wid = ids[j]
        id_block = {"openalex": f"https://openalex.org/{wid}"}
        if doi:
            id_block["doi"] = doi
        if P["published"][i] and mag[i] % 3 == 0:
            id_block["mag"] = str(mag[i])
        return dumps({
            "id": f"https://openalex.org/{wid}", "doi": doi, "title": title,
            "display_name": title, "publication_year": int(year),
            "publication_date": f"{int(year)}-{int(month):02d}-{int(day):02d}",
            "ids": id_block, "language": "en", "primary_location": primary,
            "type": "article" if P["published"][i] else "preprint",
            "authorships": authorships, "cited_by_count": cited,
            "locations_count": len(locations), "locations": locations,
        }, ensure_ascii=True)

    distractors = _distractors(ids[len(wp):], vs, rng)
    order = rng.permutation(len(wp) + len(distractors))
    truth = [{"source": "openalex", "id": "W9999999999", "problem": "malformed JSON line"}]
    broken = '{"id": "https://openalex.org/W9999999999", "title": "Trun'
    path = out_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        chunk = []
        for pos, k in enumerate(order):
            if pos == len(order) // 2:
                chunk.append(broken)
            chunk.append(work_line(int(k)) if k < len(wp) else distractors[k - len(wp)])
            if len(chunk) >= 20_000:
                f.write("\n".join(chunk) + "\n")
                chunk = []
        if chunk:
            f.write("\n".join(chunk) + "\n")
    return truth


def _distractors(ids: np.ndarray, vs: list[dict], rng: np.random.Generator) -> list[str]:
    """Works not on arXiv (other fields), to keep title matching honest."""
    n = len(ids)
    if n == 0:
        return []
    lists = [voc.phrases(v) for v in voc.NON_CS.values()]
    primary = rng.integers(0, len(lists), n)
    titles, _ = text.titles(lists, primary, np.zeros(n, bool), rng)
    years = rng.integers(2007, 2020, n)
    out = []
    for k in range(n):
        venue = vs[int(rng.integers(0, len(vs)))]
        loc = {"is_oa": False, "landing_page_url": f"https://example.org/w/{ids[k]}",
               "pdf_url": None, "source": venue, "license": None,
               "version": "publishedVersion"}
        out.append(dumps({
            "id": f"https://openalex.org/{ids[k]}", "doi": None, "title": titles[k],
            "display_name": titles[k], "publication_year": int(years[k]),
            "publication_date": f"{int(years[k])}-06-01",
            "ids": {"openalex": f"https://openalex.org/{ids[k]}"}, "language": "en",
            "primary_location": loc, "type": "article", "authorships": [],
            "cited_by_count": int(rng.integers(0, 50)), "locations_count": 1,
            "locations": [loc]}, ensure_ascii=True))
    return out

