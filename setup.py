"""Build step: compile the cleaner (generator/clean.py) to a C extension with mypyc.

Everything else about the package is declared in pyproject.toml.  The
cleaner is the one stage whose speed is a target (it reads every line of
every article, see docs/decisions.md), and mypyc turns its type-annotated
Python into C without a second source to keep in step.  The extension is
optional: where it cannot be built (no C compiler, no Python headers, an
interpreter mypyc does not support) the install goes on and the same code
runs as plain Python.  ``EXPLAINER_PURE_PYTHON=1`` skips the compilation.

Next to the compiled module the build writes ``clean.source-sha256``, the
digest of the source it was compiled from.  ``generator/__init__.py``
compares it with the source on disk at import time and uses the source when
the two differ, so an edit to clean.py takes effect without recompiling.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

CLEANER = "generator/clean.py"
STAMP = "clean.source-sha256"  # = generator.NATIVE_STAMP


class BuildCleaner(build_ext):
    """build_ext that also records which source the compiled cleaner came from."""

    def run(self) -> None:
        super().run()
        digest = hashlib.sha256(Path(CLEANER).read_bytes()).hexdigest()
        target = Path(self.get_ext_fullpath("generator.clean"))
        if target.exists():
            (target.parent / STAMP).write_text(digest + "\n", encoding="ascii")
            # in-place (editable) builds leave the stamp in the source tree;
            # wheels need it listed among the built files
            self.stamp = str(target.parent / STAMP)

    def get_outputs(self) -> list[str]:
        outputs = super().get_outputs()
        stamp = getattr(self, "stamp", None)
        return outputs + [stamp] if stamp else outputs


# setuptools runs this file for each step of an install; these only write metadata
METADATA_ONLY = {"egg_info", "dist_info"}


def extensions() -> list:
    if os.environ.get("EXPLAINER_PURE_PYTHON", "") not in ("", "0"):
        return []
    commands = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    if commands and commands[0] in METADATA_ONLY:
        return []  # no need to type-check and translate the cleaner (~2.5 s) just for metadata
    try:
        from mypyc.build import mypycify
    except ImportError as exc:  # build requirements not installed (e.g. --no-build-isolation)
        print(f"generator/clean.py stays pure Python: mypyc unavailable ({exc})")
        return []
    try:
        exts = mypycify([CLEANER], opt_level="3", debug_level="0")
    except (Exception, SystemExit) as exc:  # mypyc exits when the type check fails
        print(f"generator/clean.py stays pure Python: mypyc could not compile it ({exc!r})")
        return []
    for ext in exts:
        ext.optional = True  # a failed compilation leaves the pure-Python module in use
    return exts


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildCleaner})
