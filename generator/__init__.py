"""The explainer-site generator: raw articles in, an explainer website out.

One module per pipeline stage (see README.md, "How the pipeline works").

The cleaner (``generator.clean``) may be installed twice: as its Python
source, and compiled to a C extension by the build (setup.py).  Python
imports the compiled one when both exist.  Here, before anything imports
the cleaner, the source is chosen instead when

* ``EXPLAINER_PURE_PYTHON`` is set to anything but ``0`` (to compare the
  two, or to rule the compiled one out), or
* the source changed since it was compiled (the digest the build wrote
  next to the extension differs): an edit to clean.py then takes effect at
  once, without recompiling; ``pip install -e .`` (or ``make``) recompiles.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

NATIVE_STAMP = "clean.source-sha256"  # written by setup.py next to the compiled cleaner


def _compiled_exists(package_dir: Path) -> bool:
    return any((package_dir / f"clean{suffix}").exists() for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def compiled_cleaner_is_current(package_dir: Path) -> bool:
    """True when ``package_dir`` holds a compiled cleaner built from the clean.py beside it."""
    if not _compiled_exists(package_dir):
        return False
    try:
        stamp = (package_dir / NATIVE_STAMP).read_text(encoding="ascii").strip()
        source = (package_dir / "clean.py").read_bytes()
    except OSError:
        return False
    return stamp == hashlib.sha256(source).hexdigest()


def _wants_pure_python() -> bool:
    return os.environ.get("EXPLAINER_PURE_PYTHON", "") not in ("", "0")


class _CleanerSource:
    """Import hook that loads ``generator.clean`` from its source file (see the module doc)."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def find_spec(self, name: str, path: object = None, target: object = None):
        if name != __name__ + ".clean":
            return None
        return importlib.util.spec_from_file_location(name, self.source)


def cleaner_source(name: str = __name__ + "._clean_source"):
    """generator/clean.py run as plain Python, as module ``name``, whichever build ``generator.clean`` is.

    For comparing the two builds (tests, benchmarks/extraction.py); loaded
    once per name.
    """
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "clean.py")
        assert spec is not None and spec.loader is not None  # a .py path always has both
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _choose_cleaner() -> None:
    here = Path(__file__).resolve().parent
    if not _compiled_exists(here):
        return  # only the source: nothing to choose
    if _wants_pure_python() or not compiled_cleaner_is_current(here):
        sys.meta_path.insert(0, _CleanerSource(here / "clean.py"))


_choose_cleaner()
