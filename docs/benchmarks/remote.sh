#!/usr/bin/env bash
# Remote partitioning against a local run, on one machine, in one sitting: a cold index of the same tree into a fresh
# PostgreSQL database (1) by a local job with 2 threads, (2) by a manager with two `chunker worker --threads 1`.
# Usage: docs/benchmarks/remote.sh TREE [OUT_DIR]   (PostgreSQL at 127.0.0.1:5432, RabbitMQ at 127.0.0.1:5672)
set -euo pipefail
tree=$(realpath "$1")
out=${2:-target/bench-remote}
mkdir -p "$out"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
chunker="$here/chunker"
export CHUNKER_SKIP_BUILD=${CHUNKER_SKIP_BUILD:-}
pg() { psql -h 127.0.0.1 -U postgres -d postgres -qAtc "$1"; }
fresh() { pg "DROP DATABASE IF EXISTS $1" >/dev/null; pg "CREATE DATABASE $1" >/dev/null; echo "jdbc:postgresql://127.0.0.1:5432/$1?user=postgres"; }
seconds() { python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$1" "$2"; }
queue="chunker.bench.$$"
config="$out/remote.yaml"
printf 'remote:\n  queue: %s\n  poll_interval_ms: 500\n' "$queue" > "$config"
"$chunker" languages > /dev/null   # builds once, outside the timings

local_db=$(fresh chunker_bench_local)
start=$(date +%s.%N)
"$chunker" index "$tree" --repo bench --db "$local_db" --threads 2 > "$out/local.txt"
local_s=$(seconds "$start" "$(date +%s.%N)")

remote_db=$(fresh chunker_bench_remote)
"$chunker" jobs --db "$remote_db" > /dev/null   # schema first, so the workers start on it
CHUNKER_SKIP_BUILD=1 "$chunker" worker --db "$remote_db" --threads 1 --config "$config" > "$out/worker-1.txt" 2>&1 &
w1=$!
CHUNKER_SKIP_BUILD=1 "$chunker" worker --db "$remote_db" --threads 1 --config "$config" > "$out/worker-2.txt" 2>&1 &
w2=$!
trap 'kill $w1 $w2 2>/dev/null || true' EXIT
until [ "$(psql -h 127.0.0.1 -U postgres -d chunker_bench_remote -qAtc 'SELECT COUNT(*) FROM remote_workers')" = 2 ]; do sleep 0.2; done
start=$(date +%s.%N)
CHUNKER_SKIP_BUILD=1 "$chunker" index "$tree" --repo bench --db "$remote_db" --remote --config "$config" > "$out/remote.txt"
remote_s=$(seconds "$start" "$(date +%s.%N)")
partitions=$(psql -h 127.0.0.1 -U postgres -d chunker_bench_remote -qAtc "SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE 'chunkFilesWorker:%'")
same=$(diff <(psql -h 127.0.0.1 -U postgres -d chunker_bench_local -qAtc "SELECT file_path, chunk_id FROM chunks ORDER BY 1, 2" | sha1sum) \
	<(psql -h 127.0.0.1 -U postgres -d chunker_bench_remote -qAtc "SELECT file_path, chunk_id FROM chunks ORDER BY 1, 2" | sha1sum) > /dev/null && echo true || echo false)
cat <<JSON | tee "$out/remote.json"
{"tree": "$tree", "commit": "$(git -C "$here" rev-parse --short HEAD)", "date": "$(date -u +%FT%TZ)",
 "local_2_threads_s": $local_s, "remote_2_workers_x_1_thread_s": $remote_s,
 "ratio_remote_over_local_throughput": $(python3 -c "print(round($local_s / $remote_s, 3))"),
 "partitions": $partitions, "same_chunks": $same}
JSON
