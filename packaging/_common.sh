# Sourced by the packaging scripts (create, build, run, package): where things
# are, and which Python builds. Not a command of its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
APP=geodl-app
# Both may be pointed elsewhere (the tests build into a temporary folder).
DIST_DIR="$(realpath -m "${DIST_DIR:-$ROOT/dist}")"
BUILD_DIR="$(realpath -m "${BUILD_DIR:-$ROOT/build}")"
BUNDLE="$DIST_DIR/$APP"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 2; }

# Prints the Python that builds. $PYTHON if set (it needs the app's dependencies,
# PyInstaller and build: `pip install -e '.[package]'`); otherwise a virtualenv in
# $BUILD_DIR/venv, made on first use and refreshed when pyproject.toml changes.
build_python() {
  if [ -n "${PYTHON:-}" ]; then
    printf '%s\n' "$PYTHON"
    return
  fi
  local venv="$BUILD_DIR/venv"
  local stamp="$venv/.geodl-installed"
  if [ ! -x "$venv/bin/python" ]; then
    command -v python3 >/dev/null || die "python3 not found (Debian: apt-get install python3 python3-venv)"
    log "making a build virtualenv in $venv"
    python3 -m venv "$venv" >&2 || die "cannot make a virtualenv (Debian: apt-get install python3-venv)"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    log "installing the app, PyInstaller and build into $venv (from PyPI)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[package]" >&2
    touch "$stamp"
  fi
  printf '%s\n' "$venv/bin/python"
}
