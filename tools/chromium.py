"""Debian's Chromium as the tests, the bench and `make pdf` start it (headless, as root, offline).

Without the background-networking switches Chromium keeps trying hosts this machine cannot reach.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
