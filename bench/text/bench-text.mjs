// Text back end benchmark: the build-time API (dist/api.js `transform`, TypeScript in,
// TypeScript out, used by bundler plugins and the command line) on the build
// benchmark's generated 2,000-module project (bench/build/generate-project.mjs, same
// seed, same size), beside esbuild's own `transformSync(code, { loader: "ts" })` of the
// same files, by kind of file. The timing runs in a fresh process (bench/text/measure.mjs).
// Targets: a file with neither the tag nor `await using` costs at most 2% of esbuild's
// transform of it; a tagged file costs at most 3 ms.
// Run alone: node bench/text/bench-text.mjs [rounds]

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { generateProject } from "../build/generate-project.mjs";
import { fixed, spread, table, verdict } from "../lib/stats.mjs";

const BENCH = new URL("..", import.meta.url).pathname;
/** At most this share of esbuild's own transform of a file that needs nothing ("near zero"). */
export const TARGET_QUIET_RATIO = 0.02;
/** At most this many milliseconds per tagged file ("a few milliseconds at most"). */
export const TARGET_TAGGED_MS = 3;
const TARGET = "ES2022"; // the generated project's target

const LABELS = {
  neither: "neither the tag nor `await using`",
  "await using": "`await using`, no tag",
  tag: "an @asyncInit class",
};

/** "0.84 µs" below a millisecond, "1.55 ms" above. */
const duration = (ms) => (ms < 1 ? `${fixed(ms * 1000, 2)} µs` : `${fixed(ms, 2)} ms`);

export function runTextBench({ rounds = 7, minMs = 60, modules = 2000, log = console.error } = {}) {
  const dir = join(BENCH, ".work", "project-text");
  const stats = generateProject(dir, { modules });
  log(`text: dist/api.js transform beside esbuild transformSync, ${stats.modules} generated modules, ${rounds} interleaved rounds per kind of file…`);
  const run = spawnSync(process.execPath, [join(BENCH, "text/measure.mjs"), dir, String(rounds), String(minMs), TARGET], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  if (run.status !== 0) throw new Error(`text benchmark failed:\n${run.stderr}`);
  const result = JSON.parse(run.stdout);
  return format(result, stats, { rounds, minMs });
}

function format(result, stats, { rounds, minMs }) {
  const checks = [];
  const { neither, tag } = result.byKind;
  const quietOk = neither.ratio <= TARGET_QUIET_RATIO;
  const taggedOk = tag.transformCpuMs <= TARGET_TAGGED_MS;
  checks.push({
    what: "text back end: a file with neither the tag nor await using, vs esbuild",
    ratio: neither.ratio,
    wanted: TARGET_QUIET_RATIO,
    ok: quietOk,
  });
  checks.push({ what: "text back end: a tagged file", cpuMs: tag.transformCpuMs, wanted: TARGET_TAGGED_MS, ok: taggedOk });
  const targets = {
    neither: `≤ ${TARGET_QUIET_RATIO}× esbuild: ${verdict(quietOk)}`,
    "await using": "",
    tag: `≤ ${TARGET_TAGGED_MS} ms CPU per file: ${verdict(taggedOk)}`,
  };
  const rows = Object.entries(result.byKind).map(([kind, k]) => [
    `${LABELS[kind]} (${k.files} files)`,
    duration(k.transformMs),
    duration(k.transformCpuMs),
    duration(k.esbuildMs),
    `${fixed(k.ratio, k.ratio < 0.01 ? 4 : 2)}× (±${fixed(spread(k.ratios) * 100, 0)}%)`,
    targets[kind],
  ]);
  // The whole project: each kind's median time per file times its number of files.
  const total = (key) => Object.values(result.byKind).reduce((sum, k) => sum + k[key] * k.files, 0);
  const totalTransform = total("transformMs");
  const totalEsbuild = total("esbuildMs");
  rows.push([
    `whole project (${result.files} files)`,
    `${fixed(totalTransform, 0)} ms`,
    `${fixed(total("transformCpuMs"), 0)} ms`,
    `${fixed(totalEsbuild, 0)} ms`,
    `${fixed(totalTransform / totalEsbuild, 2)}×`,
    "",
  ]);

  const outcomes = Object.entries(result.byKind).map(([kind, k]) => {
    const o = k.outcome;
    const grew = o.outputBytes - o.inputBytes;
    return kind === "neither"
      ? `${o.files} files with neither came back untouched (\`code === input\`, \`map: null\`): ${o.unchanged} of ${o.files}`
      : `${LABELS[kind]}: ${o.rewritten} of ${o.files} rewritten, ${o.withPlumbing} with the plumbing, ${o.diagnostics} diagnostics, output ${grew >= 0 ? "+" : ""}${fixed(grew / 1024, 0)} KiB over the input`;
  });
  const markdown = [
    `### Text back end: \`transform(code, fileName, { target: "${TARGET}" })\` of dist/api.js beside esbuild ${result.esbuild} \`transformSync(code, { loader: "ts" })\`, ${stats.modules} generated modules (the build benchmark's project), by kind of file (${result.node})`,
    `Time per file, median of ${rounds} interleaved rounds; each round times a batch of each kind's files with each tool in turn (a batch repeats the files for at least ${minMs} ms). The ratio is the median of the per-round ratios of wall times (± quartile spread). esbuild's transformSync does its work in esbuild's own process, so it is compared by wall time; \`transform\` runs in the benchmark's process, whose CPU time is shown too (on a busy machine, the steadier number, and the one the tagged file's target is judged on).`,
    table(["files", "`transform` per file (wall)", "`transform` per file (CPU)", "esbuild per file (wall)", "transform / esbuild (wall)", "target"], rows),
    [
      `- Whole project: the sum over the kinds of the median time per file times the number of files.`,
      `- What \`transform\` did (checked before timing): ${outcomes.join("; ")}.`,
      `- The first call in a fresh process: \`transform\` of a tagged file ${fixed(result.cold.transformFirstTagged, 0)} ms (it loads TypeScript), esbuild's first \`transformSync\` ${fixed(result.cold.esbuildFirst, 0)} ms (it starts its service); neither is in the rows above.`,
    ].join("\n"),
  ].join("\n\n");
  return { markdown, checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rounds] = process.argv.slice(2).map(Number);
  console.log(runTextBench({ rounds: rounds || undefined }).markdown);
}
