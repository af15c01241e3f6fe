"""Shared settings for tests that drive Debian's Chromium (never a downloaded browser).

The flags keep Chromium from contacting any host at start-up (this machine has
no network) and let it run as root in a container.
"""

from __future__ import annotations

import os
import shutil

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}


def find_chromium() -> str | None:
    """The browser to drive: $CHROMIUM if set (CI runners ship Chrome), else Debian's chromium."""
    env = os.environ.get("CHROMIUM")
    if env and os.access(env, os.X_OK):
        return env
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None
