#!/usr/bin/env bash
# One entry point for people and CI: sets up what the program needs, then runs it.
#   bash run.sh demo    the program against the embedded demo server
#   bash run.sh test    lint, type check and the whole test suite
#   bash run.sh bundle  the PyInstaller one-folder bundle (dist/estate-call)
#   bash run.sh bench   the benchmarks under tests/perf (figures printed)
#   bash run.sh screenshots  regenerate the committed pictures in resources/screenshots
set -euo pipefail
cd "$(dirname "$0")"

VENV=${ESTATE_VENV:-.venv}
LOCK=resources/requirements/dev.lock

need_sudo() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

system_packages() {
    # Qt's xcb/offscreen platforms need these shared libraries; the CJK font makes
    # Chinese readable. Only Debian/Ubuntu are handled here; elsewhere, nothing to do.
    [ "$(uname -s)" = Linux ] && command -v dpkg-query >/dev/null || return 0
    local wanted=(libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3
                  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
                  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
                  fonts-noto-cjk xvfb xauth)
    local missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing system packages: ${missing[*]}"
        need_sudo apt-get update -qq
        need_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

python_env() {
    local py=${PYTHON:-python3}
    if [ ! -x "$VENV/bin/python" ]; then
        "$py" -m venv "$VENV" 2>/dev/null || {
            need_sudo apt-get update -qq && need_sudo apt-get install -y -qq python3-venv >/dev/null
            "$py" -m venv "$VENV"
        }
    fi
    local stamp="$VENV/.lock-stamp"
    if [ ! -f "$stamp" ] || ! cmp -s "$LOCK" "$stamp"; then
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$LOCK"
        cp "$LOCK" "$stamp"
    fi
}

cmd=${1:-}
shift || true
case "$cmd" in
    demo)
        system_packages; python_env
        "$VENV/bin/python" -m desktop_app.i18n_build
        exec "$VENV/bin/python" main.py --demo "$@" ;;
    test)
        system_packages; python_env
        "$VENV/bin/ruff" check .
        "$VENV/bin/mypy" desktop_app main.py
        "$VENV/bin/python" -m desktop_app.i18n_build
        exec "$VENV/bin/python" -m pytest -p no:cacheprovider "$@" ;;
    bundle)
        system_packages; python_env
        "$VENV/bin/python" -m desktop_app.i18n_build
        exec "$VENV/bin/python" resources/packaging/build.py "$@" ;;
    bench)
        system_packages; python_env
        ESTATE_BENCH=1 exec "$VENV/bin/python" -m pytest -p no:cacheprovider tests/perf -s -q -o testpaths=tests/perf "$@" ;;
    screenshots)
        # The tests marked `screenshots` write into resources/screenshots instead of the
        # git-ignored tests/output/screenshots; a missing CJK font fails them. Under Xvfb
        # (a real X server, as on an agent's PC) when it is installed, else offscreen.
        system_packages; python_env
        "$VENV/bin/python" -m desktop_app.i18n_build
        export ESTATE_SCREENSHOTS="$PWD/resources/screenshots"
        shots=("$VENV/bin/python" -m pytest -p no:cacheprovider -q -m screenshots tests/gui "$@")
        if command -v xvfb-run >/dev/null; then
            ESTATE_TEST_QPA=xcb exec xvfb-run -a -s "-screen 0 1920x1080x24" "${shots[@]}"
        fi
        echo "xvfb-run not found: rendering offscreen" >&2
        exec "${shots[@]}" ;;
    *)
        echo "usage: bash run.sh demo|test|bundle|bench|screenshots [args…]" >&2; exit 2 ;;
esac
