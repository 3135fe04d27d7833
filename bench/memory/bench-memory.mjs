// Memory benchmark: compiles bench/memory/instances.ts with the real transformer
// and measures retained heap per instance (bench/memory/measure.mjs) in a child
// Node with --expose-gc. Target: a ready tagged instance keeps at most 16 bytes
// more than the same object built by the factory. Measured for ES2022 output (the
// state in a private field) and ES2017 output (the state in the shared WeakMap).
// Run alone: node bench/memory/bench-memory.mjs

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, format, ts } from "../../test/support/project.mjs";
import { fixed, median, table, verdict } from "../lib/stats.mjs";

const BENCH = new URL("..", import.meta.url).pathname;
export const TARGET_BYTES = 16;

const OUTPUTS = [
  { target: "ES2022", scope: "ES2022 and up", label: "ES2022 output: the state in a private field" },
  { target: "ES2017", scope: "below ES2022", label: "ES2017 output: the state in the shared WeakMap" },
];

export function runMemoryBench(options = {}) {
  const parts = OUTPUTS.map((output) => measureOutput(output, options));
  return { markdown: parts.map((p) => p.markdown).join("\n\n"), checks: parts.flatMap((p) => p.checks) };
}

function measureOutput({ target, scope, label }, { count = 100_000, repeats = 5, log = console.error }) {
  const dir = join(BENCH, ".work", `memory-${target.toLowerCase()}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const built = build(
    { "instances.ts": readFileSync(join(BENCH, "memory/instances.ts"), "utf8") },
    { dir, compilerOptions: { target, module: "nodenext", moduleResolution: "nodenext", removeComments: true } },
  );
  const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(`bench/memory/instances.ts does not compile:\n${format(errors)}`);
  log(`memory, ${label}: ${repeats} interleaved repeats × ${count.toLocaleString("en-US")} instances per phase, one process per phase…`);
  const file = join(built.outDir, "instances.js");
  const phases = ["factory, ready", "tagged, ready", "factory, disposed", "tagged, disposed", "tagged, constructed (never awaited)"];
  const samples = Object.fromEntries(phases.map((p) => [p, []]));
  const leftovers = Object.fromEntries(phases.map((p) => [p, []]));
  let node;
  for (let r = 0; r < repeats; r++) {
    for (const phase of phases) {
      const run = spawnSync(process.execPath, ["--expose-gc", join(BENCH, "memory/measure.mjs"), file, phase, String(count)], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`memory benchmark failed (${phase}):\n${run.stderr}`);
      const one = JSON.parse(run.stdout);
      node = one.node;
      samples[phase].push(one.bytesPerInstance);
      leftovers[phase].push(one.leftAfterDrop);
    }
  }
  const result = {
    node,
    count,
    bytesPerInstance: Object.fromEntries(phases.map((p) => [p, median(samples[p])])),
    leftAfterDrop: Object.fromEntries(phases.map((p) => [p, median(leftovers[p])])),
  };
  const bytes = result.bytesPerInstance;
  const pairs = [
    ["tagged, ready", "factory, ready", true],
    ["tagged, disposed", "factory, disposed", false],
    ["tagged, constructed (never awaited)", "factory, ready", false],
  ];
  const rows = Object.entries(bytes).map(([name, b]) => {
    const pair = pairs.find(([tagged]) => tagged === name);
    const left = `${fixed(result.leftAfterDrop[name] / 1024, 0)} KiB`;
    if (!pair) return [name, fixed(b, 1), "", "", left];
    const extra = b - bytes[pair[1]];
    return [
      name,
      fixed(b, 1),
      `${extra >= 0 ? "+" : ""}${fixed(extra, 1)} vs "${pair[1]}"`,
      pair[2] ? `≤ +${TARGET_BYTES}: ${verdict(extra <= TARGET_BYTES)}` : "(not a target)",
      left,
    ];
  });
  const extraReady = bytes["tagged, ready"] - bytes["factory, ready"];
  const markdown = [
    `### Retained heap per instance, ${label} (${result.node}, ${result.count.toLocaleString("en-US")} instances per phase, median of ${repeats} interleaved repeats, each phase in a fresh process, forced GC before and after)`,
    table(["instances kept", "bytes per instance", "difference", "target", "heap left once dropped"], rows),
    '"heap left once dropped": heapUsed after the instances were dropped and a full GC, minus heapUsed before they were built (what the plumbing keeps after the instances are gone, e.g. the grown WeakMap table).',
  ].join("\n\n");
  return { markdown, checks: [{ scope, what: `memory (${target}): tagged ready vs factory ready`, extra: extraReady, ok: extraReady <= TARGET_BYTES }] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(runMemoryBench().markdown);
}
