#!/usr/bin/env bash
# Prepares real-code benchmark corpora that nobody on this project wrote.
#
#   docs/benchmarks/prepare-corpora.sh [DIR]        (default: ~/.cache/chunker/corpora)
#
# Corpora (one folder each under DIR):
#   jdk        every .java file of the JDK's lib/src.zip (about 15,000 files, 238 MB)
#   java.base  the java.base module of the same src.zip (about 3,400 files, 50 MB)
#   python     the .py files of the Python 3.11 standard library in /usr/lib/python3.11,
#              without site-packages, dist-packages and __pycache__
#   c-headers  the .h files under /usr/include
#   polyglot   up to 120 files per language: the pinned third-party code the ctags oracle tests fetch
#              (src/test/corpora/prepare-corpora.sh, run first when needed: Go, Rust, C, JavaScript,
#              TypeScript, Lua, Haskell, Perl, OCaml, Elm, R, PowerShell, Markdown, CSS, Make,
#              Objective-C, Vue, Svelte), Python and Java from the sources above, and the shell scripts,
#              YAML, TOML and HTML files under /usr/share and /usr/lib; for `chunker bench --per-language`
#   huge       one generated Python file of 1,000,000 small functions (about 108 MB) for the streaming
#              path; the only corpus made here rather than taken from the machine
#
# Idempotent: a corpus whose folder already holds a .prepared marker is left alone. Each corpus is
# built in a temporary folder and renamed into place only when complete, so an interrupted run
# leaves nothing half-made behind. Remove DIR/NAME to rebuild one corpus.
#
# Sources can be overridden: JDK_SRC_ZIP (default /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip),
# PYTHON_LIB (default /usr/lib/python3.11), C_INCLUDE (default /usr/include).
set -euo pipefail

DIR="${1:-$HOME/.cache/chunker/corpora}"
JDK_SRC_ZIP="${JDK_SRC_ZIP:-/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip}"
PYTHON_LIB="${PYTHON_LIB:-/usr/lib/python3.11}"
C_INCLUDE="${C_INCLUDE:-/usr/include}"

mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

IN_PROGRESS=""
trap '[[ -n "$IN_PROGRESS" ]] && rm -rf "$IN_PROGRESS"' EXIT

log() { printf '%s\n' "$*" >&2; }

# Writes the marker with the source, file count and byte count of a finished corpus folder.
mark() {
  local folder="$1" source="$2"
  local files bytes
  files=$(find "$folder" -type f ! -name '.prepared' | wc -l)
  bytes=$(find "$folder" -type f ! -name '.prepared' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  printf 'source=%s\nfiles=%s\nbytes=%s\nprepared=%s\n' \
    "$source" "$files" "$bytes" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$folder/.prepared"
}

# prepare NAME SOURCE FUNCTION: runs FUNCTION TMPDIR to fill a temporary folder, then moves it in place.
prepare() {
  local name="$1" source="$2" fill="$3"
  local target="$DIR/$name"
  if [[ -f "$target/.prepared" ]]; then
    log "$name: already prepared ($(grep -E '^(files|bytes)=' "$target/.prepared" | tr '\n' ' '))"
    return
  fi
  if [[ ! -e "$source" ]]; then
    log "$name: skipped, source $source does not exist"
    return
  fi
  IN_PROGRESS="$DIR/.$name.tmp.$$"
  rm -rf "$IN_PROGRESS"
  mkdir -p "$IN_PROGRESS"
  "$fill" "$IN_PROGRESS" "$source"
  mark "$IN_PROGRESS" "$source"
  rm -rf "$target"
  mv "$IN_PROGRESS" "$target"
  IN_PROGRESS=""
  log "$name: prepared ($(grep -E '^(files|bytes)=' "$target/.prepared" | tr '\n' ' '))"
}

fill_jdk() {
  # unzip's * matches across '/', so this takes every .java file of every module.
  unzip -q "$2" '*.java' -d "$1"
}

fill_java_base() {
  unzip -q "$2" 'java.base/*.java' -d "$1"
}

# copy_tree DEST SRC FIND-ARGS...: copies the files find selects, keeping their relative paths.
copy_tree() {
  local dest="$1" src="$2"
  shift 2
  (cd "$src" && find . "$@" -print0 | tar --null --no-recursion -T - -cf -) | tar -xf - -C "$dest"
}

fill_python() {
  copy_tree "$1" "$2" \( -name site-packages -o -name dist-packages -o -name __pycache__ \) -prune \
    -o -type f -name '*.py'
}

fill_c_headers() {
  copy_tree "$1" "$2" -type f -name '*.h'
}

# One file over 100 MB: function i has a docstring-free two-line body, so each is one chunk.
fill_huge() {
  python3 - "$1/huge.py" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write('"""Generated for the streaming benchmark: 1,000,000 small functions."""\n\n')
    for i in range(1_000_000):
        out.write(f"def function_{i}(value, other=None, *, scale=1):\n    return (value or {i}) * scale + len(str(other))\n\n\n")
PY
}

# copy_first DEST SRC N FIND-ARGS...: copies the first N files (by path) that find selects under SRC.
copy_first() {
  local dest="$1" src="$2" n="$3" list
  shift 3
  list="$(mktemp)"
  (cd "$src" && find . "$@" -print0 2>/dev/null | sort -z >"$list") || true
  # a list, not a pipe into head: head's early exit would fail the pipeline under pipefail
  head -z -n "$n" "$list" | (cd "$src" && tar --null --no-recursion -T - -cf -) | tar -xf - -C "$dest"
  rm -f "$list"
}

fill_polyglot() {
  local lang
  for lang in go rust c javascript typescript lua haskell perl ocaml elm r powershell markdown css make objc vue svelte; do
    if [[ -d "$DIR/$lang" ]]; then
      mkdir -p "$1/$lang"
      copy_first "$1/$lang" "$DIR/$lang" 120 -type f ! -name '.*'
    fi
  done
  mkdir -p "$1/python" "$1/java" "$1/shell" "$1/yaml" "$1/toml" "$1/html"
  copy_first "$1/python" "$PYTHON_LIB" 120 \( -name site-packages -o -name dist-packages -o -name __pycache__ \) -prune -o -type f -name '*.py'
  unzip -q "$JDK_SRC_ZIP" 'java.base/java/util/*.java' -d "$1/java"
  find "$1/java" -type f | sort >"$1/.java-files"
  tail -n +121 "$1/.java-files" | xargs -r rm -f
  rm -f "$1/.java-files"
  local root
  for root in /usr/share /usr/lib; do
    copy_first "$1/shell" "$root" 60 -type f -name '*.sh'
    copy_first "$1/yaml" "$root" 60 -type f \( -name '*.yml' -o -name '*.yaml' \)
    copy_first "$1/toml" "$root" 60 -type f -name '*.toml'
    copy_first "$1/html" "$root" 60 -type f -name '*.html'
  done
}

command -v unzip >/dev/null || { log "unzip is required (apt-get install unzip)"; exit 1; }

prepare jdk "$JDK_SRC_ZIP" fill_jdk
prepare java.base "$JDK_SRC_ZIP" fill_java_base
prepare python "$PYTHON_LIB" fill_python
prepare c-headers "$C_INCLUDE" fill_c_headers
if [[ ! -f "$DIR/polyglot/.prepared" ]]; then
  "$(dirname "$0")/../../src/test/corpora/prepare-corpora.sh" "$DIR"
fi
prepare polyglot "$DIR" fill_polyglot
prepare huge "$(command -v python3)" fill_huge

log "corpora in $DIR"
