#!/usr/bin/env bash
# Builds libtree-sitter-bundle.so: the tree-sitter core plus every grammar in
# grammars.lock, in one shared library that Java loads through FFM.
#
# Usage: build-natives.sh <cacheRoot> <outDir>
#   <cacheRoot>  reusable build cache, kept outside the repository; a finished
#                bundle lives in <cacheRoot>/<key>/, work dirs are temporary
#   <outDir>     receives libtree-sitter-bundle.so, its .sha256 and
#                grammars.properties (symbol -> npm package and version)
#
# Sources come only from `npm pack` with npm's own registry settings, and each
# tarball must match the sha256 pinned in grammars.lock. The output is meant to
# be byte-reproducible for a given lock, script, compiler and architecture.
set -euo pipefail
export LC_ALL=C # byte-order globbing/sorting, so link order never depends on the locale

if [ $# -ne 2 ]; then
  echo "usage: $0 <cacheRoot> <outDir>" >&2
  exit 2
fi

# --- prerequisites: one clear line for the first missing tool ---------------
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "chunker natives: '$1' not found; $2" >&2
  exit 1
}
need gcc "install a C compiler (e.g. apt-get install -y gcc)"
need npm "install Node.js and npm (e.g. apt-get install -y npm)"
need tar "install tar (e.g. apt-get install -y tar)"
need sha256sum "install GNU coreutils (e.g. apt-get install -y coreutils)"
need strip "install GNU binutils (e.g. apt-get install -y binutils)"
need nm "install GNU binutils (e.g. apt-get install -y binutils)"
need xargs "install GNU findutils (e.g. apt-get install -y findutils)"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lock="$here/grammars.lock"
self="$here/$(basename "${BASH_SOURCE[0]}")"
own="$here/chunker_walk.c" # the project's own native code, linked against the core's API
[ -f "$lock" ] || { echo "chunker natives: $lock not found" >&2; exit 1; }

# Absolute paths: we cd into the work dir later, and the work dir path is
# mapped away with -ffile-prefix-map, which needs the exact prefix.
mkdir -p "$1" "$2"
cache="$(cd "$1" && pwd)"
out="$(cd "$2" && pwd)"

BUNDLE=libtree-sitter-bundle.so
CFLAGS="-O2 -fPIC -std=c11 -g0 -fvisibility=hidden"
CORE_DEFS="-D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE" # as the core's own binding.gyp
LDFLAGS="-shared"

# --- read the lock -----------------------------------------------------------
specs=() shas=() dirss=() symss=()
while IFS='|' read -r spec sha dirs syms extra || [ -n "$spec" ]; do
  case "$spec" in '' | '#'*) continue ;; esac
  if [[ ! "$sha" =~ ^[0-9a-f]{64}$ || -z "$dirs" || -n "${extra:-}" || "${spec%@*}" == "" ]]; then
    echo "chunker natives: bad line in grammars.lock: $spec|$sha|$dirs|$syms" >&2
    exit 1
  fi
  specs+=("$spec") shas+=("$sha") dirss+=("$dirs") symss+=("$syms")
done <"$lock"

# Everything that can change the bytes of the bundle goes into the cache key.
# (The work dir path does not: -ffile-prefix-map removes it.)
key="$({
  cat "$lock"
  cat "$self"
  cat "$own"
  gcc --version | sed -n 1p
  uname -m
  echo "$CFLAGS | $CORE_DEFS | $LDFLAGS"
} | sha256sum | cut -c1-64)"
dest="$cache/$key"

if [ -f "$dest/$BUNDLE" ]; then
  echo "natives: cache hit $key"
else
  echo "natives: building $key (${#specs[@]} packages)"
  start=$SECONDS

  # Work dirs of builds that were killed (no trap runs on SIGKILL) pile up; drop old ones.
  find "$cache" -maxdepth 1 -name '.work.*' -type d -mmin +1440 -exec rm -rf {} + 2>/dev/null || true

  work="$(mktemp -d "$cache/.work.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  trap 'exit 130' INT # make the EXIT trap run on Ctrl-C / kill too
  trap 'exit 143' TERM
  mkdir -p "$work/tgz" "$work/src" "$work/obj" "$work/out"
  # Run npm from the empty work dir with --prefix on it, so no project .npmrc
  # (e.g. one in the repository) can change where packages come from.
  cd "$work"

  # Error output of npm can name the registry; hide URLs and host names.
  redact() { sed -E -e 's#[A-Za-z][A-Za-z0-9+.-]*://[^[:space:]"]*#<url>#g' \
    -e 's#(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT) [^[:space:],]+#\1 <host>#g' \
    -e 's#([A-Za-z0-9-]+\.){2,}[A-Za-z]{2,}#<host>#g'; }

  # --- fetch, verify, extract ------------------------------------------------
  # One npm process for all packages: npm's start-up dominates per-package calls.
  # --loglevel=error rather than --silent: quiet, yet a failure still says why.
  if ! npm pack "${specs[@]}" --loglevel=error --ignore-scripts --prefix "$work" \
    --pack-destination "$work/tgz" >"$work/npm.out" 2>"$work/npm.log"; then
    echo "chunker natives: 'npm pack' failed:" >&2
    redact <"$work/npm.log" | tail -n 20 >&2
    exit 1
  fi
  jobs="$work/jobs.tsv" # size<TAB>kind<TAB>source<TAB>object
  : >"$jobs"
  for i in "${!specs[@]}"; do
    spec="${specs[$i]}"
    name="${spec%@*}"
    id="${name#@}"
    id="${id//\//-}" # @scope/pkg -> scope-pkg: unique, filesystem-safe
    tgz="$work/tgz/$id-${spec##*@}.tgz" # npm's own tarball naming
    [ -f "$tgz" ] || { echo "chunker natives: npm pack gave no ${tgz##*/} for $spec" >&2; exit 1; }
    actual="$(sha256sum "$tgz" | cut -c1-64)"
    if [ "$actual" != "${shas[$i]}" ]; then
      echo "chunker natives: sha256 mismatch for $spec: lock has ${shas[$i]}, npm gave $actual" >&2
      exit 1
    fi
    mkdir "$work/src/$id"
    tar -xzf "$tgz" -C "$work/src/$id" --strip-components=1 --no-same-owner

    IFS=',' read -r -a dirs <<<"${dirss[$i]}"
    for d in "${dirs[@]}"; do
      if [ "$d" = CORE ]; then
        srcs=("$work/src/$id/vendor/tree-sitter/lib/src/lib.c") # amalgamation of the runtime
        kind=core
        core_include="$work/src/$id/vendor/tree-sitter/lib/include"
      else
        srcs=("$work/src/$id/$d/parser.c")
        [ -f "$work/src/$id/$d/scanner.c" ] && srcs+=("$work/src/$id/$d/scanner.c")
        kind=grammar
      fi
      for s in "${srcs[@]}"; do
        [ -f "$s" ] || { echo "chunker natives: $spec has no ${s#"$work/src/$id/"}" >&2; exit 1; }
        obj="$work/obj/${id}__${d//\//_}__$(basename "$s" .c).o"
        printf '%s\t%s\t%s\t%s\n' "$(stat -c %s "$s")" "$kind" "$s" "$obj" >>"$jobs"
      done
    done
  done

  [ -n "${core_include:-}" ] || { echo "chunker natives: grammars.lock names no CORE package" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$(stat -c %s "$own")" own "$own" "$work/obj/zz-chunker_walk.o" >>"$jobs"

  # --- compile in parallel ---------------------------------------------------
  # shellcheck disable=SC2086,SC2206 # the flag strings are meant to split into words
  compile_one() { # <core|grammar> <source> <object>
    local dir
    dir="$(dirname "$2")"
    local flags=(-I"$dir")
    # The core also needs its public headers and the POSIX feature macros.
    [ "$1" = core ] && flags+=(-I"$dir/../include" $NATIVES_CORE_DEFS)
    [ "$1" = own ] && flags=(-I"$NATIVES_CORE_INCLUDE")
    gcc $NATIVES_CFLAGS "-ffile-prefix-map=$NATIVES_WORK=." "${flags[@]}" -c "$2" -o "$3"
  }
  export -f compile_one
  export NATIVES_CFLAGS="$CFLAGS" NATIVES_CORE_DEFS="$CORE_DEFS" NATIVES_WORK="$work" NATIVES_CORE_INCLUDE="$core_include"
  # Biggest sources first: a few parser.c files dominate, so starting them
  # early keeps all cores busy until the end.
  sort -t $'\t' -k1,1nr "$jobs" | cut -f2- | tr '\t\n' '\0\0' |
    xargs -0 -n 3 -P "$(nproc)" bash -c 'compile_one "$@"' _

  # --- link, strip, check ----------------------------------------------------
  so="$work/out/$BUNDLE"
  gcc $LDFLAGS -o "$so" "$work"/obj/*.o # glob is sorted (LC_ALL=C): stable link order
  strip --strip-unneeded "$so"
  nm -D --defined-only "$so" | awk '{print $NF}' >"$work/exported"
  missing=()
  for sym in ts_parser_new chunker_walk $(printf '%s\n' "${symss[@]}" | tr ',' '\n'); do
    grep -Fxq "$sym" "$work/exported" || missing+=("$sym")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "chunker natives: $BUNDLE does not export: ${missing[*]}" >&2
    exit 1
  fi

  # Publish with one rename so readers never see a half-written cache entry.
  if ! mv -T "$work/out" "$dest" 2>/dev/null; then
    # A concurrent build may have won the race; its result is identical.
    [ -f "$dest/$BUNDLE" ] || { echo "chunker natives: could not move the build into $dest" >&2; exit 1; }
  fi
  cd /
  rm -rf "$work"
  trap - EXIT INT TERM
  echo "natives: built $key in $((SECONDS - start))s"
fi

# --- outputs (each written to a temp name, then renamed) ---------------------
cp "$dest/$BUNDLE" "$out/.$BUNDLE.tmp"
mv -f "$out/.$BUNDLE.tmp" "$out/$BUNDLE"

sha="$(sha256sum "$out/$BUNDLE" | cut -c1-64)"
printf '%s' "$sha" >"$out/.$BUNDLE.sha256.tmp"
mv -f "$out/.$BUNDLE.sha256.tmp" "$out/$BUNDLE.sha256"

# symbol -> npm package and version, so the Java side can name each grammar.
{
  echo "# Generated by build-natives.sh from grammars.lock; do not edit."
  for i in "${!specs[@]}"; do
    [ -n "${symss[$i]}" ] || continue
    IFS=',' read -r -a syms <<<"${symss[$i]}"
    for sym in "${syms[@]}"; do
      echo "$sym.package=${specs[$i]%@*}"
      echo "$sym.version=${specs[$i]##*@}"
    done
  done
} >"$out/.grammars.properties.tmp"
mv -f "$out/.grammars.properties.tmp" "$out/grammars.properties"

echo "natives: $out/$BUNDLE sha256 $sha"
