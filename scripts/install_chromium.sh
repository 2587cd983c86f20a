#!/usr/bin/env bash
# Install the system Chromium that the browser tests drive (tests/test_browser.py, test_binder.py).
# Playwright's own browser download is not needed (and not reachable offline): the tests point
# Playwright at /usr/bin/chromium. Debian: the `chromium` package. Run as root or with sudo.
# The test setup runs this script when /usr/bin/chromium is missing.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "Chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here. Install Chromium or Chrome with your package manager and point the tests" >&2
  echo "at it: DATAGEN_LAB_CHROMIUM=/path/to/chromium python3 course.py test" >&2
  exit 1
fi
if grep -qi ubuntu /etc/os-release 2>/dev/null; then
  # Ubuntu's chromium package is a wrapper around a snap, which does not run in containers.
  echo "On Ubuntu, install Google Chrome (or Debian's chromium) and set DATAGEN_LAB_CHROMIUM." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "Installing Chromium needs root: run  sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium
/usr/bin/chromium --version 2>/dev/null || true
