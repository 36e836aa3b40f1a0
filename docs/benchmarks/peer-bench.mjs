#!/usr/bin/env node
// Side-by-side benchmark driver for peer code chunkers (run by peers.sh, which installs the peers).
//
//   node peer-bench.mjs --peer llamaindex|chonkie|chunker --peers-dir DIR --corpus DIR
//                       [--files-limit N] [--max-chars 1500] [--run-label TEXT] [--no-recover]
//                       [--windows FILE]
//
// --peer chunker reads our own packed view instead of calling a library: the windows of
// `chunker export --view packed` (FILE, JSON lines) of an index of the same corpus, so that coverage,
// budget and doc attachment are measured for ours exactly as for the peers (its timers measure
// nothing; our throughput comes from `chunker bench`).
//
// Walks the corpus (sorted paths, so runs are comparable), reads each file, chunks it with the peer at
// its defaults and the given character budget, and prints one JSON object on stdout. Only the peer's
// chunk call is inside the chunking timer (wall clock, and the process CPU time spent in those calls);
// the total timer also covers the walk and the file reads, but not our own coverage checks, which are
// timed apart. Everything runs sequentially in this one process.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const EXTENSIONS = { '.java': 'java', '.py': 'python', '.h': 'c' };
const MIB = 1024 * 1024;

function parseArgs(argv) {
  const args = { filesLimit: 0, maxChars: 1500, runLabel: '', recover: true, windows: null };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${key} needs a value`);
      return argv[++i];
    };
    switch (key) {
      case '--peer': args.peer = value(); break;
      case '--peers-dir': args.peersDir = value(); break;
      case '--corpus': args.corpus = value(); break;
      case '--files-limit': args.filesLimit = Number.parseInt(value(), 10); break;
      case '--max-chars': args.maxChars = Number.parseInt(value(), 10); break;
      case '--run-label': args.runLabel = value(); break;
      case '--no-recover': args.recover = false; break;
      case '--windows': args.windows = value(); break;
      default: throw new Error(`unknown argument ${key}`);
    }
  }
  for (const required of ['peer', 'peersDir', 'corpus']) {
    if (!args[required]) throw new Error(`--${required.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} is required`);
  }
  return args;
}

function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && EXTENSIONS[path.extname(entry.name)]) out.push(full);
    }
  };
  walk(root);
  return out;
}

function installedVersion(req, name) {
  try {
    return JSON.parse(fs.readFileSync(req.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    // Packages whose "exports" hide package.json: find the folder through the module path.
    for (const base of req.resolve.paths(name) ?? []) {
      const file = path.join(base, name, 'package.json');
      if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).version;
    }
    return null;
  }
}

// ---- peers -------------------------------------------------------------------------------------

// LlamaIndex.TS CodeSplitter on the node tree-sitter binding. splitText(text) returns string[].
async function llamaindexPeer(peersDir, maxChars) {
  const root = path.join(peersDir, 'llamaindex');
  const req = createRequire(path.join(root, 'package.json'));
  const { CodeSplitter } = req('@llamaindex/node-parser/code');
  const Parser = req('tree-sitter');
  const grammars = { java: req('tree-sitter-java'), python: req('tree-sitter-python'), c: req('tree-sitter-c') };
  const splitters = {};
  for (const [language, grammar] of Object.entries(grammars)) {
    const parser = new Parser();
    parser.setLanguage(grammar);
    splitters[language] = new CodeSplitter({ getParser: () => parser, maxChars });
  }
  const versions = {};
  for (const name of ['@llamaindex/node-parser', '@llamaindex/core', '@llamaindex/env', 'tree-sitter',
    'tree-sitter-java', 'tree-sitter-python', 'tree-sitter-c']) {
    versions[name] = installedVersion(req, name);
  }
  return {
    peer: 'llamaindex',
    package: '@llamaindex/node-parser',
    api: `CodeSplitter({ getParser, maxChars: ${maxChars} }).splitText(text)`,
    parser: 'tree-sitter (node native binding, prebuilt linux-x64)',
    versions,
    notes: [],
    recover: null,
    chunk: (text, language) => splitters[language].splitText(text),
  };
}

// Our packed view, read from an export of an index of the same corpus (paths relative to the corpus).
async function chunkerPeer(peersDir, maxChars, recoverTraps, args) {
  if (!args.windows) throw new Error('--peer chunker needs --windows FILE (chunker export --view packed)');
  const byFile = new Map();
  let budget = null;
  for (const line of fs.readFileSync(args.windows, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const window = JSON.parse(line);
    budget = `${window.budget} ${window.unit}, ${window.algorithm}`;
    if (!byFile.has(window.file_path)) byFile.set(window.file_path, []);
    byFile.get(window.file_path)[window.window_index] = window.content;
  }
  return {
    peer: 'chunker',
    package: 'chunker packed view',
    api: `chunker export --view packed (${budget})`,
    parser: 'tree-sitter (jtreesitter, the native bundle)',
    versions: {},
    notes: ['windows read from an export: the timers measure nothing; see chunker bench for throughput'],
    recover: null,
    chunk: (text, language, relative) => byFile.get(relative) ?? [],
  };
}

// @chonkiejs/core CodeChunker. Its default backend is the native @kreuzberg/tree-sitter-language-pack,
// which downloads grammar libraries at first use; when that fails the documented `backend` option is
// used with the WebAssembly build of the same language pack, whose grammars are compiled in.
async function chonkiePeer(peersDir, maxChars, recoverTraps) {
  const root = path.join(peersDir, 'chonkie');
  const req = createRequire(path.join(root, 'package.json'));
  const core = await import(pathToFileURL(req.resolve('@chonkiejs/core')).href);
  const { CodeChunker } = core;
  const notes = [];
  const versions = {};
  for (const name of ['@chonkiejs/core', '@chonkiejs/chunk', '@kreuzberg/tree-sitter-language-pack',
    '@kreuzberg/tree-sitter-language-pack-linux-x64-gnu', '@kreuzberg/tree-sitter-language-pack-wasm']) {
    versions[name] = installedVersion(req, name);
  }
  const probe = 'class Probe { void f() { int x = 1; } }\n';
  let backendName = 'native (@kreuzberg/tree-sitter-language-pack, default)';
  let backend;
  let recover = null;
  try {
    const chunker = await CodeChunker.create({ chunkSize: maxChars, language: 'java' });
    chunker.chunk(probe);
  } catch (error) {
    notes.push(`default native backend failed: ${String(error.message).split('\n')[0]}`);
    // The WebAssembly pack has every CodeChunkerBackend method but downloadedLanguages (only used by
    // language auto-detection): its grammars are compiled in, so "downloaded" means "available".
    // After a WebAssembly trap its instance is left broken and every later call traps too, so unless
    // --no-recover is given the harness loads a fresh instance after each trap (reusing the compiled
    // module); that time is reported as recoverySeconds, outside both timers.
    const id = req.resolve('@kreuzberg/tree-sitter-language-pack-wasm');
    const OriginalModule = WebAssembly.Module;
    let compiled = null;
    const load = () => {
      delete req.cache[id];
      WebAssembly.Module = function CachedModule(bytes) {
        compiled ??= new OriginalModule(bytes);
        return compiled;
      };
      try {
        return req('@kreuzberg/tree-sitter-language-pack-wasm');
      } finally {
        WebAssembly.Module = OriginalModule;
      }
    };
    let wasm = load();
    backend = {
      hasLanguage: (name) => wasm.hasLanguage(name),
      detectLanguageFromContent: (content) => wasm.detectLanguageFromContent(content),
      downloadedLanguages: () => wasm.availableLanguages(),
      process: (source, config) => wasm.process(source, config),
    };
    if (recoverTraps) {
      recover = (error) => {
        if (!(error instanceof WebAssembly.RuntimeError)) return false;
        wasm = load();
        return true;
      };
    }
    backendName = 'wasm (@kreuzberg/tree-sitter-language-pack-wasm via the backend option)';
  }
  const chunkers = {};
  for (const language of ['java', 'python', 'c']) {
    chunkers[language] = await CodeChunker.create({ chunkSize: maxChars, language, backend });
  }
  return {
    peer: 'chonkie',
    package: '@chonkiejs/core',
    api: `CodeChunker.create({ chunkSize: ${maxChars}, language${backend ? ', backend' : ''} }).chunk(text)`,
    parser: backendName,
    versions,
    notes,
    recover,
    chunk: (text, language) => chunkers[language].chunk(text).map((c) => c.text),
  };
}

const PEERS = { llamaindex: llamaindexPeer, chonkie: chonkiePeer, chunker: chunkerPeer };

// ---- coverage ----------------------------------------------------------------------------------

const WHITESPACE = /\s+/g;

// Compares the chunks with the file, ignoring whitespace (both peers trim chunks): are all the
// file's non-whitespace characters in the chunks, in order, each exactly once?
function coverage(text, chunks) {
  const file = text.replace(WHITESPACE, '');
  let position = 0;
  let inOrder = true;
  let chunkNonWs = 0;
  for (const chunk of chunks) {
    const stripped = chunk.replace(WHITESPACE, '');
    chunkNonWs += stripped.length;
    if (stripped.length === 0) continue;
    const at = file.indexOf(stripped, position);
    if (at < 0) {
      inOrder = false;
      continue;
    }
    position = at + stripped.length;
  }
  return { fileNonWs: file.length, chunkNonWs, inOrder, exact: inOrder && chunkNonWs === file.length };
}

// ---- doc attachment ------------------------------------------------------------------------------

// Where each chunk lies among the file's non-whitespace characters, found as coverage() finds it:
// [start, end) in that stripped text, or null for a chunk not found in order.
function chunkSpans(strippedFile, chunks) {
  const spans = [];
  let position = 0;
  for (const chunk of chunks) {
    const stripped = chunk.replace(WHITESPACE, '');
    if (stripped.length === 0) { spans.push(null); continue; }
    const at = strippedFile.indexOf(stripped, position);
    if (at < 0) { spans.push(null); continue; }
    spans.push([at, at + stripped.length]);
    position = at + stripped.length;
  }
  return spans;
}

// The pairs (start of a doc comment or decorator, start of the declaration it belongs to) of a file, as
// offsets in its text; found by plain patterns, the same for every chunker measured:
//   java    a /** ... */ comment followed, after white space, by a declaration (an annotation or a word)
//   python  the first of a run of decorators and the def or class below; a def or class line and the
//           doc string that opens its body
const JAVADOC = /\/\*\*(?!\/)[\s\S]*?\*\/(?=\s*[@A-Za-z_])/g;
const DECORATED = /^([ \t]*)@[^\n]*\n(?:\1@[^\n]*\n)*\1(?:async[ \t]+)?(?:def|class)\b/gm;
const DOCSTRING = /^[ \t]*(?:async[ \t]+)?(?:def|class)\b[^\n]*:[ \t]*\n(?:[ \t]*\n)*[ \t]*[rRuU]?("""|\'\'\')/gm;

const DOC_NWS_LIMITS = [500, 1500];

function docPairs(text, language) {
  const pairs = [];
  if (language === 'java') {
    for (const m of text.matchAll(JAVADOC)) {
      const end = m.index + m[0].length;
      const declaration = end + (text.slice(end).match(/^\s*/)[0].length);
      pairs.push(['javadoc', m.index, declaration, end]);
    }
  }
  if (language === 'python') {
    for (const m of text.matchAll(DECORATED)) {
      const keyword = m.index + m[0].lastIndexOf(m[0].match(/(?:def|class)$/)[0]);
      pairs.push(['decorator', m.index + m[1].length, keyword]);
    }
    for (const m of text.matchAll(DOCSTRING)) {
      const keyword = m.index + m[0].search(/\S/);
      pairs.push(['docstring', keyword, m.index + m[0].length - m[1].length]);
    }
  }
  return pairs;
}

// For each doc comment or decorator: is its first character in the same chunk as its declaration's first?
// A chunker that drops either one counts as apart.
function attachment(text, language, chunks, counts) {
  const pairs = docPairs(text, language);
  if (pairs.length === 0) return;
  const nonWsBefore = new Int32Array(text.length + 1);
  let stripped = '';
  for (let i = 0; i < text.length; i++) {
    const ws = /\s/.test(text[i]);
    nonWsBefore[i + 1] = nonWsBefore[i] + (ws ? 0 : 1);
  }
  stripped = text.replace(WHITESPACE, '');
  const spans = chunkSpans(stripped, chunks);
  const chunkOf = (offset) => {
    const q = nonWsBefore[offset];
    for (let i = 0; i < spans.length; i++) {
      if (spans[i] && spans[i][0] <= q && q < spans[i][1]) return i;
    }
    return -1;
  };
  for (const [kind, doc, declaration, docEnd] of pairs) {
    const together = chunkOf(doc) >= 0 && chunkOf(doc) === chunkOf(declaration);
    const kinds = [kind];
    // Doc comments small enough for a window of these budgets to hold with their declaration's first line.
    for (const limit of DOC_NWS_LIMITS) {
      if (docEnd !== undefined && nonWsBefore[docEnd] - nonWsBefore[doc] <= limit) kinds.push(`${kind} <= ${limit} nws`);
    }
    for (const k of kinds) {
      const entry = (counts[k] ??= { total: 0, together: 0 });
      entry.total++;
      if (together) entry.together++;
    }
  }
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const corpus = path.resolve(args.corpus);
  const setupStart = process.hrtime.bigint();
  const peer = await PEERS[args.peer]?.(path.resolve(args.peersDir), args.maxChars, args.recover, args);
  if (!peer) throw new Error(`unknown peer ${args.peer}; one of ${Object.keys(PEERS).join(', ')}`);
  const setupSeconds = Number(process.hrtime.bigint() - setupStart) / 1e9;

  const totals = {
    files: 0, bytes: 0, chars: 0, chunks: 0, chunkChars: 0, chunkBytes: 0, maxChunkChars: 0,
    chunksOverBudget: 0, filesWithoutChunks: 0, filesExactCover: 0, filesMissingText: 0,
    filesDuplicatedText: 0, filesOutOfOrder: 0, missingNonWsChars: 0, duplicatedNonWsChars: 0,
    fileNonWsChars: 0, errors: 0, errorBytes: 0,
  };
  const byLanguage = {};
  const errorSamples = [];
  const errorFiles = [];
  const errorKinds = {};
  const coverageSamples = [];
  const attached = {};
  let chunkNanos = 0n;
  let failedChunkNanos = 0n;
  let chunkCpuMicros = 0;
  let analysisNanos = 0n;
  let recoveries = 0;
  let recoveryNanos = 0n;

  const totalStart = process.hrtime.bigint();
  let files = listFiles(corpus);
  const corpusFiles = files.length;
  if (args.filesLimit > 0) files = files.slice(0, args.filesLimit);

  for (const file of files) {
    const language = EXTENSIONS[path.extname(file)];
    const buffer = fs.readFileSync(file);
    const text = buffer.toString('utf8');
    totals.files++;
    totals.bytes += buffer.length;
    totals.chars += text.length;
    const lang = (byLanguage[language] ??= { files: 0, bytes: 0 });
    lang.files++;
    lang.bytes += buffer.length;

    let chunks;
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    try {
      chunks = peer.chunk(text, language, path.relative(corpus, file));
    } catch (error) {
      const elapsed = process.hrtime.bigint() - start;
      chunkNanos += elapsed;
      failedChunkNanos += elapsed;
      totals.errorBytes += buffer.length;
      const cpuAfter = process.cpuUsage(cpuBefore);
      chunkCpuMicros += cpuAfter.user + cpuAfter.system;
      totals.errors++;
      const message = String(error?.message ?? error).split('\n')[0];
      errorKinds[message] = (errorKinds[message] ?? 0) + 1;
      errorFiles.push(`${path.relative(corpus, file)} ${buffer.length}`);
      if (errorSamples.length < 10) errorSamples.push({ file: path.relative(corpus, file), bytes: buffer.length, message });
      if (peer.recover) {
        const recoveryStart = process.hrtime.bigint();
        if (peer.recover(error)) recoveries++;
        recoveryNanos += process.hrtime.bigint() - recoveryStart;
      }
      continue;
    }
    chunkNanos += process.hrtime.bigint() - start;
    const cpuAfter = process.cpuUsage(cpuBefore);
    chunkCpuMicros += cpuAfter.user + cpuAfter.system;

    // The checks below are ours, not the peer's: they are kept out of both timers.
    const analysisStart = process.hrtime.bigint();
    totals.chunks += chunks.length;
    if (chunks.length === 0) totals.filesWithoutChunks++;
    for (const chunk of chunks) {
      totals.chunkChars += chunk.length;
      totals.chunkBytes += Buffer.byteLength(chunk, 'utf8');
      if (chunk.length > totals.maxChunkChars) totals.maxChunkChars = chunk.length;
      if (chunk.length > args.maxChars) totals.chunksOverBudget++;
    }
    const cover = coverage(text, chunks);
    attachment(text, language, chunks, attached);
    totals.fileNonWsChars += cover.fileNonWs;
    if (cover.exact) totals.filesExactCover++;
    if (!cover.inOrder) totals.filesOutOfOrder++;
    if (cover.chunkNonWs < cover.fileNonWs) {
      totals.filesMissingText++;
      totals.missingNonWsChars += cover.fileNonWs - cover.chunkNonWs;
    } else if (cover.chunkNonWs > cover.fileNonWs) {
      totals.filesDuplicatedText++;
      totals.duplicatedNonWsChars += cover.chunkNonWs - cover.fileNonWs;
    }
    if (!cover.exact && coverageSamples.length < 10) {
      coverageSamples.push({ file: path.relative(corpus, file), fileNonWs: cover.fileNonWs, chunkNonWs: cover.chunkNonWs, inOrder: cover.inOrder });
    }
    analysisNanos += process.hrtime.bigint() - analysisStart;
  }
  const totalSeconds = Number(process.hrtime.bigint() - totalStart - analysisNanos - recoveryNanos) / 1e9;
  const chunkSeconds = Number(chunkNanos) / 1e9;
  const round = (x, digits = 3) => Number(x.toFixed(digits));

  const result = {
    peer: peer.peer,
    package: peer.package,
    version: peer.versions[peer.package],
    versions: peer.versions,
    api: peer.api,
    parser: peer.parser,
    notes: peer.notes,
    runLabel: args.runLabel,
    corpus,
    corpusFiles,
    filesLimit: args.filesLimit || null,
    maxChars: args.maxChars,
    files: totals.files,
    bytes: totals.bytes,
    chars: totals.chars,
    byLanguage,
    setupSeconds: round(setupSeconds),
    chunkSeconds: round(chunkSeconds),
    totalSeconds: round(totalSeconds),
    chunkCpuSeconds: round(chunkCpuMicros / 1e6),
    analysisSeconds: round(Number(analysisNanos) / 1e9),
    recoveries,
    recoverySeconds: round(Number(recoveryNanos) / 1e9),
    mibPerSecond: round(totals.bytes / MIB / chunkSeconds, 2),
    filesPerSecond: round(totals.files / chunkSeconds, 1),
    totalMibPerSecond: round(totals.bytes / MIB / totalSeconds, 2),
    totalFilesPerSecond: round(totals.files / totalSeconds, 1),
    succeeded: {
      files: totals.files - totals.errors,
      bytes: totals.bytes - totals.errorBytes,
      chunkSeconds: round(Number(chunkNanos - failedChunkNanos) / 1e9),
      mibPerSecond: round((totals.bytes - totals.errorBytes) / MIB / (Number(chunkNanos - failedChunkNanos) / 1e9), 2),
    },
    failedChunkSeconds: round(Number(failedChunkNanos) / 1e9),
    chunks: totals.chunks,
    chunkChars: totals.chunkChars,
    chunkBytes: totals.chunkBytes,
    chunkBytesPerFileByte: round(totals.chunkBytes / totals.bytes, 4),
    maxChunkChars: totals.maxChunkChars,
    chunksOverBudget: totals.chunksOverBudget,
    coverage: {
      rule: 'non-whitespace characters of the chunks, concatenated, against those of the file',
      filesExact: totals.filesExactCover,
      filesMissingText: totals.filesMissingText,
      filesDuplicatedText: totals.filesDuplicatedText,
      filesOutOfOrder: totals.filesOutOfOrder,
      filesWithoutChunks: totals.filesWithoutChunks,
      fileNonWsChars: totals.fileNonWsChars,
      missingNonWsChars: totals.missingNonWsChars,
      duplicatedNonWsChars: totals.duplicatedNonWsChars,
      samples: coverageSamples,
    },
    attachment: {
      rule: 'a doc comment (Java /** */), a decorator run or a def/class line with its doc string (Python) starts in the same chunk as its declaration',
      ...Object.fromEntries(Object.entries(attached).map(([kind, c]) => [kind,
        { total: c.total, together: c.together, percent: round(100 * c.together / c.total, 2) }])),
    },
    errors: totals.errors,
    errorFiles: errorFiles.length <= 500 ? errorFiles : errorFiles.slice(0, 500),
    errorKinds,
    errorSamples,
    environment: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpuModel: os.cpus()[0]?.model ?? null,
      cpus: os.cpus().length,
      date: new Date().toISOString(),
    },
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().catch((error) => {
  process.stderr.write(`peer-bench: ${error?.stack ?? error}\n`);
  process.exit(1);
});
