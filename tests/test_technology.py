"""Technology presets: validation, and the rules the weak-supervision labeller uses."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from dl_geography.technology import (
    has_cue,
    mask_rules,
    prepare_texts,
    resolve_technology,
    rule_positive,
)

PRESETS = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "conf/base/parameters_technologies.yml").read_text()
)["technologies"]


def test_every_shipped_preset_resolves():
    assert {"deep_learning", "large_language_models", "quantum_computing"} <= set(PRESETS)
    for name in PRESETS:
        technology = resolve_technology(name, PRESETS)
        assert technology.name == name and technology.display_name and technology.short_name


def test_unknown_technology_lists_the_presets():
    with pytest.raises(
        ValueError,
        match=r"'technology' = 'blockchain' is not a preset; presets "
        r"are: deep_learning, large_language_models",
    ):
        resolve_technology("blockchain", PRESETS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"patterns": ["(unclosed"]}, r"technologies.deep_learning.patterns: invalid regular"),
        ({"patterns": ["(?<!power )transformer"]}, "invalid regular expression"),  # RE2
        ({"break_year": "soon"}, "break_year must be a year"),
        ({"cues": "neural"}, "cues must be a list"),
        ({"colour": "blue"}, "unknown keys colour"),
        ({"patterns": [], "acronyms": []}, "needs at least one pattern or acronym"),
    ],
)
def test_bad_presets_are_refused_with_the_key(change, message):
    presets = {"deep_learning": {**PRESETS["deep_learning"], **change}}
    with pytest.raises(ValueError, match=message):
        resolve_technology("deep_learning", presets)


def test_missing_field_is_named():
    preset = dict(PRESETS["deep_learning"])
    del preset["cues"]
    with pytest.raises(ValueError, match=r"technologies\.deep_learning lacks cues"):
        resolve_technology("deep_learning", {"deep_learning": preset})


def test_rules_exclusions_acronym_case_and_cues():
    dl = resolve_technology("deep_learning", PRESETS)
    texts = prepare_texts(
        pd.Series(
            [
                "A transformer-based detector for small objects.",
                "Ageing of power transformers in distribution grids.",
                "We train a CNN on chest X-rays.",
                "see www.cnn.com for the news",
                "A proof that every planar graph is 4-colourable.",
                "Power transformer faults diagnosed with a graph neural network.",
            ]
        ),
        dl,
    )
    assert rule_positive(texts, dl).tolist() == [True, False, True, False, False, True]
    assert has_cue(texts, dl).tolist()[4] is False
    masked = mask_rules(texts, dl).to_pylist()
    assert "CNN" not in masked[2] and "chest" in masked[2]


def _parameters(env: str, runtime_params: dict) -> dict:
    from kedro.config import OmegaConfigLoader

    from dl_geography.settings import CONFIG_LOADER_ARGS

    args = {k: v for k, v in CONFIG_LOADER_ARGS.items() if k != "default_run_env"}
    loader = OmegaConfigLoader(
        str(Path(__file__).resolve().parents[1] / "conf"),
        default_run_env=env,
        runtime_params=runtime_params,
        **args,
    )
    return loader["parameters"]


def test_the_technology_parameter_renames_every_pipeline_and_moves_the_break():
    params = _parameters("base", {"technology": "large_language_models"})
    words = {"name": "large language models", "short": "LLM"}
    assert params["geography"]["technology"] == words == params["reporting"]["technology"]
    assert params["industry_relatedness"]["figures"]["technology"] == words
    assert params["geography"]["break_year"] == params["drivers"]["break_year"] == 2022
    default = _parameters("base", {})
    assert default["geography"]["break_year"] == 2012
    assert default["reporting"]["technology"] == {"name": "deep learning", "short": "DL"}
    # the samples keep their own split year, whatever the technology
    sample = _parameters("sample", {"technology": "quantum_computing"})
    assert sample["drivers"]["break_year"] == 2026


def test_an_unknown_technology_stops_the_config_with_the_presets():
    with pytest.raises(Exception, match=r"'nope' is not a preset; presets are: deep_learning"):
        _parameters("base", {"technology": "nope"})
