"""Debian's Chromium for the web chat test: installed with apt when it is missing (idempotent).

``make test`` on a fresh CI machine (Debian, root) installs it once; a machine without apt or
without root skips the browser test with the reason. Playwright drives that Chromium
(``executable_path``); ``playwright install`` (a browser download) is never used.
The colour emoji font is installed alongside when possible, so the page looks as it should.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
PACKAGES = ("chromium",)
NICE_TO_HAVE = ("fonts-noto-color-emoji",)
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
APT_TIMEOUT = 900


class BrowserUnavailable(Exception):
    """Chromium is missing and cannot be installed here (the reason is the message)."""


def find_chromium() -> str | None:
    for path in CHROMIUM_CANDIDATES:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    return None


def _installed(package: str) -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and "install ok installed" in result.stdout


def _apt_install(packages: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        capture_output=True,
        text=True,
        env=env,
        timeout=APT_TIMEOUT,
        check=False,
    )


def _apt_update() -> None:
    subprocess.run(
        ["apt-get", "update", "-q"],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        timeout=APT_TIMEOUT,
        check=False,
    )


def ensure_chromium() -> str:
    """The path of Chromium, installing Debian's package first if needed."""
    path = find_chromium()
    can_apt = shutil.which("apt-get") is not None and shutil.which("dpkg-query") is not None
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if path is not None:
        if can_apt and root:
            missing = [p for p in NICE_TO_HAVE if not _installed(p)]
            if missing and _apt_install(missing).returncode != 0:
                _apt_update()
                _apt_install(missing)  # only for looks: its failure is not the test's
        return path
    if not can_apt:
        raise BrowserUnavailable("Chromium is not installed and there is no apt-get to install it")
    if not root:
        raise BrowserUnavailable(
            "Chromium is not installed and apt-get needs root (run: apt-get install chromium)"
        )
    wanted = [*PACKAGES, *NICE_TO_HAVE]
    result = _apt_install(wanted)
    if result.returncode != 0:  # a fresh machine has no package lists yet
        _apt_update()
        result = _apt_install(wanted)
        if result.returncode != 0:
            result = _apt_install(list(PACKAGES))
    path = find_chromium()
    if path is None:
        raise RuntimeError(
            f"apt-get install chromium failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    return path
