"""The project loads as a Kedro project: settings, config, registry."""

from kedro.framework.project import pipelines

from dl_geography.pipeline_registry import PIPELINE_ORDER


def test_every_pipeline_registers_and_default_is_their_union(tmp_path):
    from tests.conftest import KedroProject

    KedroProject(tmp_path)
    registered = set(pipelines)
    assert "__default__" in registered
    for name in registered - {"__default__"}:
        assert pipelines[name].nodes, f"pipeline {name} has no nodes"
        assert set(pipelines[name].nodes) <= set(pipelines["__default__"].nodes)
    assert not (registered - {"__default__"}) - set(PIPELINE_ORDER)


def test_catalog_resolves_for_every_environment(tmp_path):
    from tests.conftest import KedroProject

    for env in ("base", "sample", "real"):
        project = KedroProject(tmp_path / env, env=env)
        catalog = project.catalog
        assert "parameters" in catalog
