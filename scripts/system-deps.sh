#!/usr/bin/env bash
# The system (Debian) packages hyoka needs on a developer's machine and in CI.
#
# Quiet and quick when everything is present. As root it installs what is missing
# (apt-get update once, then apt-get install -y); otherwise it prints the exact
# command to run and exits 1. Safe to run any number of times.
set -euo pipefail

# The package list. Later needs go here (fonts-noto-cjk for PDF output, chromium for browser
# tests, postgresql for the production database tests). Each is checked with `dpkg -s`,
# except the Python ones, which are checked by what they provide (see below).
PACKAGES="python3.11 python3.11-venv fonts-noto-cjk poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"

# The interpreter the Makefile will use: python3.11, or python3 when that is 3.11.
python311() {
    if command -v python3.11 >/dev/null 2>&1; then
        echo python3.11
    elif command -v python3 >/dev/null 2>&1 \
        && python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        echo python3
    else
        return 1
    fi
}

deb_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# A Python 3.11 that is not Debian's (pyenv, a source build, a container image) counts:
# it must run and be able to make a venv with pip. Debian's own /usr/bin/python3.11 lacks
# ensurepip's wheels until python3.11-venv is installed, so for it that package is checked.
present() {
    local py
    case "$1" in
        python3.11)
            py=$(python311) && "$py" -c 'import sys' 2>/dev/null
            ;;
        python3.11-venv)
            py=$(python311) || return 1
            "$py" -c 'import ensurepip, venv' 2>/dev/null || return 1
            if [ "$("$py" -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
                deb_installed python3.11-venv
            fi
            ;;
        *)
            deb_installed "$1"
            ;;
    esac
}

missing_packages() {
    local pkg missing=""
    for pkg in $PACKAGES; do
        present "$pkg" || missing="$missing $pkg"
    done
    echo "${missing# }"
}

missing=$(missing_packages)
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing system packages: $missing" >&2
    echo "system-deps: install them with:" >&2
    echo "    sudo apt-get install -y $missing" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: missing: $missing, and there is no apt-get here to install them" >&2
    exit 1
fi

echo "system-deps: installing $missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q </dev/null
# shellcheck disable=SC2086 # the list is split into words on purpose
apt-get install -y -q $missing </dev/null

still=$(missing_packages)
if [ -n "$still" ]; then
    echo "system-deps: still missing after apt-get install: $still" >&2
    exit 1
fi
