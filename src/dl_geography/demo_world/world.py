"""Simulate the demo world's entities and planted effects as tables (no files here).

The order of random draws is fixed, so a seed and settings give the same world.
Everything heavy is drawn over whole arrays; Python loops run over small things
(subjects, sectors, frames, years) or build one string per record.
"""

import copy
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dl_geography.demo_world import gazetteer, text
from dl_geography.demo_world import institutes as inst
from dl_geography.demo_world import vocabularies as voc

DEFAULTS: dict = {
    "n_papers": 20000,
    "seed": 20181,
    "first_year": 2007,
    "last_year": 2018,
    "break_year": 2012,
    "paper_growth": 0.15,
    "n_institutes": 0,
    "n_organizations": 0,
    "shares": {
        "non_cs": 0.12,
        "unpublished": 0.10,
        "repository_only": 0.3,
        "arxiv_doi": 0.15,
        "journal_doi": 0.25,
        "title_changed": 0.5,
        "short_abstract": 0.01,
        "stray_dl_terms": 0.005,
        "ror_given": 0.4,
        "absent_from_registry": 0.05,
        "two_institute_strings": 0.03,
        "same_region_coauthor": 0.6,
        "same_country_coauthor": 0.25,
        "duplicate_titles": 0.002,
        "distractor_works": 0.05,
        "org_no_coordinates": 0.1,
        "org_empty_description": 0.04,
        "org_foreign_description": 0.02,
        "n_offshore_institutes": 6,
    },
    "dl": {"share_before": 0.03, "share_after": 0.15, "yearly_slope_after": 0.25},
    "effects": {
        "interaction": 1.5,
        "china": 1.2,
        "research_before": 0.4,
        "research_after": 0.0,
        "industry_after": 0.0,
        "region_noise": 0.15,
        "high_growth_countries": ["SG", "CN", "JP"],
        "high_growth_before": -1.5,
        "research_tilt": 1.2,
        "industry_tilt": 1.2,
        "dl_citations": 0.85,
        "research_industry_correlation": 0.2,
    },
}


MIN_PAPERS = 500


def merge_settings(settings: dict) -> dict:
    """The defaults overridden by ``settings`` (nested dictionaries merged key by key)."""

    def merge(base, over):
        out = copy.deepcopy(base)
        for k, v in (over or {}).items():
            out[k] = (
                merge(out[k], v)
                if isinstance(v, dict) and isinstance(out.get(k), dict)
                else copy.deepcopy(v)
            )
        return out

    s = merge(DEFAULTS, settings)
    if int(s["n_papers"]) < MIN_PAPERS:
        raise ValueError(f"demo_world.n_papers must be at least {MIN_PAPERS}, got {s['n_papers']}")
    if not s["first_year"] < s["break_year"] <= s["last_year"]:
        raise ValueError("demo_world: need first_year < break_year <= last_year")
    if not s["n_institutes"]:
        s["n_institutes"] = int(1500 + 0.05 * s["n_papers"])
    if not s["n_organizations"]:
        s["n_organizations"] = int(min(1.5 * s["n_papers"], 300_000))
    return s


@dataclass
class World:
    settings: dict
    regions: pd.DataFrame
    institutes: pd.DataFrame
    extra_locations: dict
    papers: pd.DataFrame
    subjects: np.ndarray  # papers x 5 subject codes (index into subject_names), -1 padded
    subject_names: list
    paper_institutes: pd.DataFrame
    authors: pd.DataFrame
    affiliations: pd.DataFrame
    works: pd.DataFrame
    organizations: pd.DataFrame
    effects: dict = field(default_factory=dict)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _calibrate(logits: np.ndarray, target: float) -> float:
    """The intercept shift making the mean of sigmoid(logits + shift) equal ``target``."""
    lo, hi = -20.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if _sigmoid(logits + mid).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _pick_within(
    groups: np.ndarray, weights: np.ndarray, wanted: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """For each wanted group, one member index drawn with ``weights``, vectorised.

    ``groups[i]`` is member i's group; groups without members must not be wanted.
    """
    order = np.lexsort((np.arange(len(groups)), groups))
    g_sorted, w_sorted = groups[order], weights[order]
    cum = np.cumsum(w_sorted)
    n_groups = int(max(groups.max(), wanted.max())) + 1
    start = np.searchsorted(g_sorted, np.arange(n_groups), side="left")
    end = np.searchsorted(g_sorted, np.arange(n_groups), side="right")
    before = np.where(start > 0, cum[np.maximum(start - 1, 0)], 0.0)
    total = np.where(end > start, cum[np.maximum(end - 1, 0)] - before, 0.0)
    if np.any(total[wanted] <= 0):
        raise ValueError("a wanted group has no members")
    u = before[wanted] + rng.uniform(size=len(wanted)) * total[wanted]
    k = np.searchsorted(cum, u, side="right")
    k = np.clip(k, start[wanted], end[wanted] - 1)
    return order[k]


def simulate(settings: dict) -> World:
    """The demo world's tables for ``settings`` (merged over ``DEFAULTS``).

    Each part draws from its own random stream (seeded ``[seed, k]``), so adding draws to
    one part leaves the others alone: regions, institutes, papers (year, DL label,
    subjects, ids, institutes, citations), publication, text, authors, organisations.
    The planted effects are measured on the result (``planted_effects``).
    """
    s = merge_settings(settings)
    sh, fx = s["shares"], s["effects"]
    r_geo, r_inst, r_pap, r_txt, r_pub, r_aut, r_org = (
        np.random.default_rng([s["seed"], k]) for k in range(7)
    )

    regions = _regions(fx, r_geo)
    cities, city_region, table, extra = _institutes(s, regions, r_inst)
    n = s["n_papers"]
    year, is_cs, lead_region = _paper_years_and_places(s, regions, table, r_pap)
    is_dl = _dl_labels(s, regions, year=year, is_cs=is_cs, lead_region=lead_region, rng=r_pap)
    subj, subject_names = _subjects(
        fx, regions, year=year, is_cs=is_cs, is_dl=is_dl, lead_region=lead_region, rng=r_pap
    )

    # Dates and ids.
    month = r_pap.integers(1, 13, n)
    day = r_pap.integers(1, 29, n)
    seconds = r_pap.integers(0, 86400, n)
    papers = pd.DataFrame(
        {
            "year": year,
            "month": month,
            "day": day,
            "seconds": seconds,
            "is_cs": is_cs,
            "is_dl": is_dl,
            "lead_region_idx": lead_region,
            "primary": subj[:, 0],
        }
    )
    papers = _assign_ids(papers, subject_names, r_pap)
    pi = _paper_institutes(sh, regions, table, is_cs=is_cs, lead_region=lead_region, rng=r_pap)

    # Citations: heavy tailed, more for DL and for older papers.
    age = s["last_year"] + 1 - year
    mu = 0.6 + 0.22 * age + fx["dl_citations"] * is_dl
    citations = np.floor(np.exp(r_pap.normal(mu, 1.1)) - 1).clip(0).astype(np.int64)
    papers["cited_by_count"] = citations

    _publication(s, papers, is_cs=is_cs, year=year, month=month, rng=r_pub)
    _text(sh, papers, subj, subject_names, r_txt)

    authors, affiliations = _authors(papers, pi, table, regions, sh=sh, rng=r_aut)
    works = papers[papers["published"] | papers["repository_only"]].copy()
    organizations = _organizations(s, regions, cities, city_region, r_org)

    papers["n_institutes"] = np.bincount(pi["paper"], minlength=n)
    world = World(
        settings=s,
        regions=regions,
        institutes=table,
        extra_locations=extra,
        papers=papers,
        subjects=subj,
        subject_names=subject_names,
        paper_institutes=pi,
        authors=authors,
        affiliations=affiliations,
        works=works,
        organizations=organizations,
    )
    world.effects = planted_effects(world)
    return world


def _regions(fx: dict, rng: np.random.Generator) -> pd.DataFrame:
    """The gazetteer's regions with their activity and planted strengths.

    Activity is concentrated in few countries and, in each, in its first regions; research
    and industry strength are correlated standard normals; ``dl_noise`` and
    ``dl_noise_after`` are the region's own DL shocks before and after the break.
    """
    regions = gazetteer.regions()  # a fresh copy: the columns added below stay here
    countries = gazetteer.countries().set_index("country_code")
    zipf = 1.0 / (regions["rank"].to_numpy() + 1.0) ** 0.9
    share = countries.loc[regions["country_code"], "weight"].to_numpy()
    within = (
        zipf
        / pd.Series(zipf).groupby(regions["country_code"].to_numpy()).transform("sum").to_numpy()
    )
    regions["activity"] = share * within * np.exp(rng.normal(0, 0.25, len(regions)))
    rho = fx["research_industry_correlation"]
    z1, z2 = rng.normal(size=len(regions)), rng.normal(size=len(regions))
    regions["research_strength"] = z1
    regions["industry_strength"] = rho * z1 + np.sqrt(1 - rho**2) * z2
    regions["dl_noise"] = rng.normal(0, fx["region_noise"], len(regions))
    # The post-break shock is the region's own, independent of the pre-break one.
    regions["dl_noise_after"] = rng.normal(0, fx["region_noise"], len(regions))
    regions["is_china"] = regions["country_code"] == "CN"
    return regions


def _institutes(s: dict, regions: pd.DataFrame, rng: np.random.Generator):
    """Institutes placed in cities in proportion to their region's activity.

    Returns the cities, each city's region index, the institute table (ids, registry
    presence, weight) and the institutes' extra locations.
    """
    sh = s["shares"]
    region_index = {r: i for i, r in enumerate(regions["region_id"])}
    cities = gazetteer.cities()
    city_region = np.array(
        [
            region_index[r]
            for r in gazetteer.cities().merge(
                regions[["country_code", "region", "region_id"]], on=["country_code", "region"]
            )["region_id"]
        ]
    )
    n_cities_in_region = np.bincount(city_region, minlength=len(regions))
    city_w = regions["activity"].to_numpy()[city_region] / n_cities_in_region[city_region]
    table = inst.institute_table(s["n_institutes"], rng, city_weights=city_w**0.7)
    table["region_idx"] = city_region[table["city_id"].to_numpy()]
    table["institute_id"] = inst.ror_ids(len(table), rng)
    table["grid_id"] = inst.grid_ids(len(table), rng)
    table["in_registry"] = rng.uniform(size=len(table)) >= sh["absent_from_registry"]
    table.loc[~table["in_registry"], "institute_id"] = [
        f"absent-{i}" for i in range(int((~table["in_registry"]).sum()))
    ]
    table["weight"] = rng.lognormal(0, 1.0, len(table)) * np.where(
        table["kind"].isin(["university", "technical"]), 2.0, 1.0
    )
    table["offshore"] = False
    extra = inst.extra_locations(table, rng)
    table["n_locations"] = 1 + np.array([len(extra.get(i, [])) for i in range(len(table))])
    return cities, city_region, table, extra


def _paper_years_and_places(
    s: dict, regions: pd.DataFrame, table: pd.DataFrame, rng: np.random.Generator
):
    """Each paper's year (growing at ``paper_growth``), whether it is CS, and its lead
    region (by activity, among regions with an institute)."""
    n = s["n_papers"]
    years = np.arange(s["first_year"], s["last_year"] + 1)
    yw = np.exp(s["paper_growth"] * (years - years[0]))
    year = rng.choice(years, size=n, p=yw / yw.sum())
    is_cs = rng.uniform(size=n) >= s["shares"]["non_cs"]
    has_inst = np.bincount(table["region_idx"], minlength=len(regions)) > 0
    rw = regions["activity"].to_numpy() * has_inst
    lead_region = rng.choice(len(regions), size=n, p=rw / rw.sum())
    return year, is_cs, lead_region


def _dl_labels(
    s: dict,
    regions: pd.DataFrame,
    *,
    year: np.ndarray,
    is_cs: np.ndarray,
    lead_region: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Whether each paper is DL, from the planted propensity (section 3.5's story).

    Before the break DL tracks research strength a little; after it, research x industry
    and China drive it. Intercepts are calibrated to the DL shares before and after.
    """
    dl, fx = s["dl"], s["effects"]
    n = s["n_papers"]
    post = year >= s["break_year"]
    R = regions["research_strength"].to_numpy()[lead_region]
    ind = regions["industry_strength"].to_numpy()[lead_region]
    cc = regions["country_code"].to_numpy()[lead_region]
    china = regions["is_china"].to_numpy()[lead_region]
    # High-growth countries start from a low DL share, so their DL output grows faster;
    # no post-break country shock besides China's (it would confound the regression).
    hg_before = np.isin(cc, list(fx["high_growth_countries"])) * fx["high_growth_before"]
    noise = regions["dl_noise"].to_numpy()[lead_region]
    noise_after = regions["dl_noise_after"].to_numpy()[lead_region]
    logit_before = fx["research_before"] * R + hg_before + noise
    logit_after = (
        fx["interaction"] * R * ind
        + fx["china"] * china
        + fx["research_after"] * R
        + fx["industry_after"] * ind
        + noise_after
        + dl["yearly_slope_after"] * (year - s["break_year"])
    )
    logits = np.where(post, logit_after, logit_before)
    cs_before, cs_after = is_cs & ~post, is_cs & post
    logits[cs_before] += _calibrate(logits[cs_before], dl["share_before"])
    logits[cs_after] += _calibrate(logits[cs_after], dl["share_after"])
    return is_cs & (rng.uniform(size=n) < _sigmoid(logits))


def _subjects(
    fx: dict,
    regions: pd.DataFrame,
    *,
    year: np.ndarray,
    is_cs: np.ndarray,
    is_dl: np.ndarray,
    lead_region: np.ndarray,
    rng: np.random.Generator,
):
    """Each paper's subjects (papers x 5 indices into the returned names, -1 padded).

    DL papers get DL subjects; other CS papers the base mix tilted by their region's
    research strength; non-CS papers other archives only.
    """
    n = len(year)
    subject_names = list(voc.SUBJECTS) + sorted(
        {c for v in voc.CROSS_LISTS.values() for c, _ in v if c not in voc.SUBJECTS}
    )
    n_study = len(voc.SUBJECTS)
    base = np.array([v[0] for v in voc.SUBJECTS.values()])
    related = np.array([v[1] for v in voc.SUBJECTS.values()], dtype=float)
    logw = np.log(base)[None, :] + fx["research_tilt"] * (
        regions["research_strength"].to_numpy()[:, None] * related[None, :]
    )
    region_p = np.exp(logw)
    region_p /= region_p.sum(axis=1, keepdims=True)
    primary = np.empty(n, dtype=np.int64)
    cum = np.cumsum(region_p, axis=1)
    u = rng.uniform(size=n)
    primary[:] = np.minimum((u[:, None] > cum[lead_region]).sum(axis=1), n_study - 1)
    # cs.CV is a DL-heavy subject, but not so heavy that its own vocabulary marks DL: at
    # a third of the DL papers (and a fifth of their cross-lists) CorEx merged the vision
    # words into the DL topic and labelled non-DL vision papers DL (docs/demo_world.md).
    dl_primary = {
        "cs.CV": 0.25,
        "cs.LG": 0.33,
        "cs.CL": 0.15,
        "stat.ML": 0.03,
        "cs.NE": 0.07,
        "cs.AI": 0.06,
        "cs.RO": 0.04,
        "cs.SD": 0.03,
        "cs.IR": 0.02,
        "cs.CR": 0.01,
        "cs.NI": 0.01,
    }
    dl_idx = np.flatnonzero(is_dl)
    primary[dl_idx] = rng.choice(
        [subject_names.index(k) for k in dl_primary],
        size=len(dl_idx),
        p=np.array(list(dl_primary.values())),
    )
    k_sub = rng.choice(
        list(voc.SUBJECTS_PER_PAPER), size=n, p=list(voc.SUBJECTS_PER_PAPER.values())
    )
    subj = np.full((n, 5), -1, dtype=np.int64)
    subj[:, 0] = primary
    base_p = base / base.sum()
    for si, name in enumerate(subject_names[:n_study]):
        rows = np.flatnonzero(primary == si)
        if len(rows) == 0:
            continue
        cross = voc.CROSS_LISTS.get(name, [])
        w = np.zeros(len(subject_names))
        w[:n_study] = 0.35 * base_p
        for c, p in cross:
            w[subject_names.index(c)] += p
        w[si] = 0
        cand = rng.choice(len(subject_names), size=(len(rows), 4), p=w / w.sum())
        subj[rows, 1:] = cand
    # DL papers also cross-list DL subjects.
    dl_second = rng.choice(
        [subject_names.index(k) for k in ("cs.LG", "stat.ML", "cs.CV", "cs.NE", "cs.AI")],
        size=len(dl_idx),
        p=[0.5, 0.08, 0.1, 0.17, 0.15],
    )
    subj[dl_idx, 1] = dl_second
    subj[np.arange(5)[None, :] >= k_sub[:, None]] = -1
    # Drop repeats within a paper, keeping the first occurrence and order.
    for j in range(1, 5):
        dup = (subj[:, [j]] == subj[:, :j]).any(axis=1) & (subj[:, j] >= 0)
        subj[dup, j] = -1
    # eess and econ exist on arXiv only from 2017.
    young = (
        np.isin(np.array(subject_names, dtype=object)[np.maximum(subj, 0)], ["eess.AS", "econ.TH"])
        & (subj >= 0)
        & (year[:, None] < 2017)
    )
    subj[young] = -1
    order = np.argsort(subj < 0, axis=1, kind="stable")
    subj = np.take_along_axis(subj, order, axis=1)
    # Non-CS papers: other archives only.
    non_cs_names = list(voc.NON_CS)
    noncs_idx = np.flatnonzero(~is_cs)
    n_all_names = len(subject_names)
    subject_names = subject_names + non_cs_names
    subj[noncs_idx] = -1
    subj[noncs_idx, 0] = n_all_names + rng.integers(0, len(non_cs_names), len(noncs_idx))
    two = noncs_idx[rng.uniform(size=len(noncs_idx)) < 0.3]
    subj[two, 1] = n_all_names + (subj[two, 0] - n_all_names + 1) % len(non_cs_names)
    return subj, subject_names


def _paper_institutes(
    sh: dict,
    regions: pd.DataFrame,
    table: pd.DataFrame,
    *,
    is_cs: np.ndarray,
    lead_region: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Institutes of each CS paper (``paper, slot, institute``): the lead one in the lead
    region, co-authors' mostly in the same region or country."""
    n = len(is_cs)
    n_inst = np.where(is_cs, rng.choice([1, 2, 3], size=n, p=[0.45, 0.35, 0.2]), 0)
    rows = np.repeat(np.arange(n), n_inst)
    slot = np.arange(len(rows)) - np.repeat(np.cumsum(n_inst) - n_inst, n_inst)
    where = rng.uniform(size=len(rows))
    region_of = lead_region[rows].copy()
    country_codes = regions["country_code"].to_numpy()
    inst_region = table["region_idx"].to_numpy()
    inst_w = table["weight"].to_numpy()
    inst_country = pd.factorize(pd.Series(country_codes[inst_region]))[0]
    country_code_index = {c: i for i, c in enumerate(pd.unique(country_codes[inst_region]))}
    pick = np.empty(len(rows), dtype=np.int64)
    same_region = (slot == 0) | (where < sh["same_region_coauthor"])
    pick[same_region] = _pick_within(inst_region, inst_w, region_of[same_region], rng)
    same_country = ~same_region & (where < sh["same_region_coauthor"] + sh["same_country_coauthor"])
    wanted_country = np.array(
        [country_code_index[c] for c in country_codes[region_of[same_country]]], dtype=np.int64
    )
    pick[same_country] = _pick_within(inst_country, inst_w, wanted_country, rng)
    anywhere = ~same_region & ~same_country
    pick[anywhere] = rng.choice(len(table), size=int(anywhere.sum()), p=inst_w / inst_w.sum())
    pi = pd.DataFrame({"paper": rows, "slot": slot, "institute": pick})
    return pi.drop_duplicates(["paper", "institute"]).reset_index(drop=True)


def _publication(
    s: dict,
    papers: pd.DataFrame,
    *,
    is_cs: np.ndarray,
    year: np.ndarray,
    month: np.ndarray,
    rng: np.random.Generator,
) -> None:
    """Add each paper's publication (in place): about 10% of CS papers unpublished (some
    with a repository-only work), how its work links to arXiv, its date, DOI and venue.

    ``month`` is the drawn submission month (before ``_assign_ids`` moves overflowing
    old-style ids to April)."""
    sh = s["shares"]
    n = len(papers)
    published = is_cs & (rng.uniform(size=n) >= sh["unpublished"])
    repo_only = is_cs & ~published & (rng.uniform(size=n) < sh["repository_only"])
    link = rng.uniform(size=n)
    papers["published"] = published
    papers["repository_only"] = repo_only
    papers["link"] = np.where(
        ~published,
        "none",
        np.where(
            link < sh["arxiv_doi"],
            "arxiv_doi",
            np.where(link < sh["arxiv_doi"] + sh["journal_doi"], "journal_doi", "title"),
        ),
    )
    lag = rng.choice([0, 1, 2], size=n, p=[0.5, 0.4, 0.1])
    papers["pub_year"] = np.minimum(year + lag, s["last_year"] + 1)
    papers["pub_month"] = np.where(
        lag == 0, np.maximum(month, rng.integers(1, 13, n)), rng.integers(1, 13, n)
    )
    papers["pub_day"] = rng.integers(1, 29, n)
    papers["journal_doi"] = [
        f"10.{1000 + a}/{b}"
        for a, b in zip(rng.integers(0, 8000, n), rng.integers(10**6, 10**7, n), strict=False)
    ]
    papers["venue"] = rng.integers(0, 60, n)


def _text(
    sh: dict, papers: pd.DataFrame, subj: np.ndarray, subject_names: list, rng: np.random.Generator
) -> None:
    """Add each paper's abstract, arXiv title and published title (in place), from its
    subjects' vocabularies; a few distinct papers share a title."""
    n = len(papers)
    is_cs, is_dl = papers["is_cs"].to_numpy(), papers["is_dl"].to_numpy()
    n_study = len(voc.SUBJECTS)
    n_all_names = len(subject_names) - len(voc.NON_CS)
    subject_lists = (
        [voc.phrases(v[2]) for v in voc.SUBJECTS.values()]
        + [voc.phrases("theorem bound estimates") for _ in subject_names[n_study:n_all_names]]
        + [voc.phrases(v) for v in voc.NON_CS.values()]
    )
    short = rng.uniform(size=n) < sh["short_abstract"]
    stray = rng.uniform(size=n) < sh["stray_dl_terms"]
    papers["abstract"] = text.abstracts(
        subject_lists, subj, is_dl, stray_dl=stray, short=short, rng=rng
    )
    papers["short_abstract"] = short
    arxiv_title, pub_title = text.titles(subject_lists, subj[:, 0], is_dl, rng)
    # A few distinct papers share a title; published years tell them apart.
    n_dup = round(sh["duplicate_titles"] * n / 2)
    if n_dup:
        a = rng.choice(np.flatnonzero(is_cs), size=2 * n_dup, replace=False)
        first, second = a[:n_dup], a[n_dup:]
        ok = papers["pub_year"].to_numpy()[first] != papers["pub_year"].to_numpy()[second]
        arxiv_title[second[ok]] = arxiv_title[first[ok]]
        pub_title[second[ok]] = pub_title[first[ok]]
        papers["shares_title"] = False
        papers.loc[np.concatenate([first[ok], second[ok]]), "shares_title"] = True
    papers["title"] = arxiv_title
    changed = rng.uniform(size=n) < sh["title_changed"]
    papers["work_title"] = text.published_title(pub_title, changed, rng)


def _assign_ids(papers: pd.DataFrame, subject_names: list, rng) -> pd.DataFrame:
    """arXiv ids: ``archive/YYMMNNN`` before April 2007, ``YYMM.NNNN(N)`` after."""
    old = (papers["year"] == 2007) & (papers["month"] < 4)
    archive = np.array([name.split(".")[0] for name in subject_names], dtype=object)
    papers["archive"] = archive[papers["primary"].to_numpy()]
    # stat had no old-style archive: its early papers were filed under math.
    papers["archive"] = papers["archive"].replace({"stat": "math"})
    key = papers["year"] * 100 + papers["month"]
    papers = papers.assign(_key=key, _old=old)
    # Old-style numbers run per archive and month (3 digits); too many move to April.
    papers["_seq"] = papers.groupby(["_key", "archive"]).cumcount()
    papers.loc[old & (papers["_seq"] >= 999), ["month", "_old"]] = [4, False]
    papers["_key"] = papers["year"] * 100 + papers["month"]
    # Numbers rise with submission time within a month, as on arXiv.
    by_time = papers.sort_values(["year", "month", "day", "seconds"], kind="stable")
    seq = (
        np.where(
            by_time["_old"],
            by_time.groupby(["_key", "archive"]).cumcount(),
            by_time.groupby(["_key", "_old"]).cumcount(),
        )
        + 1
    )
    papers["_seq"] = pd.Series(seq, index=by_time.index).reindex(papers.index)
    yymm = (papers["year"] % 100).map("{:02d}".format) + papers["month"].map("{:02d}".format)
    width = np.where(papers["year"] >= 2015, 5, 4)
    new_ids = [f"{a}.{b:0{w}d}" for a, b, w in zip(yymm, papers["_seq"], width, strict=False)]
    old_ids = [
        f"{a}/{b}{c:03d}" for a, b, c in zip(papers["archive"], yymm, papers["_seq"], strict=False)
    ]
    papers["paper_id"] = np.where(papers["_old"], old_ids, new_ids)
    if papers["paper_id"].duplicated().any():
        raise ValueError("arXiv id collision: too many papers in one month")
    return papers.drop(columns=["_key", "_old", "_seq"])


def _authors(papers, pi, table, regions, *, sh, rng):
    """Authors of CS papers, each with one institute, and the raw affiliation strings.

    Each institute gets a few noisy strings; an author's string is one of them.
    """
    countries = gazetteer.countries().set_index("country_code")
    n_papers = len(papers)
    n_inst = np.bincount(pi["paper"], minlength=n_papers)
    n_auth = np.where(n_inst > 0, np.maximum(n_inst, 1 + rng.poisson(2.0, n_papers)), 0)
    n_auth = np.minimum(n_auth, 25)
    paper = np.repeat(np.arange(n_papers), n_auth)
    position = np.arange(len(paper)) - np.repeat(np.cumsum(n_auth) - n_auth, n_auth)
    first_slot = np.cumsum(n_inst) - n_inst
    # Author k of a paper with m institutes: institute k for k < m, then any of them.
    k = np.where(
        position < n_inst[paper],
        position,
        (rng.uniform(size=len(paper)) * n_inst[paper]).astype(np.int64),
    )
    institute = pi["institute"].to_numpy()[first_slot[paper] + k]
    # Names from the institute's country's language.
    lang = countries.loc[table["country_code"].to_numpy()[institute], "lang"].to_numpy()
    group = np.where(np.isin(lang, list(voc.FIRST_NAMES)), lang, "other")
    group = np.where(rng.uniform(size=len(paper)) < 0.25, "other", group)
    first = np.empty(len(paper), dtype=object)
    last = np.empty(len(paper), dtype=object)
    for g in voc.FIRST_NAMES:
        rows = np.flatnonzero(group == g)
        fn, ln = voc.FIRST_NAMES[g].split(), voc.LAST_NAMES[g].split()
        first[rows] = np.array(fn, dtype=object)[rng.integers(0, len(fn), len(rows))]
        last[rows] = np.array(ln, dtype=object)[rng.integers(0, len(ln), len(rows))]
    author_no = rng.integers(0, 10**9, len(paper))
    authors = pd.DataFrame(
        {
            "paper": paper,
            "position": position,
            "institute": institute,
            "first": first,
            "last": last,
            "author_no": author_no,
        }
    )

    # Noisy strings: a few per institute, more for busy ones.
    use = np.bincount(institute, minlength=len(table))
    n_var = np.where(use > 0, 1 + np.minimum(rng.poisson(0.3 + 0.08 * use), 14), 0)
    owner = np.repeat(np.arange(len(table)), n_var)
    variant = np.arange(len(owner)) - np.repeat(np.cumsum(n_var) - n_var, n_var)
    second = np.where(
        rng.uniform(size=len(owner)) < sh["two_institute_strings"],
        rng.integers(0, len(table), len(owner)),
        -1,
    )
    strings = inst.noisy_strings(table, owner, rng, others=second)
    aff = pd.DataFrame(
        {"institute": owner, "variant": variant, "affiliation": strings, "second_institute": second}
    )
    # Two institutes' strings can coincide; keep the first owner as the truth.
    aff["string_id"] = pd.factorize(aff["affiliation"])[0]
    # An author picks variant v with weight 1/(v+1).
    start = np.cumsum(n_var) - n_var
    nv = n_var[institute]
    u = rng.uniform(size=len(paper))
    v = np.floor(nv**u).astype(np.int64) - 1  # log-uniform: low variants more common
    authors["affiliation_row"] = start[institute] + np.clip(v, 0, nv - 1)
    authors["affiliation"] = aff["affiliation"].to_numpy()[authors["affiliation_row"]]
    ror_given = rng.uniform(size=len(aff)) < sh["ror_given"]
    aff["ror_given"] = ror_given & table["in_registry"].to_numpy()[owner]
    return authors, aff


def _organizations(s, regions, cities, city_region, rng):
    """CrunchBase organisations: region by activity, sectors tilted by industry strength."""
    fx, sh = s["effects"], s["shares"]
    n = s["n_organizations"]
    act = regions["activity"].to_numpy()
    w = act**0.8 * np.exp(rng.normal(0, 0.5, len(regions)))
    w = w * np.where(regions["region"].to_numpy() == "California", 2.0, 1.0)
    region = rng.choice(len(regions), size=n, p=w / w.sum())
    # A city of the region.
    city = np.empty(n, dtype=np.int64)
    city_ids = np.arange(len(cities))
    city[:] = _pick_within(city_region, np.ones(len(cities)), region, rng)
    city = city_ids[city]
    names = list(voc.SECTORS)
    sectors = _organization_sectors(fx, regions, region, rng)
    founded = rng.choice(
        np.arange(1990, s["last_year"] + 1),
        size=n,
        p=_norm(np.exp(0.12 * np.arange(1990, s["last_year"] + 1) - 240)),
    )
    stem = np.array(voc.COMPANY_STEMS, dtype=object)
    syl = np.array(voc.SYLLABLES, dtype=object)
    name = text.capitalise_first(
        syl[rng.integers(0, len(syl), n)]
        + syl[rng.integers(0, len(syl), n)]
        + syl[rng.integers(0, len(syl), n)]
    )
    name = np.where(
        rng.uniform(size=n) < 0.3, name + " " + stem[rng.integers(0, len(stem), n)], name
    )
    orgs = pd.DataFrame(
        {"region_idx": region, "city_id": city, "founded_year": founded, "name": name}
    )
    orgs["sectors"] = list(sectors)
    orgs["n_sectors"] = (sectors >= 0).sum(1)
    sector_lists = [voc.phrases(voc.SECTORS[x][3]) for x in names]
    desc = text.descriptions(sector_lists, sectors, name, rng)
    u = rng.uniform(size=n)
    foreign = u < sh["org_foreign_description"]
    empty = (u >= sh["org_foreign_description"]) & (
        u < sh["org_foreign_description"] + sh["org_empty_description"]
    )
    fd = np.array(voc.FOREIGN_DESCRIPTIONS, dtype=object)
    desc[foreign] = fd[rng.integers(0, len(fd), int(foreign.sum()))]
    desc[empty] = ""
    orgs["description"] = desc
    orgs["foreign_description"] = foreign
    jitter = rng.normal(0, 0.02, (n, 2))
    orgs["lat"] = np.round(cities["lat"].to_numpy()[city] + jitter[:, 0], 5)
    orgs["lon"] = np.round(cities["lon"].to_numpy()[city] + jitter[:, 1], 5)
    no_xy = rng.uniform(size=n) < sh["org_no_coordinates"]
    orgs.loc[no_xy, ["lat", "lon"]] = np.nan
    orgs["uuid"] = _uuids(n, rng)
    orgs["month"] = rng.integers(1, 13, n)
    orgs["day"] = rng.integers(1, 29, n)
    orgs["funding"] = np.where(
        rng.uniform(size=n) < 0.4, np.round(np.exp(rng.normal(14, 1.8, n)), -3), np.nan
    )
    orgs["rounds"] = np.where(np.isnan(orgs["funding"]), 0, rng.integers(1, 6, n))
    orgs["employees"] = rng.choice(
        ["1-10", "11-50", "51-100", "101-250", "251-500", "501-1000", "1001-5000"],
        size=n,
        p=[0.45, 0.3, 0.1, 0.07, 0.04, 0.025, 0.015],
    )
    return orgs


def _organization_sectors(
    fx: dict, regions: pd.DataFrame, region: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Each organisation's sectors (organisations x 3 indices into ``voc.SECTORS``, -1
    padded): the first from the base mix tilted by its region's industry strength towards
    AI sectors, further ones often of the same group (AI with software and analytics)."""
    n = len(region)
    names = list(voc.SECTORS)
    ai = np.array([voc.SECTORS[k][1] for k in names], dtype=float)
    base = np.array([voc.SECTORS[k][2] for k in names])
    logw = np.log(base)[None, :] + fx["industry_tilt"] * (
        regions["industry_strength"].to_numpy()[:, None] * ai[None, :]
    )
    p = np.exp(logw)
    p /= p.sum(axis=1, keepdims=True)
    cum = np.cumsum(p, axis=1)
    sectors = np.full((n, 3), -1, dtype=np.int64)
    sectors[:, 0] = np.minimum((rng.uniform(size=n)[:, None] > cum[region]).sum(1), len(names) - 1)
    k = rng.choice([1, 2, 3], size=n, p=[0.45, 0.35, 0.2])
    # Further sectors: often of the same group (AI with Machine Learning, ...).
    groups = np.array([voc.SECTORS[x][0] for x in names], dtype=object)
    for j in (1, 2):
        same = rng.uniform(size=n) < 0.6
        other = np.minimum((rng.uniform(size=n)[:, None] > cum[region]).sum(1), len(names) - 1)
        cand = other.copy()
        for g in np.unique(groups):
            members = np.flatnonzero(groups == g)
            rows = np.flatnonzero(same & np.isin(sectors[:, 0], members))
            cand[rows] = members[rng.integers(0, len(members), len(rows))]
        # AI sectors pair with software and analytics.
        ai_rows = np.flatnonzero(same & (ai[sectors[:, 0]] > 0))
        cand[ai_rows] = rng.choice(np.flatnonzero(ai > 0), size=len(ai_rows))
        sectors[:, j] = np.where(k > j, cand, -1)
    for j in (1, 2):
        dup = (sectors[:, [j]] == sectors[:, :j]).any(axis=1)
        sectors[dup, j] = -1
    return sectors


def _norm(x):
    x = np.asarray(x, dtype=float)
    return x / x.sum()


def _uuids(n, rng):
    raw = rng.integers(0, 2**63, size=(n, 2), dtype=np.int64)
    hexes = [f"{a:016x}{b:016x}" for a, b in raw]
    return np.array(
        [f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}" for h in hexes], dtype=object
    )


def planted_effects(world: World) -> dict:
    """Every planted parameter, and the realised DL shares, for truth/effects.json."""
    s = world.settings
    p = world.papers
    cs = p[p["is_cs"]]
    post = cs["year"] >= s["break_year"]
    by_country = world.regions["country_code"].to_numpy()[cs["lead_region_idx"]]
    dl_counts = pd.crosstab(by_country, post, values=cs["is_dl"], aggfunc="sum").fillna(0)
    growth = (dl_counts[True] / dl_counts[False].replace(0, np.nan)).round(2)
    return {
        "seed": s["seed"],
        "n_papers": s["n_papers"],
        "years": [s["first_year"], s["last_year"]],
        "break_year": s["break_year"],
        "dl_share_before_target": s["dl"]["share_before"],
        "dl_share_after_target": s["dl"]["share_after"],
        "dl_share_before": round(float(cs.loc[~post, "is_dl"].mean()), 4),
        "dl_share_after": round(float(cs.loc[post, "is_dl"].mean()), 4),
        "high_growth_countries": s["effects"]["high_growth_countries"],
        "dl_paper_growth_by_country": {
            k: (None if pd.isna(v) else float(v)) for k, v in growth.items()
        },
        "effects": s["effects"],
        "shares": s["shares"],
        "dl": s["dl"],
        "model": (
            "post-break DL logit = intercept + interaction * research * industry "
            "+ china * is_china + research_after * research "
            "+ industry_after * industry + region_noise_after + slope * (year - break); "
            "pre-break DL logit = intercept + research_before * research "
            "+ high_growth_before (in high_growth_countries) + region_noise_before; "
            "research and industry are the region's standard-normal strengths; "
            "intercepts calibrated to the target DL shares; a paper's region is its "
            "first institute's."
        ),
        "dl_subjects": ["cs.CV", "cs.LG", "cs.NE", "cs.CL", "cs.AI", "stat.ML"],
        "ai_sectors": [k for k, v in voc.SECTORS.items() if v[1]],
    }
