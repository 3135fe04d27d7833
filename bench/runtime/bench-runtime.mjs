// Runtime benchmark: compiles bench/runtime/cases.ts with the real transformer and
// runs it (bench/runtime/measure.mjs) on each runtime:
//   Node 20 with ES2022 output (`await using` lowered by TypeScript's helpers)
//   Node 24 with ESNext output (native `await using`), when test/runtimes has it
//   Node 20 with ES2017 output (the state in a WeakMap instead of a private field)
// Prints ops/sec, ratios against the hand-written factory, the targets, and the
// microtask turns of each kind of site. Run alone: node bench/runtime/bench-runtime.mjs

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, format, NODE_24, ts } from "../../test/support/project.mjs";
import { fixed, table, thousands, verdict } from "../lib/stats.mjs";

const BENCH = new URL("..", import.meta.url).pathname;

/** The targets of issue 4, against the factory: [no wait, one step]. */
export const TARGETS = { typed: { noWait: 0.5, oneStep: 0.9 }, dynamic: { noWait: 0.35, oneStep: 0.85 } };

/**
 * From ES2022 up a tagged class keeps each instance's state in a private field;
 * below ES2022 (no private fields without TypeScript's helpers) it stays in the
 * shared WeakMap, which is measured apart: `scope` groups the targets met.
 */
export const RUNTIMES = [
  { label: "Node 20, ES2022 output (await using lowered)", node: process.execPath, target: "ES2022", scope: "ES2022 and up" },
  { label: "Node 24, ESNext output (native await using)", node: NODE_24, target: "ESNext", scope: "ES2022 and up" },
  { label: "Node 20, ES2017 output (state in the shared WeakMap)", node: process.execPath, target: "ES2017", scope: "below ES2022" },
];

/** Compiles cases.ts for one target into bench/.work/runtime-<target> (or `dir`); returns the path of cases.js. */
export function compileCases(target, dir = join(BENCH, ".work", `runtime-${target.toLowerCase()}`)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const built = build(
    { "cases.ts": readFileSync(join(BENCH, "runtime/cases.ts"), "utf8") },
    { dir, compilerOptions: { target, module: "nodenext", moduleResolution: "nodenext", removeComments: true, experimentalDecorators: true, types: ["node"] } },
  );
  const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(`bench/runtime/cases.ts does not compile:\n${format(errors)}`);
  return join(built.outDir, "cases.js");
}

export function runRuntimeBench({ roundMs = 120, rounds = 12, log = console.error } = {}) {
  const sections = [];
  const checks = [];
  for (const runtime of RUNTIMES) {
    if (!existsSync(runtime.node)) {
      sections.push(`### ${runtime.label}\n\nskipped: ${runtime.node} is not installed (npm install runs scripts/install-test-runtimes.mjs).`);
      continue;
    }
    log(`runtime: ${runtime.label}: compiling and measuring (${rounds} rounds × ${roundMs} ms per case, one process per group)…`);
    const file = compileCases(runtime.target);
    const part = (name) => {
      const run = spawnSync(
        runtime.node,
        ["--unhandled-rejections=strict", "--expose-gc", join(BENCH, "runtime/measure.mjs"), file, name, String(roundMs), String(rounds)],
        {
          encoding: "utf8",
          maxBuffer: 64 * 2 ** 20,
        },
      );
      if (run.status !== 0) throw new Error(`runtime benchmark failed on ${runtime.label} (${name}):\n${run.stderr}`);
      return JSON.parse(run.stdout);
    };
    const result = { workloads: {} };
    for (const workload of ["noWait", "oneStep"]) {
      result.workloads[workload] = ["await", "await using"].flatMap((group) => part(`${workload}/${group}`).result);
    }
    const turns = part("turns");
    result.node = turns.node;
    result.turns = turns.result;
    result.afterBurst = part("burst").result;
    sections.push(formatRuntime(runtime, result, checks));
  }
  return { markdown: sections.join("\n\n"), checks };
}

function formatRuntime(runtime, result, checks) {
  const out = [`### ${runtime.label} (${result.node})`];
  for (const [workload, rows] of Object.entries(result.workloads)) {
    const ops = new Map(rows.map((r) => [r.name, r.opsPerSec]));
    const libraryOf = (row) => rows.find((r) => r.group === row.group && r.name.startsWith("@matrixai"));
    const cells = rows.map((row) => {
      let target = "";
      if (row.site) {
        const wanted = TARGETS[row.site][workload];
        const library = libraryOf(row);
        const ok = row.ratio >= wanted;
        const beatsLibrary = row.opsPerSec > library.opsPerSec;
        target = `≥ ${wanted}×: ${verdict(ok)}; vs library ${fixed(row.opsPerSec / library.opsPerSec)}×: ${verdict(beatsLibrary)}`;
        checks.push({
          scope: runtime.scope,
          what: `${runtime.target} ${workload} ${row.name}`,
          ratio: row.ratio,
          wanted,
          ok,
          vsLibrary: row.opsPerSec / library.opsPerSec,
          beatsLibrary,
        });
      }
      return [row.name, thousands(ops.get(row.name)), row.ratio === undefined ? "1 (baseline)" : `${fixed(row.ratio)}×`, target];
    });
    out.push(`#### ${workload === "noWait" ? "init with no real waiting" : "init with one setImmediate"}`);
    out.push(table(["case", "ops/sec (median)", "ratio vs factory (median of per-round ratios)", "target"], cells));
  }
  const { fresh, after } = result.afterBurst;
  out.push("#### a typed await after 100,000 instances were disposed at once and collected (init with no real waiting)");
  out.push(
    table(
      ["when", "factory ops/sec", "tagged `await new Foo()` ops/sec", "ratio"],
      [
        ["fresh process", thousands(fresh[0].opsPerSec), thousands(fresh[1].opsPerSec), `${fixed(fresh[1].ratio)}×`],
        ["after the burst, same process", thousands(after[0].opsPerSec), thousands(after[1].opsPerSec), `${fixed(after[1].ratio)}×`],
      ],
    ),
  );
  out.push("#### microtask turns before the await resumes (init with no real waiting)");
  out.push(
    "Counted by a microtask that requeues itself while the operation is pending (the reference rows show what a plain `await` counts). `await using` rows count the whole block: entry, body and disposal.",
  );
  out.push(
    table(
      ["site", "turns"],
      Object.entries(result.turns).map(([name, turns]) => [name, String(turns)]),
    ),
  );
  return out.join("\n\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { markdown } = runRuntimeBench();
  console.log(markdown);
}
