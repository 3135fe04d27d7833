// No-checker benchmark: what `await using` costs at run time when the file was compiled
// without a type checker (ts.transpileModule with the plugin, as bundlers and
// transpile-only loaders do). Without a checker every `await using` value is tested
// when it runs:
//
//     const x_1 = e;
//     await using x = asyncInit_1.pending(x_1) ? await asyncInit_1.ready(x_1) : x_1;
//
// Two measurements, on each runtime of the runtime benchmark (bench/runtime):
//   tagged     bench/runtime/cases.ts compiled with a checker (today's typed site) and
//              through transpileModule with the plugin (no checker); `await using` of a
//              tagged instance at each, beside the hand-written factory of the typed build.
//              Targets, as for the typed site: ≥ 0.5× the factory with no real waiting in
//              init, ≥ 0.9× with one step.
//   untagged   bench/no-checker/untagged.ts (`await using` of an untagged disposable)
//              compiled with no plugin, again with no plugin (an identical copy: the noise
//              between two identical builds), and with the plugin and no checker.
//              Target: no measurable cost, i.e. the median ratio is within the noise
//              (at least the lower quartile of the identical copy's per-round ratios).
// Every part runs in its own process (bench/no-checker/measure.mjs); the untagged one in
// several (4 by default, half the rounds each), pooled, since it looks for a few percent.
// Run alone: node bench/no-checker/bench-no-checker.mjs

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ts } from "../../test/support/project.mjs";
import { fixed, median, spread, table, thousands, verdict } from "../lib/stats.mjs";
import { compileCases, RUNTIMES, TARGETS } from "../runtime/bench-runtime.mjs";

const require = createRequire(import.meta.url);
const BENCH = new URL("..", import.meta.url).pathname;
const ROOT = join(BENCH, "..");

/** Sorted copy; the value at quantile p (nearest rank below). */
const quantile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

/** ts.transpileModule with ES modules, as the typed build's options, with the plugin (no checker) or none. */
function transpile(text, fileName, target, plugin) {
  const diagnostics = [];
  const before = plugin ? [require(join(ROOT, "dist/index.js"))(undefined, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) })] : [];
  const out = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget[target], module: ts.ModuleKind.ESNext, removeComments: true, experimentalDecorators: true },
    transformers: { before },
  });
  const errors = [...(out.diagnostics ?? []), ...diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(`${fileName} does not transpile:\n${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n")}`);
  return out.outputText;
}

/** Compiles everything one runtime needs into bench/.work/no-checker-<target>; returns that folder. */
export function compileNoChecker(target) {
  const dir = join(BENCH, ".work", `no-checker-${target.toLowerCase()}`);
  rmSync(dir, { recursive: true, force: true });
  compileCases(target, join(dir, "typed"));
  const write = (file, text) => {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const module = JSON.stringify({ type: "module" });
  const cases = transpile(readFileSync(join(BENCH, "runtime/cases.ts"), "utf8"), "cases.ts", target, true);
  if (!cases.includes("asyncInit_1.pending("))
    throw new Error("cases.ts through transpileModule: no run-time test of the await using values (asyncInit_1.pending) in the output");
  write("transpiled/package.json", module);
  write("transpiled/cases.js", cases);
  const untagged = readFileSync(join(BENCH, "no-checker/untagged.ts"), "utf8");
  const tested = transpile(untagged, "untagged.ts", target, true);
  if (!tested.includes("asyncInit_1.pending(")) throw new Error("untagged.ts through transpileModule: no run-time test (asyncInit_1.pending) in the output");
  const none = transpile(untagged, "untagged.ts", target, false);
  write("untagged/package.json", module);
  write("untagged/plain.js", transpile(readFileSync(join(BENCH, "no-checker/plain.ts"), "utf8"), "plain.ts", target, false));
  write("untagged/none.js", none);
  write("untagged/none-copy.js", none);
  write("untagged/plugin.js", tested);
  return dir;
}

export function runNoCheckerBench({ roundMs = 120, rounds = 12, repeats = 4, log = console.error } = {}) {
  const sections = [];
  const checks = [];
  for (const runtime of RUNTIMES) {
    if (!existsSync(runtime.node)) {
      sections.push(`### ${runtime.label}\n\nskipped: ${runtime.node} is not installed (npm install runs scripts/install-test-runtimes.mjs).`);
      continue;
    }
    log(`no-checker: ${runtime.label}: compiling with and without a checker, measuring (${rounds} rounds × ${roundMs} ms per case, one process per part)…`);
    const dir = compileNoChecker(runtime.target);
    const part = (name, partRounds = rounds) => {
      const run = spawnSync(
        runtime.node,
        ["--unhandled-rejections=strict", "--expose-gc", join(BENCH, "no-checker/measure.mjs"), dir, name, String(roundMs), String(partRounds)],
        {
          encoding: "utf8",
          maxBuffer: 64 * 2 ** 20,
        },
      );
      if (run.status !== 0) return { error: firstError(run.stderr) };
      return JSON.parse(run.stdout);
    };
    // The untagged comparison is looked at for a few percent: it runs in several processes
    // (each its own JIT history), half the rounds each, and their rounds are pooled.
    const untagged = Array.from({ length: repeats }, () => part("untagged", Math.ceil(rounds / 2)));
    const result = { noWait: part("noWait"), oneStep: part("oneStep"), untagged: pool(untagged), turns: part("turns") };
    sections.push(formatRuntime(runtime, result, checks));
  }
  return { markdown: sections.join("\n\n"), checks };
}

/**
 * One result from the repeated processes of a part: per case, the per-round ratios of all
 * of them, their median, each process's median ratio, and the median of the processes' ops/sec.
 */
function pool(runs) {
  const failed = runs.find((run) => run.error);
  if (failed) return failed;
  const [first] = runs;
  return {
    node: first.node,
    processes: runs.length,
    result: first.result.map((row, i) => {
      const same = runs.map((run) => run.result[i]);
      const ratios = row.baseline ? same.flatMap((r) => r.ratios) : undefined;
      return {
        ...row,
        opsPerSec: median(same.map((r) => r.opsPerSec)),
        ratios,
        ratio: ratios ? median(ratios) : undefined,
        processRatios: row.baseline ? same.map((r) => r.ratio) : undefined,
      };
    }),
  };
}

/** The line of a child's stderr that says what went wrong ("TypeError: asyncInit_1.pending is not a function"). */
function firstError(stderr) {
  return (
    stderr
      .split("\n")
      .find((line) => /^\w*Error\b/.test(line.trim()))
      ?.trim() ?? stderr.trim().split("\n")[0]
  );
}

function formatRuntime(runtime, result, checks) {
  const node = Object.values(result).find((r) => r.node)?.node ?? spawnSync(runtime.node, ["-p", "process.version"], { encoding: "utf8" }).stdout.trim();
  const out = [`### ${runtime.label} (${node})`];
  for (const workload of ["noWait", "oneStep"]) {
    const wanted = TARGETS.typed[workload];
    const title = `#### \`await using\` of a tagged instance, with and without a checker: ${workload === "noWait" ? "init with no real waiting" : "init with one setImmediate"}`;
    const what = `${runtime.target} ${workload} tagged, no checker: await using x = new Foo()`;
    if (result[workload].error) {
      out.push(
        title,
        `not measured: the build without a checker fails at run time (\`${result[workload].error}\`). Target ≥ ${wanted}× the factory: not measured.`,
      );
      checks.push({ scope: runtime.scope, what, wanted, ok: false, unmeasured: true });
      continue;
    }
    const cells = result[workload].result.map((row) => {
      let target = "";
      if (row.site === "noChecker") {
        const ok = row.ratio >= wanted;
        target = `≥ ${wanted}×: ${verdict(ok)}`;
        checks.push({ scope: runtime.scope, what, ratio: row.ratio, wanted, ok });
      } else if (row.site === "typed") target = `(≥ ${wanted}×, counted in section 2)`;
      return [row.name, thousands(row.opsPerSec), row.ratio === undefined ? "1 (baseline)" : `${fixed(row.ratio)}×`, target];
    });
    out.push(title, table(["case", "ops/sec (median)", "ratio vs factory (median of per-round ratios)", "target"], cells));
  }

  const title = "#### `await using` of an untagged disposable: compiled without a checker beside no plugin (init plays no part)";
  const what = `${runtime.target} untagged await using, no checker vs no plugin`;
  if (result.untagged.error) {
    out.push(title, `not measured: the build without a checker fails at run time (\`${result.untagged.error}\`). Target "no measurable cost": not measured.`);
    checks.push({ scope: runtime.scope, what, ok: false, unmeasured: true });
  } else {
    const rows = result.untagged.result;
    const control = rows.find((r) => r.baseline && r.name.includes("noise control"));
    const tested = rows.find((r) => r.baseline && r !== control);
    const floor = quantile(control.ratios, 0.25);
    const ok = tested.ratio >= floor;
    checks.push({ scope: runtime.scope, what, ratio: tested.ratio, floor, ok });
    const spreadCell = (row) =>
      row.ratios
        ? `±${fixed(spread(row.ratios) * 100, 1)}% (quartiles ${fixed(quantile(row.ratios, 0.25))}–${fixed(quantile(row.ratios, 0.75))}; all ${fixed(Math.min(...row.ratios))}–${fixed(Math.max(...row.ratios))})`
        : "";
    const cells = rows.map((row) => [
      row.name,
      thousands(row.opsPerSec),
      row.ratio === undefined ? "1 (baseline)" : `${fixed(row.ratio, 3)}×`,
      row.processRatios ? row.processRatios.map((r) => fixed(r, 3)).join(", ") : "",
      spreadCell(row),
      row === tested ? `within the noise (≥ ${fixed(floor, 3)}×, the control's lower quartile): ${verdict(ok)}` : "",
    ]);
    out.push(
      title,
      table(
        [
          "case",
          "ops/sec (median of the processes)",
          "ratio vs no plugin (median of all per-round ratios)",
          "each process's median ratio",
          "spread of all per-round ratios",
          "target",
        ],
        cells,
      ),
      `The same text (bench/no-checker/untagged.ts) built three ways, disposing the same class; ${result.untagged.processes} processes of ${tested.ratios.length / result.untagged.processes} rounds, pooled. The identical second build shows what two identical builds differ by on this machine; "no measurable cost" is met when the median ratio of the build with the plugin is at least that control's lower quartile.`,
    );
  }

  if (result.turns.error) {
    out.push("#### microtask turns of the whole `await using` block", `not measured (\`${result.turns.error}\`).`);
  } else {
    out.push(
      "#### microtask turns of the whole `await using` block (entry, body, disposal; init with no real waiting)",
      table(
        ["site", "turns"],
        Object.entries(result.turns.result).map(([name, turns]) => [name, String(turns)]),
      ),
    );
  }
  return out.join("\n\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { markdown } = runNoCheckerBench();
  console.log(markdown);
}
