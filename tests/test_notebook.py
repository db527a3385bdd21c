"""The exploration notebook runs headless after a demo run, loading through the catalog."""

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import PROJECT_ROOT


@pytest.mark.e2e
def test_exploration_notebook_executes(demo_project):
    root = demo_project.root
    # kedro.ipython bootstraps the project it finds above the notebook, source included
    shutil.copytree(
        PROJECT_ROOT / "src",
        root / "src",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    notebook_path = shutil.copy(
        PROJECT_ROOT / "notebooks" / "exploration.ipynb", root / "exploration.ipynb"
    )
    notebook = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(root)}}
    )
    client.execute()
    outputs = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    ]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no figure was drawn"
