#!/usr/bin/env bash
# The system (Debian) packages hyoka needs on a developer's machine and in CI.
#
#   scripts/system-deps.sh          what running hyoka needs (`make run`, `make install`)
#   scripts/system-deps.sh --test   that, and what the whole test suite needs (`make test`)
#
# Quiet and quick when everything is present. As root it installs what is missing
# (apt-get update once, then apt-get install -y). Otherwise it prints the exact command to run
# and exits 1 when a package for running is missing; a missing test-only package is a loud
# warning for a developer (the tests that need it do not run) and a failure in CI (CI=true).
# Safe to run any number of times.
set -euo pipefail

# What running needs: Python 3.11 and its venv, Japanese fonts and pango/harfbuzz for the PDF
# output (weasyprint), poppler-utils for PDF import. Each is checked with `dpkg -s`, except the
# Python ones, which are checked by what they provide (see below).
PACKAGES="python3.11 python3.11-venv fonts-noto-cjk poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
# What only the tests need: postgresql (the web tests run a second time on a throw-away
# PostgreSQL server, scripts/postgres-test.sh), chromium (the end-to-end tests drive
# /usr/bin/chromium through playwright; never `playwright install`), gettext (msgfmt, to check
# and compile the translations).
TEST_PACKAGES="postgresql chromium gettext"

with_test=false
case "${1:-}" in
"") ;;
--test) with_test=true ;;
*)
    echo "usage: $0 [--test]" >&2
    exit 2
    ;;
esac

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
    for pkg in "$@"; do
        present "$pkg" || missing="$missing $pkg"
    done
    echo "${missing# }"
}

# shellcheck disable=SC2086 # the lists are split into words on purpose
missing=$(missing_packages $PACKAGES)
# shellcheck disable=SC2086
missing_test=$([ "$with_test" = true ] && missing_packages $TEST_PACKAGES || true)
[ -z "$missing" ] && [ -z "$missing_test" ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    all=$(echo "$missing $missing_test" | xargs)
    if [ "$(id -u)" -ne 0 ]; then
        how="sudo apt-get install -y $all"
    else
        how="(there is no apt-get here) install: $all"
    fi
    if [ -n "$missing" ]; then
        echo "system-deps: missing system packages: $missing" >&2
        echo "system-deps: install them with:" >&2
        echo "    $how" >&2
        exit 1
    fi
    {
        echo
        echo "=================================================================================="
        echo "system-deps: missing the test-only packages: $missing_test"
        echo "system-deps: the tests that need them will not run. Install them with:"
        echo "    $how"
        echo "=================================================================================="
        echo
    } >&2
    if [ "${CI:-}" = true ]; then
        echo "system-deps: CI=true: every test must run; failing" >&2
        exit 1
    fi
    exit 0
fi

install=$(echo "$missing $missing_test" | xargs)
echo "system-deps: installing $install" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q </dev/null
# shellcheck disable=SC2086 # the list is split into words on purpose
apt-get install -y -q $install </dev/null

# shellcheck disable=SC2086
still=$(missing_packages $install)
if [ -n "$still" ]; then
    echo "system-deps: still missing after apt-get install: $still" >&2
    exit 1
fi
