#!/usr/bin/env bash
# Side-by-side benchmark of peer code chunkers on one corpus.
#
#   docs/benchmarks/peers.sh CORPUS_DIR [--files-limit N] [--peer llamaindex|chonkie]...
#                            [--repeat N] [--max-chars N] [--out DIR] [--install-only] [--no-recover]
#
# Installs pinned peer chunkers with npm into a scratch folder (PEERS_DIR, default
# ~/.cache/chunker/peers; nothing of theirs is kept in this repository), then runs peer-bench.mjs once
# per peer and repetition, sequentially, in one node process pinned to one CPU (PEERS_CPU, default the
# last one) with taskset when it exists. Each run prints a JSON object; peers.sh saves each to
# OUT/<corpus>[-first<N>]-<peer>-<run>.json (default OUT: ~/.cache/chunker/peer-results) and prints a summary line.
#
# Peers, at their defaults with a 1,500-character budget (--max-chars):
#   llamaindex  LlamaIndex.TS CodeSplitter (@llamaindex/node-parser) on the node tree-sitter binding
#               with the tree-sitter-java, tree-sitter-python and tree-sitter-c grammars
#   chonkie     @chonkiejs/core CodeChunker (character tokenizer); its default native backend fetches
#               grammars over the network at first use, so the bench falls back to the WebAssembly
#               language pack, passed through CodeChunker's documented `backend` option; that pack traps
#               on larger files and is then unusable, so the bench loads a fresh instance after each
#               trap (outside the timers) unless --no-recover is given
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS_DIR="${PEERS_DIR:-$HOME/.cache/chunker/peers}"
OUT="$HOME/.cache/chunker/peer-results"
FILES_LIMIT=0
REPEAT=1
MAX_CHARS=1500
INSTALL_ONLY=0
EXTRA=()
PEERS=()
CORPUS=""

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --files-limit) FILES_LIMIT="$2"; shift 2 ;;
    --peer) PEERS+=("$2"); shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --max-chars) MAX_CHARS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --install-only) INSTALL_ONLY=1; shift ;;
    --no-recover) EXTRA+=(--no-recover); shift ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) [[ -z "$CORPUS" ]] || usage; CORPUS="$1"; shift ;;
  esac
done
[[ ${#PEERS[@]} -gt 0 ]] || PEERS=(llamaindex chonkie)
[[ -n "$CORPUS" || "$INSTALL_ONLY" == 1 ]] || usage

command -v node >/dev/null || { echo "node is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is required" >&2; exit 1; }

# Exact versions of everything the peers load. tree-sitter-java 0.23.x declares an optional peer range
# of tree-sitter ^0.21.1 while @llamaindex/node-parser asks for ^0.22.0; the grammar's language ABI (14)
# is one tree-sitter 0.22 loads, so that folder is installed with --legacy-peer-deps.
# tree-sitter-python and tree-sitter-c stay on 0.23.6: their 0.25/0.24 releases target tree-sitter 0.25.
LLAMAINDEX_PACKAGES=(
  @llamaindex/node-parser@2.0.23
  @llamaindex/core@0.6.23
  @llamaindex/env@0.1.31
  tree-sitter@0.22.4
  tree-sitter-java@0.23.5
  tree-sitter-python@0.23.6
  tree-sitter-c@0.23.6
)
CHONKIE_PACKAGES=(
  @chonkiejs/core@0.0.11
  @chonkiejs/chunk@0.9.3
  @kreuzberg/tree-sitter-language-pack@1.10.9
  @kreuzberg/tree-sitter-language-pack-wasm@1.10.9
)

# install NAME NPM-FLAGS -- PACKAGES...: (re)installs when the pinned list changed.
install() {
  local name="$1"
  shift
  local flags=()
  while [[ "$1" != "--" ]]; do flags+=("$1"); shift; done
  shift
  local folder="$PEERS_DIR/$name"
  local wanted
  wanted="$(printf '%s\n' "$@")"
  if [[ -f "$folder/.installed" && "$(cat "$folder/.installed")" == "$wanted" && -d "$folder/node_modules" ]]; then
    return
  fi
  echo "installing $name peer into $folder" >&2
  rm -rf "$folder"
  mkdir -p "$folder"
  printf '{"name":"peer-%s","private":true}\n' "$name" > "$folder/package.json"
  (cd "$folder" && npm install --save-exact --no-audit --no-fund --loglevel=error "${flags[@]}" "$@" >&2)
  printf '%s\n' "$wanted" > "$folder/.installed"
}

for peer in "${PEERS[@]}"; do
  case "$peer" in
    llamaindex) install llamaindex --legacy-peer-deps -- "${LLAMAINDEX_PACKAGES[@]}" ;;
    chonkie) install chonkie -- "${CHONKIE_PACKAGES[@]}" ;;
    *) echo "unknown peer $peer" >&2; exit 2 ;;
  esac
done
[[ "$INSTALL_ONLY" == 0 ]] || exit 0

CORPUS="$(cd "$CORPUS" && pwd)"
mkdir -p "$OUT"
PIN=()
if command -v taskset >/dev/null; then
  PIN=(taskset -c "${PEERS_CPU:-$(( $(nproc) - 1 ))}")
fi

for ((run = 1; run <= REPEAT; run++)); do
  for peer in "${PEERS[@]}"; do
    subset=""
    [[ "$FILES_LIMIT" == 0 ]] || subset="-first$FILES_LIMIT"
    file="$OUT/$(basename "$CORPUS")$subset-$peer-$run.json"
    echo "$(date -u +%H:%M:%S) $peer on $(basename "$CORPUS"), run $run of $REPEAT, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    args=(--peer "$peer" --peers-dir "$PEERS_DIR" --corpus "$CORPUS" --max-chars "$MAX_CHARS" --run-label "run $run")
    [[ "$FILES_LIMIT" == 0 ]] || args+=(--files-limit "$FILES_LIMIT")
    args+=("${EXTRA[@]}")
    "${PIN[@]}" node "$HERE/peer-bench.mjs" "${args[@]}" > "$file"
    cat "$file"
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.error(`  ${r.peer} ${r.version}: ${r.files} files, ${(r.bytes / 1048576).toFixed(1)} MiB, ` +
        `chunking ${r.chunkSeconds} s (${r.mibPerSecond} MiB/s, ${r.filesPerSecond} files/s), total ${r.totalSeconds} s, ` +
        `${r.chunks} chunks, ${r.errors} errors, exact cover ${r.coverage.filesExact}/${r.files}`);
    ' "$file"
  done
done
