#!/usr/bin/env bash
# Installs what the hardening suite needs on a fresh machine: Chromium from Debian for the browser tests of the write
# guard. Playwright drives it through ExecutablePath; never run `playwright install` (it downloads its own browsers).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi
