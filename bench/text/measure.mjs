// Times the text back end (dist/api.js `transform`) beside esbuild's own transform of
// the same files, one kind of file at a time, and prints JSON.
//
//   node measure.mjs <project dir> [rounds] [minMs] [target]
//
// Kinds (what the API's quick test sees in a file's text):
//   neither      neither `@asyncInit` nor `await using`: returned untouched before any parse
//   await using  `await using` but no tag
//   tag          an `@asyncInit` class
//
// Every round times, for each kind, a batch of that kind's files with each tool in
// turn (which tool goes first alternates by round); a batch repeats the kind's files
// until at least minMs have passed, so the quick path of the API is timed over many
// calls, never one call against the clock. Per round and tool: the wall time per file.
// Wall time for the comparison: esbuild's transformSync does its work in esbuild's own
// process. Reported: per kind and tool, the median over rounds of the wall time per file,
// the median of the per-round ratios transform / esbuild, and for `transform` (which
// runs in this process only) the CPU time per file too, the steadier number on a busy machine.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const ROOT = new URL("../..", import.meta.url).pathname;
const [dir, roundsArg = "7", minMsArg = "60", target = "ES2022"] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const MIN_MS = Number(minMsArg);

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const kindOf = (text) => (text.includes("@asyncInit") ? "tag" : text.includes("await using") ? "await using" : "neither");
const src = join(dir, "src");
const files = readdirSync(src, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => ({ fileName: join(src, f), code: readFileSync(join(src, f), "utf8") }));
const kinds = { neither: [], "await using": [], tag: [] };
for (const file of files) kinds[kindOf(file.code)].push(file);

// The first call of each in this fresh process: `transform` loads TypeScript on its first
// file that needs a parse; esbuild starts its service on its first call.
const first = (fn) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const { transform } = require(join(ROOT, "dist/api.js"));
const esbuild = require("esbuild");
const cold = {
  transformFirstTagged: first(() => transform(kinds.tag[0].code, kinds.tag[0].fileName, { target })),
  esbuildFirst: first(() => esbuild.transformSync(kinds.tag[0].code, { loader: "ts" })),
};

const tools = {
  transform: (file) => transform(file.code, file.fileName, { target }),
  esbuild: (file) => esbuild.transformSync(file.code, { loader: "ts" }),
};

// What the API did with each file, checked once, so that no row times a no-op (or a file
// the API should not have touched): the quick path must hand back the input itself.
const outcome = {};
for (const [kind, list] of Object.entries(kinds)) {
  const o = (outcome[kind] = {
    files: list.length,
    unchanged: 0,
    rewritten: 0,
    withPlumbing: 0,
    diagnostics: 0,
    inputBytes: 0,
    outputBytes: 0,
    esbuildBytes: 0,
  });
  for (const file of list) {
    const out = tools.transform(file);
    if (out.code === file.code && out.map === null) o.unchanged++;
    else o.rewritten++;
    if (out.code.includes("asyncInit_1")) o.withPlumbing++;
    o.diagnostics += out.diagnostics.length;
    o.inputBytes += file.code.length;
    o.outputBytes += out.code.length;
    o.esbuildBytes += tools.esbuild(file).code.length;
  }
}
if (outcome.neither.rewritten) throw new Error(`${outcome.neither.rewritten} files with neither the tag nor await using came back changed`);

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Wall (and this process's CPU) milliseconds per file for one tool over one kind's files, repeated for at least MIN_MS. */
function batch(tool, list) {
  let calls = 0;
  const start = performance.now();
  const startCpu = cpuMs();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    for (const file of list) tool(file);
    calls += list.length;
    elapsed = performance.now() - start;
  }
  return { wall: elapsed / calls, cpu: (cpuMs() - startCpu) / calls };
}

// Warm-up: a batch of each (compiled code, caches).
for (const list of Object.values(kinds)) for (const tool of Object.values(tools)) batch(tool, list);

const samples = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, { transform: [], transformCpu: [], esbuild: [], ratio: [] }]));
const names = Object.keys(tools);
for (let round = 0; round < ROUNDS; round++) {
  for (const [kind, list] of Object.entries(kinds)) {
    const thisRound = {};
    for (const name of round % 2 ? [...names].reverse() : names) thisRound[name] = batch(tools[name], list);
    samples[kind].transform.push(thisRound.transform.wall);
    samples[kind].transformCpu.push(thisRound.transform.cpu);
    samples[kind].esbuild.push(thisRound.esbuild.wall);
    samples[kind].ratio.push(thisRound.transform.wall / thisRound.esbuild.wall);
  }
}

const byKind = Object.fromEntries(
  Object.entries(samples).map(([kind, s]) => [
    kind,
    {
      files: kinds[kind].length,
      transformMs: median(s.transform),
      transformCpuMs: median(s.transformCpu),
      esbuildMs: median(s.esbuild),
      ratio: median(s.ratio),
      ratios: s.ratio,
      outcome: outcome[kind],
    },
  ]),
);
process.stdout.write(JSON.stringify({ node: process.version, esbuild: esbuild.version, files: files.length, cold, byKind }));
