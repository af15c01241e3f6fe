"""The compiled cleaner (setup.py) and its Python source decide every line alike.

``generator.clean`` is compiled by mypyc when the package is installed; the
source is used instead when the environment asks for it or when the source
changed after the compilation (``generator/__init__.py``).  These tests pin
both halves: the two builds agree line for line (decision, reason, heading,
text, language) on every project input and on generated pages, and the
choice between them follows the rules.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator
import generator.clean as active

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _source_module():
    """generator/clean.py loaded as a module of its own (always the Python source)."""
    return generator.cleaner_source("generator._clean_source_for_tests")


def _verdicts(module, text: str):
    result = module.clean(text)
    return result.language, [(d.number, d.text, d.kept, d.reason, d.heading) for d in result.lines]


def _inputs() -> list[Path]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    files += sorted(p for p in (FIXTURES / "clean").rglob("*.txt") if not p.name.endswith(".gold.txt"))
    files += sorted((FIXTURES / "hostile").rglob("*.txt"))
    return files


needs_compiled = pytest.mark.skipif(
    not active.COMPILED,
    reason="the cleaner runs from its source here (not compiled, or EXPLAINER_PURE_PYTHON set, or edited since)",
)


def test_source_module_is_the_source():
    assert _source_module().COMPILED is False
    assert _source_module().__file__.endswith("clean.py")


@needs_compiled
def test_compiled_and_source_agree_on_project_inputs():
    source = _source_module()
    files = _inputs()
    assert len(files) >= 20
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")  # some hostile inputs are not UTF-8
        assert _verdicts(active, text) == _verdicts(source, text), path.name


_LINE = st.one_of(
    st.sampled_from([
        "Skip to content", "Share this article", "Home | News | Space", "Posted by admin",
        "Source: Xinhua, 2024-05-03", "Advertisement", "Read more", "© 2024 Example Media",
        "Member", "Joined: Jan 2020", "Similar threads", "",
        "The mission launched on 3 May 2024 and reached lunar orbit five days later.",
        "Китай планирует построить лунную станцию к 2035 году вместе с партнёрами.",
        "중국은 2030년까지 유인 달 착륙을 목표로 하고 있다고 밝혔다.",
        "嫦娥六号于2024年5月3日发射。", "Incredible images of Mars 0:47However, the rover kept driving for months.",
    ]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=120),
)


@needs_compiled
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, min_size=0, max_size=40), st.booleans())
def test_compiled_and_source_agree_on_generated_pages(lines, header):
    text = ("date 2024-05-03 " if header else "") + "\n".join(lines)
    assert _verdicts(active, text) == _verdicts(_source_module(), text)


def _fake_extension(folder: Path) -> Path:
    """A file where Python looks for the compiled cleaner; importing it would fail."""
    path = folder / f"clean{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    path.write_bytes(b"not a shared library")
    return path


def test_current_only_with_matching_stamp(tmp_path):
    (tmp_path / "clean.py").write_text("X = 1\n", encoding="utf-8")
    assert not generator.compiled_cleaner_is_current(tmp_path)  # no extension
    _fake_extension(tmp_path)
    assert not generator.compiled_cleaner_is_current(tmp_path)  # no stamp
    digest = hashlib.sha256(b"X = 1\n").hexdigest()
    (tmp_path / generator.NATIVE_STAMP).write_text(digest + "\n", encoding="ascii")
    assert generator.compiled_cleaner_is_current(tmp_path)
    (tmp_path / "clean.py").write_text("X = 2\n", encoding="utf-8")  # edited after compiling
    assert not generator.compiled_cleaner_is_current(tmp_path)


def _copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "generator"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", generator.NATIVE_STAMP))
    return tmp_path


def _import_in(root: Path, env_extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k != "EXPLAINER_PURE_PYTHON"}
    env.update(env_extra)
    env["PYTHONPATH"] = str(root)
    code = (
        "import generator.clean as c\n"
        "r = c.clean('Skip to content\\nThe lander touched down near the south pole on 2 June 2024, the agency said.')\n"
        "print(c.COMPILED, c.__file__.endswith('clean.py'), [d.kept for d in r.lines])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_stale_or_unstamped_extension_is_never_imported(tmp_path):
    # an extension without a stamp that matches clean.py: the source is used
    # (importing the fake extension would raise)
    root = _copy_package(tmp_path)
    _fake_extension(root / "generator")
    assert _import_in(root, {}) == "False True [False, True]"
    (root / "generator" / generator.NATIVE_STAMP).write_text("0" * 64 + "\n", encoding="ascii")
    assert _import_in(root, {}) == "False True [False, True]"


def test_pure_python_switch(tmp_path):
    root = _copy_package(tmp_path)
    extension = _fake_extension(root / "generator")
    digest = hashlib.sha256((root / "generator" / "clean.py").read_bytes()).hexdigest()
    (root / "generator" / generator.NATIVE_STAMP).write_text(digest + "\n", encoding="ascii")
    # stamp matches: Python would load the (fake) extension unless told not to
    assert _import_in(root, {"EXPLAINER_PURE_PYTHON": "1"}) == "False True [False, True]"
    # "0" (or unset) with a current stamp: Python goes for the extension
    # (here a fake one, so the import fails), the source is not forced
    for value in ("0", ""):
        with pytest.raises(subprocess.CalledProcessError) as failed:
            _import_in(root, {"EXPLAINER_PURE_PYTHON": value})
        assert "ImportError" in failed.value.stderr
    extension.unlink()
    assert _import_in(root, {}) == "False True [False, True]"


def test_cleaner_is_compiled_where_required():
    """With EXPLAINER_REQUIRE_COMPILED=1 (set by .ci/run) a build that fell back to the source fails.

    The install keeps going when the compilation fails (pip hides the
    message), so without this a type error would only show as a slower cleaner.
    """
    if os.environ.get("EXPLAINER_REQUIRE_COMPILED", "") in ("", "0"):
        pytest.skip("EXPLAINER_REQUIRE_COMPILED is not set")
    assert active.COMPILED, (
        "generator.clean runs from its source: the install could not compile it "
        "(see `pip install -v -e .`), or EXPLAINER_PURE_PYTHON is set, or clean.py changed since"
    )


def test_cleaner_type_checks():
    """setup.py can only compile a cleaner that mypy accepts; a type error would leave it slow.

    Checked as mypyc checks it: the modules clean.py imports (the package's
    ``__init__``, ``model``) must type-check too.
    """
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--python-version", "3.11",
         "--cache-dir=/dev/null", "--ignore-missing-imports", str(PACKAGE / "clean.py")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
