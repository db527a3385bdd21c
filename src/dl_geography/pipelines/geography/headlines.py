"""The press release's headline numbers, computed for every country (and region).

One long table, ``headline_statistics``: ``statistic, level, location_id, location,
country_code, year, value, rank, numerator, denominator``. ``rank`` is 1 for the
largest value among the locations of a statistic (NaN where a ranking makes no sense).
"""

import numpy as np
import pandas as pd

from dl_geography.pipelines.geography.locations import location_label, location_totals
from dl_geography.pipelines.geography.papers import unique_papers

HEADLINE_COLUMNS = [
    "statistic",
    "level",
    "location_id",
    "location",
    "country_code",
    "year",
    "value",
    "rank",
    "numerator",
    "denominator",
]


def growth_multiple(
    later: pd.Series, earlier: pd.Series, *, pseudo_count: float = 0.0, min_earlier: float = 0.0
) -> pd.Series:
    """``(later + c) / (earlier + c)`` with pseudo-count ``c``; NaN where ``earlier`` is
    below ``min_earlier`` or the base ``earlier + c`` is zero.

    With ``c = 0`` this is the press release's plain multiple, undefined for a location
    with no early paper; ``c = 1`` ranks such newcomers by their later count instead of
    dropping them (a country going from 0 to 60 DL papers grew more than one going from
    7 to 60).
    """
    later, earlier = later.align(earlier, fill_value=0.0)
    base = (earlier + pseudo_count).where(earlier >= min_earlier)
    return (later + pseudo_count) / base.where(base > 0)


def _rank(values: pd.Series) -> pd.Series:
    return values.rank(ascending=False, method="min")


def _frame(
    statistic: str,
    level: str,
    totals: pd.DataFrame,
    *,
    value,
    numerator,
    denominator,
    rank=None,
    year=None,
) -> pd.DataFrame:
    location_id = (
        totals["region_id"]
        if level == "region"
        else totals["country_code"].fillna(totals["country"])
    )
    return pd.DataFrame(
        {
            "statistic": statistic,
            "level": level,
            "location_id": location_id.to_numpy(),
            "location": location_label(totals, level).to_numpy(),
            "country_code": totals["country_code"].to_numpy(),
            "year": pd.array(
                [year] * len(totals) if year is not None else [pd.NA] * len(totals), dtype="Int64"
            ),
            "value": np.asarray(value, dtype=float),
            "rank": np.asarray(rank if rank is not None else [np.nan] * len(totals), dtype=float),
            "numerator": np.asarray(numerator, dtype=float),
            "denominator": np.asarray(denominator, dtype=float),
        }
    )


def dl_growth_ranking(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Press release: DL papers (weighted) in the second period over the first (defaults
    2012-2018 vs 2006-2011), ranked across countries (study: Singapore x77, China x46,
    Japan x41, UK x21, 9th). ``numerator`` / ``denominator`` hold the raw counts, so the
    plain multiple can be read off whatever ``growth_pseudo_count`` is."""
    (first_start, first_end), (second_start, second_end) = params["growth_periods"]
    dl = analysis_table[analysis_table["is_dl"]]
    period = pd.Series(pd.NA, index=dl.index, dtype="object")
    period[(dl["year"] >= first_start) & (dl["year"] <= first_end)] = "first"
    period[(dl["year"] >= second_start) & (dl["year"] <= second_end)] = "second"
    dl = dl.assign(period=period)
    totals = location_totals(
        dl, "country", flags={"first": dl["period"] == "first", "second": dl["period"] == "second"}
    )
    multiple = growth_multiple(
        totals["second"],
        totals["first"],
        pseudo_count=params["growth_pseudo_count"],
        min_earlier=params["growth_min_first_period_papers"],
    )
    return _frame(
        "dl_growth_multiple",
        "country",
        totals,
        value=multiple,
        numerator=totals["second"],
        denominator=totals["first"],
        rank=_rank(multiple),
    )


def dl_paper_shares(analysis_table: pd.DataFrame) -> pd.DataFrame:
    """Press release: each country's share of all DL papers (study: UK 7.5%, third after
    the US and China). Weighted counts over the number of distinct DL papers."""
    dl = analysis_table[analysis_table["is_dl"]]
    totals = location_totals(dl, "country")
    n_dl = unique_papers(dl).shape[0]
    share = totals["n_papers"] / n_dl if n_dl else totals["n_papers"] * np.nan
    return _frame(
        "dl_paper_share",
        "country",
        totals,
        value=share,
        numerator=totals["n_papers"],
        denominator=np.full(len(totals), float(n_dl)),
        rank=_rank(share),
    )


def highly_cited_dl_counts(analysis_table: pd.DataFrame) -> pd.DataFrame:
    """Press release: countries and regions with most DL papers in the top citation
    quartile of their year (study: US and UK lead; London, Cambridge, Oxford in the top
    20 regions). Value: weighted count; numerator: the same; denominator: all highly
    cited DL papers."""
    top = analysis_table[analysis_table["is_dl"] & analysis_table["highly_cited"]]
    n_top = float(unique_papers(top).shape[0])
    frames = []
    for level in ["country", "region"]:
        totals = location_totals(top, level)
        frames.append(
            _frame(
                "highly_cited_dl_papers",
                level,
                totals,
                value=totals["n_papers"],
                numerator=totals["n_papers"],
                denominator=np.full(len(totals), n_top),
                rank=_rank(totals["n_papers"]),
            )
        )
    return pd.concat(frames, ignore_index=True)


def within_country_concentration(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Press release: share of a country's DL papers held by its top five regions, per
    year (study, UK: under 40% in 2010, over 60% in 2018). The country is
    ``concentration_country`` (ISO code), the number of regions ``concentration_top_regions``.
    """
    code = params["concentration_country"]
    k = params["concentration_top_regions"]
    dl = analysis_table[analysis_table["is_dl"] & (analysis_table["country_code"] == code)]
    totals = location_totals(dl, "region", by=["year"])
    frames = []
    for year, group in totals.groupby("year"):
        held = group["n_papers"].nlargest(k).sum()
        all_papers = group["n_papers"].sum()
        frame = _frame(
            f"top{k}_regions_share_of_country_dl",
            "country",
            group.iloc[:1],
            value=[held / all_papers if all_papers else np.nan],
            numerator=[held],
            denominator=[all_papers],
            year=int(year),
        )
        frames.append(frame)
    return (
        pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=HEADLINE_COLUMNS)
    )


def headline_statistics(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """``headline_statistics``: the press release's measures for every country (and
    region where it names regions), one long table."""
    frames = [
        dl_growth_ranking(analysis_table, params),
        dl_paper_shares(analysis_table),
        highly_cited_dl_counts(analysis_table),
        within_country_concentration(analysis_table, params),
    ]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=HEADLINE_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table = table.sort_values(
        ["statistic", "level", "year", "rank", "location_id"], na_position="last"
    ).reset_index(drop=True)
    return table[HEADLINE_COLUMNS]
