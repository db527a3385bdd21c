"""Shared fixtures: the real samples, and whole-project Kedro runs in a temporary copy."""

import os
import shutil
from functools import cached_property
from pathlib import Path

import pytest
from kedro.framework.project import configure_project
from kedro.framework.session import KedroSession

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"

os.environ.setdefault("KEDRO_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MPLBACKEND", "Agg")


def require_shared_data() -> Path:
    """Skip the calling test, with the reason, when ../shared/data is not beside the project."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real samples not found at {SHARED_DATA} (../shared/data beside the project)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return require_shared_data()


class KedroProject:
    """A throw-away copy of this project's configuration, run through ``KedroSession``.

    The copy has its own ``data/`` folder, and a ``shared`` link beside it when the real
    samples exist, so the ``sample`` environment's ``../shared/data`` paths resolve.
    """

    def __init__(self, root: Path, env: str = "base", params: dict | None = None):
        self.root = root / "project"
        self.env = env
        self.params = params or {}
        self.root.mkdir(parents=True)
        shutil.copy(PROJECT_ROOT / "pyproject.toml", self.root)
        shutil.copytree(
            PROJECT_ROOT / "conf", self.root / "conf", ignore=shutil.ignore_patterns("local")
        )
        (self.root / "conf" / "local").mkdir()
        shutil.copytree(PROJECT_ROOT / "labelled_sets", self.root / "labelled_sets")
        if SHARED_DATA.is_dir():
            (root / "shared").symlink_to(SHARED_DATA.parent, target_is_directory=True)
        configure_project("dl_geography")  # the installed package; its conf is the copy

    def session(self) -> KedroSession:
        return KedroSession.create(project_path=self.root, env=self.env, runtime_params=self.params)

    def run(self, pipeline_names: list[str] | None = None, **kwargs):
        with self.session() as session:
            return session.run(pipeline_names=pipeline_names, **kwargs)

    @cached_property
    def catalog(self):
        """The project's catalog; its datasets read the files as they are at each load."""
        with self.session() as session:
            return session.load_context().catalog

    def load(self, name: str):
        return self.catalog.load(name)


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory) -> KedroProject:
    """The whole default chain, run once on the default demo world, shared by e2e tests."""
    project = KedroProject(tmp_path_factory.mktemp("demo"))
    project.run()
    return project


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory) -> KedroProject:
    """The whole chain in the ``sample`` environment (real samples), on a CI-sized subset
    of arXiv papers."""
    require_shared_data()
    project = KedroProject(
        tmp_path_factory.mktemp("sample"), env="sample", params={"sample_max_papers": 4000}
    )
    project.run()
    return project
