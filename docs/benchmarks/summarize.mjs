#!/usr/bin/env node
// Prints a markdown table of peer-bench.mjs results, one row per JSON file given.
//
//   node docs/benchmarks/summarize.mjs ~/.cache/chunker/peer-results/*.json

import fs from 'node:fs';
import path from 'node:path';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: summarize.mjs RESULT.json...\n');
  process.exit(2);
}

const MIB = 1024 * 1024;
const rows = [[
  'corpus', 'peer', 'version', 'run', 'files', 'MiB', 'chunking s', 'chunk CPU s', 'MiB/s', 'files/s',
  'total s (with I/O)', 'total MiB/s', 'chunks', 'chunk bytes / bytes of files chunked', 'max chunk chars',
  'chunks > budget', 'files fully covered', 'files missing text', 'non-ws chars missing', 'errors',
]];
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const c = r.coverage;
  const succeeded = r.succeeded.files;
  rows.push([
    path.basename(r.corpus) + (r.filesLimit ? ` (first ${r.files})` : ''),
    r.peer,
    r.version,
    r.runLabel.replace(/^run /, ''),
    r.files,
    (r.bytes / MIB).toFixed(1),
    r.chunkSeconds.toFixed(2),
    r.chunkCpuSeconds.toFixed(2),
    r.mibPerSecond.toFixed(2),
    r.filesPerSecond.toFixed(0),
    r.totalSeconds.toFixed(2),
    r.totalMibPerSecond.toFixed(2),
    r.chunks,
    (r.chunkBytes / Math.max(1, r.succeeded.bytes)).toFixed(3),
    r.maxChunkChars,
    r.chunksOverBudget,
    `${c.filesExact} / ${succeeded}`,
    c.filesMissingText,
    `${c.missingNonWsChars} (${((100 * c.missingNonWsChars) / Math.max(1, c.fileNonWsChars)).toFixed(2)} %)`,
    r.errors,
  ]);
}
for (const [i, row] of rows.entries()) {
  process.stdout.write(`| ${row.join(' | ')} |\n`);
  if (i === 0) process.stdout.write(`|${row.map(() => '---').join('|')}|\n`);
}
