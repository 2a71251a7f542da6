"""The project's shape: layers hold, style holds, and the wheel carries resources/ to users."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_import_linter_contracts_hold():
    proc = subprocess.run(
        [str(BIN / "lint-imports"), "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "BROKEN" not in proc.stdout


def test_ruff_is_clean():
    proc = subprocess.run(
        [str(BIN / "ruff"), "check", "annotator", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_tree_is_formatted():
    proc = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "annotator", "tests", "benchmarks", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_built_wheel_carries_resources_and_sample_texts(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for res in (ROOT / "resources").rglob("*"):
        if res.is_file():
            assert f"annotator/resources/{res.relative_to(ROOT / 'resources').as_posix()}" in names, res
    assert "annotator/resources/codebook.json" in names
    assert "annotator/resources/legal_dict.txt" in names
    assert "annotator/resources/legal/jieba_legal.txt" in names
    assert "annotator/resources/legal/statutes.tsv" in names
    assert any(n.startswith("annotator/resources/sample_texts/") and n.endswith(".txt") for n in names)
    assert "annotator/cli/__init__.py" in names
    # The installed package finds its resources inside itself.
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    code = (
        "import annotator.core.paths as p; r = p.resources_dir(); "
        "print(r); assert (r / 'codebook.json').is_file()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert str(target) in proc.stdout
