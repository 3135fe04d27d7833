// `npm run bench`: runs the benchmarks of issues 4, 10 and 11 and writes bench/RESULTS.md.
//   build       the plugin's build overhead on a generated 2,000-module project (bench/build/)
//   runtime     ops/sec of tagged classes vs a hand-written factory and @matrixai/async-init (bench/runtime/)
//   memory      retained heap per instance (bench/memory/)
//   text        the text back end (dist/api.js transform) per kind of file, beside esbuild's transform (bench/text/)
//   no-checker  run-time cost of `await using` compiled without a checker (bench/no-checker/)
//   bundlers    `vite build` and esbuild of the build part's project, with and without the plugin (bench/bundlers/)
//
//   node bench/run.mjs [build|runtime|memory|text|no-checker|bundlers …] [--quick] [--no-write]
//
// --quick runs fewer and shorter rounds (a smoke test of the benchmarks, not numbers to publish;
// it does not write RESULTS.md).
// Needs `npm run build` first (the benchmarks compile their programs with dist/).

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { machine, table } from "./lib/stats.mjs";

const BENCH = new URL(".", import.meta.url).pathname;
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const selected = args.filter((a) => !a.startsWith("--"));
const wanted = (name) => selected.length === 0 || selected.includes(name);

if (!existsSync(join(BENCH, "../dist/index.js"))) {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(1);
}

const PARTS = ["build", "runtime", "memory", "text", "no-checker", "bundlers"];
const unknown = selected.filter((name) => !PARTS.includes(name));
if (unknown.length) {
  console.error(`unknown part: ${unknown.join(", ")} (the parts: ${PARTS.join(", ")})`);
  process.exit(1);
}

const started = Date.now();
const sections = [];
const checks = [];
const log = (line) => console.error(line);
/** Logs how long a part took (stderr only). */
const timed = (name, since) => log(`${name}: done in ${Math.round((Date.now() - since) / 1000)} s`);

if (wanted("build")) {
  const partStarted = Date.now();
  const { runBuildBench } = await import("./build/bench-build.mjs");
  const result = runBuildBench(quick ? { rounds: 1, modules: 300, log } : { log });
  sections.push(`## 1. Build overhead\n\n${result.markdown}`);
  checks.push(...result.checks);
  timed("build", partStarted);
}
if (wanted("runtime")) {
  const partStarted = Date.now();
  const { runRuntimeBench } = await import("./runtime/bench-runtime.mjs");
  const result = runRuntimeBench(quick ? { roundMs: 30, rounds: 3, log } : { log });
  sections.push(`## 2. Runtime\n\n${result.markdown}`);
  checks.push(...result.checks);
  timed("runtime", partStarted);
}
if (wanted("memory")) {
  const partStarted = Date.now();
  const { runMemoryBench } = await import("./memory/bench-memory.mjs");
  const result = runMemoryBench(quick ? { count: 20_000, repeats: 1, log } : { log });
  sections.push(`## 3. Memory\n\n${result.markdown}`);
  checks.push(...result.checks);
  timed("memory", partStarted);
}
if (wanted("text")) {
  const partStarted = Date.now();
  const { runTextBench } = await import("./text/bench-text.mjs");
  const result = runTextBench(quick ? { rounds: 2, minMs: 20, log } : { log });
  sections.push(`## 4. Text back end\n\n${result.markdown}`);
  checks.push(...result.checks);
  timed("text", partStarted);
}
if (wanted("no-checker")) {
  const partStarted = Date.now();
  const { runNoCheckerBench } = await import("./no-checker/bench-no-checker.mjs");
  const result = runNoCheckerBench(quick ? { roundMs: 30, rounds: 3, repeats: 2, log } : { log });
  sections.push(`## 5. \`await using\` without a checker\n\n${result.markdown}`);
  checks.push(...result.checks);
  timed("no-checker", partStarted);
}
if (wanted("bundlers")) {
  const partStarted = Date.now();
  const { runBundlersBench } = await import("./bundlers/bench-bundlers.mjs");
  const result = runBundlersBench(quick ? { rounds: 1, modules: 300, log } : { log });
  sections.push(`## 6. Bundlers\n\n${result.markdown}`);
  checks.push(...result.checks);
  timed("bundlers", partStarted);
}

const m = machine();
/** The commit measured, and whether transformer/ had uncommitted changes (dist/ is built from the work tree). */
function revision() {
  try {
    const git = (...a) => execFileSync("git", a, { cwd: join(BENCH, ".."), encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--", "transformer");
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " + uncommitted changes in transformer/" : ""}`;
  } catch {
    return "unknown";
  }
}
const header = [
  "# Benchmark results",
  "",
  "Written by `npm run bench` (bench/run.mjs); every ratio below was measured side by side in one run.",
  "",
  table(
    ["machine", ""],
    [
      ["nproc", m.nproc],
      ["CPU model", m.model],
      ["memory", m.memory],
      ["node", m.node],
      ["platform", m.platform],
      ["date", new Date().toISOString().slice(0, 10)],
      ["transformer measured", revision()],
      ["run time", `${Math.round((Date.now() - started) / 1000)} s${quick ? " (--quick: smoke test, not numbers to publish)" : ""}`],
    ],
  ),
  "",
  targetsMet(checks),
].join("\n");
/**
 * "Targets: 20 of 27 met (3 not measured). Run time and memory, by output: ES2022 and up 19 of 19; below ES2022 1 of 7."
 * A target that could not be measured counts as not met.
 */
function targetsMet(all) {
  const count = (list) => `${list.filter((c) => c.ok).length} of ${list.length}`;
  const unmeasured = all.filter((c) => c.unmeasured).length;
  const scopes = [...new Set(all.map((c) => c.scope).filter(Boolean))];
  const byScope = scopes.map((scope) => `${scope} ${count(all.filter((c) => c.scope === scope))}`).join("; ");
  return `Targets: ${count(all)} met${unmeasured ? ` (${unmeasured} not measured)` : ""}.${byScope ? ` Run time and memory, by output: ${byScope}.` : ""}`;
}
const report = `${header}\n\n${sections.join("\n\n")}\n`;
console.log(report);
if (!quick && !args.includes("--no-write")) {
  // Keep the hand-written analysis that follows the notes marker in the previous RESULTS.md.
  const MARKER = "<!-- notes -->";
  const previous = existsSync(join(BENCH, "RESULTS.md")) ? readFileSync(join(BENCH, "RESULTS.md"), "utf8") : "";
  const notes = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : "";
  writeFileSync(join(BENCH, "RESULTS.md"), notes ? `${report}\n${notes}` : report);
  console.error(`written: bench/RESULTS.md`);
}
