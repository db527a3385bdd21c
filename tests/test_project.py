"""The project loads as a Kedro project: settings, config, registry."""

from pathlib import Path

from kedro.framework.project import pipelines

from dl_geography.pipeline_registry import PIPELINE_ORDER
from tests.conftest import PROJECT_ROOT


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


def test_every_data_file_of_the_package_is_installed():
    """A non-editable install ships only the files ``package-data`` names (the ISO table,
    the report template): every non-Python file in the package must match a pattern."""
    import glob
    import tomllib

    package = PROJECT_ROOT / "src" / "dl_geography"
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["dl_geography"]
    shipped = {
        Path(p)
        for pattern in patterns
        for p in glob.glob(pattern, root_dir=package, recursive=True)
    }
    data = {
        p.relative_to(package)
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    assert data, "the package has data files (iso3166.psv, report.html.j2)"
    assert data <= shipped, f"not in package-data: {sorted(map(str, data - shipped))}"
