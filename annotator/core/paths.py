"""Where the application finds its resources and keeps user files."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "judgment-annotator"


@cache
def resources_dir() -> Path:
    """The `resources/` folder: inside the installed package (wheel), else at the source checkout's top."""
    here = Path(__file__).resolve().parent.parent  # annotator/
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "codebook.json").is_file():
            return candidate
    raise FileNotFoundError(f"resources folder not found next to {here}")


def resource(name: str) -> Path:
    return resources_dir() / name


def sample_texts_dir() -> Path:
    """Sample texts ship inside resources/ for installed copies; a checkout also has sample_texts/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "sample_texts", resources_dir() / "sample_texts"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("sample_texts folder not found")


def user_data_dir() -> Path:
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    override = os.environ.get("ANNOTATOR_CACHE_DIR")
    path = Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    override = os.environ.get("ANNOTATOR_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
