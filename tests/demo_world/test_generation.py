"""Determinism, regeneration rules, the CLI and the benchmark helpers."""

import filecmp
import os

import pandas as pd
import pytest

from dl_geography.demo_world import ensure_demo_world, noisy_affiliations, synthetic_registry
from dl_geography.demo_world.__main__ import main

TINY = {"n_papers": 1500, "seed": 3}


def _files(root):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_same_seed_same_bytes(tmp_path, small_world):
    a = ensure_demo_world(tmp_path / "a", **TINY)
    b = ensure_demo_world(tmp_path / "b", **TINY)
    assert _files(a) == _files(b)
    for f in _files(a):
        assert filecmp.cmp(a / f, b / f, shallow=False), f


def test_other_seed_other_world(tmp_path):
    a = ensure_demo_world(tmp_path / "a", **TINY)
    b = ensure_demo_world(tmp_path / "b", n_papers=TINY["n_papers"], seed=4)
    assert not filecmp.cmp(a / "truth" / "papers.csv", b / "truth" / "papers.csv", shallow=False)


def test_regenerates_only_when_settings_change(tmp_path):
    out = tmp_path / "w"
    ensure_demo_world(out, **TINY)
    stamp = os.stat(out / "manifest.json").st_mtime_ns
    ensure_demo_world(out, **TINY)
    assert os.stat(out / "manifest.json").st_mtime_ns == stamp
    ensure_demo_world(out, **TINY, effects={"interaction": 0.0})
    assert '"interaction": 0.0' in (out / "manifest.json").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w"]  # no temporary leftovers


def test_cli(tmp_path, capsys):
    main(["--n-papers", "800", "--seed", "2", "--out", str(tmp_path / "cli")])
    assert "papers/s" in capsys.readouterr().out
    assert (tmp_path / "cli" / "arxiv" / "arxiv-metadata-oai-snapshot.json").is_file()


def test_registry_and_noisy_affiliations():
    records = synthetic_registry(2000, seed=1)
    assert len(records) == 2000
    assert len({r["id"] for r in records}) == 2000
    names = [n["value"] for r in records for n in r["names"] if "ror_display" in n["types"]]
    assert len(set(names)) == 2000
    strings = noisy_affiliations(records, 5000, seed=1)
    assert list(strings.columns) == ["affiliation", "institute_id"]
    assert len(strings) == 5000
    absent = strings["institute_id"].isna().mean()
    assert 0.03 < absent < 0.07
    assert set(strings["institute_id"].dropna()) <= {r["id"] for r in records}
    # Noise: most strings are not exactly a registry name.
    assert (~strings["affiliation"].isin(names)).mean() > 0.4
    pd.testing.assert_frame_equal(strings, noisy_affiliations(records, 5000, seed=1))


@pytest.mark.parametrize("bad", [{"n_papers": 0}])
def test_rejects_empty_world(tmp_path, bad):
    with pytest.raises(ValueError):
        ensure_demo_world(tmp_path / "x", seed=1, **bad)


def test_accepts_kedro_config_containers(tmp_path):
    from omegaconf import OmegaConf

    settings = OmegaConf.create({"effects": {"high_growth_countries": ["SG", "CN", "JP"]}})
    out = ensure_demo_world(tmp_path / "w", n_papers=800, seed=1, **settings)
    assert '"SG"' in (out / "manifest.json").read_text()
