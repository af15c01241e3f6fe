"""Every stage module imports without MkDocs; only the plugin adapter needs it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import generator

REPO = Path(__file__).resolve().parent.parent


def test_stage_modules_import_without_mkdocs():
    names = sorted(
        m.name for m in pkgutil.walk_packages(generator.__path__, "generator.") if m.name != "generator.plugin"
    )
    assert {"generator.read", "generator.clean", "generator.describe", "generator.ingest", "generator.content",
            "generator.analyse", "generator.render", "generator.cli", "generator.pipeline"} <= set(names)
    # A meta-path finder that refuses mkdocs: any import of it fails loudly.
    code = (
        "import sys, importlib\n"
        "class NoMkDocs:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'mkdocs' or name.startswith('mkdocs.'):\n"
        "            raise ImportError('mkdocs imported by ' + repr(name))\n"
        "sys.meta_path.insert(0, NoMkDocs())\n"
        f"for n in {names!r}:\n"
        "    importlib.import_module(n)\n"
        "print('ok', len(sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")


def test_the_plugin_is_registered_as_an_entry_point():
    from importlib.metadata import entry_points

    eps = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert eps.get("explainer") == "generator.plugin:ExplainerPlugin"
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("explainer") == "generator.cli:main"
