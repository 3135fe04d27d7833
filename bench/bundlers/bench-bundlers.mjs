// Bundlers benchmark: the build benchmark's generated project (bench/build/generate-project.mjs,
// same seed, 2,000 modules) bundled by `vite build` and by esbuild, each with and without this
// package's plugin (dist/vite.js, dist/esbuild.js), as the README's recipes set them up. An entry,
// src/index.ts, re-exports every module, so that each one is in the bundle. Runs are interleaved
// (every round builds with each of the four in a rotating order), each in its own process with
// bench/bundlers/cpu-report.cjs preloaded (CPU time of the process and of its children: esbuild
// works in its own process); per round, the build with the plugin is compared with the same
// bundler's build without it, and the medians of those ratios are judged against the targets.
// Vite comes from test/tools/bundlers (installed by `npm install`), esbuild from the root
// devDependencies (the same version).
// Run alone: node bench/bundlers/bench-bundlers.mjs [rounds] [modules]
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateProject } from "../build/generate-project.mjs";
import { fixed, median, spread, table, verdict } from "../lib/stats.mjs";

const BENCH = new URL("..", import.meta.url).pathname;
const ROOT = join(BENCH, "..");
const VITE = join(ROOT, "test/tools/bundlers/node_modules/vite/bin/vite.js");
/** Node 24 (test/runtimes), to measure TypeScript's load with Node's compile cache too. */
const NODE_24 = join(ROOT, "test/runtimes/node_modules/.bin/node");
const CPU_REPORT = join(BENCH, "bundlers/cpu-report.cjs");
/** At most this ratio of the build with the plugin to the build without it, in wall and in CPU time. */
export const TARGETS = { vite: 1.05, esbuild: 1.1 };
/** The registry key, once in the plumbing's text: its count in a bundle is the count of plumbing copies. */
const PLUMBING_MARKER = /ts-async-init\.v\d+/g;

/**
 * With the plugin, two builds: "plugin" is a project's first build (the plugin's cache folder
 * emptied before it: TypeScript is loaded, every module parsed), "warm" any later one (the
 * cache filled by the build before: no module has changed, TypeScript is not loaded). Two more,
 * not judged, show a build after an edit: "edit", a later build in which one tagged module
 * misses its entry (TypeScript is loaded, from V8's code cache that the plugin keeps in its
 * folder, and one module parsed), and "edit-cold", the same without that code cache.
 */
const VARIANTS = [
  { tool: "vite", variant: "plain", label: "vite build" },
  { tool: "vite", variant: "plugin", label: "vite build + ts-async-init, first build" },
  { tool: "vite", variant: "warm", label: "vite build + ts-async-init, later builds" },
  { tool: "vite", variant: "edit", label: "vite build + ts-async-init, a later build after an edit to one tagged module" },
  { tool: "vite", variant: "edit-cold", label: "vite build + ts-async-init, the same without V8's code cache" },
  { tool: "esbuild", variant: "plain", label: "esbuild" },
  { tool: "esbuild", variant: "plugin", label: "esbuild + ts-async-init, first build" },
  { tool: "esbuild", variant: "warm", label: "esbuild + ts-async-init, later builds" },
  { tool: "esbuild", variant: "edit", label: "esbuild + ts-async-init, a later build after an edit to one tagged module" },
  { tool: "esbuild", variant: "edit-cold", label: "esbuild + ts-async-init, the same without V8's code cache" },
  { tool: "esbuild", variant: "empty", label: "esbuild + an empty plugin called for every TypeScript module (reference)" },
];
const nameOf = (v) => `${v.tool}-${v.variant}`;

/**
 * vite.<plain|plugin>.mjs: a library build (ES module) of src/index.ts, @app/* resolved as the
 * project's tsconfig paths say. Loaded with `--configLoader native` (imported as it is: Vite would
 * otherwise bundle it, and with it dist/vite.js, which lies outside node_modules).
 */
const viteConfig = (dir, variant) => `${variant === "plain" ? "" : `import tsAsyncInit from ${JSON.stringify(join(ROOT, "dist/vite.js"))};\n\n`}export default {
  logLevel: "warn",
  resolve: { alias: [{ find: /^@app\\//, replacement: ${JSON.stringify(`${join(dir, "src")}/`)} }] },
  build: { lib: { entry: "src/index.ts", formats: ["es"], fileName: "index" }, outDir: "dist/vite-${variant}", emptyOutDir: true },
  plugins: [${variant === "plain" ? "" : `tsAsyncInit({ cacheDir: ${JSON.stringify(join(dir, ".cache", variant))} })`}],
};
`;

/** Writes the project, its entry and the bundlers' configurations; returns the generator's stats. */
function prepare(dir, modules) {
  const stats = generateProject(dir, { modules });
  const entry = Array.from({ length: modules }, (_, i) => `export * as m${i} from "./feature${i % 20}/module${i}";`);
  writeFileSync(join(dir, "src/index.ts"), `${entry.join("\n")}\n`);
  writeFileSync(
    join(dir, "tsconfig.bundle.json"),
    JSON.stringify(
      { compilerOptions: { target: "ES2022", module: "esnext", moduleResolution: "bundler", baseUrl: ".", paths: { "@app/*": ["src/*"] } } },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }));
  for (const variant of ["plain", "plugin", "warm", "edit", "edit-cold"]) writeFileSync(join(dir, `vite.${variant}.mjs`), viteConfig(dir, variant));
  return stats;
}

/**
 * The variants in an order of their own for each round (a seeded shuffle, the same on every run):
 * each build follows a different one from round to round. A rotation would keep the same
 * neighbours, and a build that follows another bundler's runs slower on this machine (the
 * plain `vite build` right after esbuild's took 1.15 s against 0.85 s elsewhere).
 */
function shuffled(list, seed) {
  const out = [...list];
  let state = seed * 2654435761;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function build(dir, variant, edited = undefined) {
  const args =
    variant.tool === "vite"
      ? [VITE, "build", "--configLoader", "native", "--config", `vite.${variant.variant}.mjs`]
      : [join(BENCH, "bundlers/esbuild-build.mjs"), dir, variant.variant];
  const cacheDir = join(dir, ".cache", variant.variant);
  // A first build: nothing kept from the build before.
  if (variant.variant === "plugin") rmSync(cacheDir, { recursive: true, force: true });
  // After an edit (`edited`, the line of the edited class; the untimed first builds have none): the edited module misses its
  // entry, as an edit makes it, and with "edit-cold" TypeScript its code cache.
  if (edited && variant.variant.startsWith("edit")) forgetEntry(cacheDir, edited);
  if (edited && variant.variant === "edit-cold") rmSync(join(cacheDir, "v8"), { recursive: true, force: true });
  const start = performance.now();
  const run = spawnSync(process.execPath, ["--require", CPU_REPORT, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const wallMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`${variant.label} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  const { ms, userMs, childrenMs } = JSON.parse(/BENCH_CPU (.*)/.exec(run.stderr)[1]);
  // The children's time comes in clock ticks, not split into user and system: for the user-time ratio, counted as user time.
  return { wallMs, cpuMs: ms + (childrenMs ?? 0), userMs: userMs + (childrenMs ?? 0), childrenKnown: childrenMs !== null };
}

/** The first tagged class of the project, by the line that declares it: the module that the "edit" builds edit. */
function firstTaggedClass(dir) {
  const files = readdirSync(join(dir, "src"), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(".ts"))
    .sort();
  for (const file of files) {
    const name = /@asyncInit \*\/\nexport class (\w+) \{/.exec(readFileSync(join(dir, "src", file), "utf8"))?.[1];
    if (name) return `export class ${name} {`;
  }
  throw new Error("no tagged class in the project");
}

/** Removes the entry of the module that declares `line` from the plugin's cache folder (frontends/cache.ts); there must be one (the untimed build filled the folder). */
function forgetEntry(cacheDir, line) {
  const entries = existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith(".json")) : [];
  const entry = entries.find((name) => readFileSync(join(cacheDir, name), "utf8").includes(line));
  if (entry === undefined) throw new Error(`no entry in ${cacheDir} holds ${line}`);
  rmSync(join(cacheDir, entry));
}

/** The bundle each variant wrote: with the plugin, the plumbing once and the rewritten sites; without it, neither. */
function checkOutputs(dir, stats) {
  const read = (name) => {
    const file = join(dir, "dist", name, name.startsWith("vite") ? "index.js" : "index.mjs");
    return existsSync(file) ? readFileSync(file, "utf8") : "";
  };
  const found = {};
  for (const variant of VARIANTS) {
    const code = read(nameOf(variant));
    const copies = code.match(PLUMBING_MARKER)?.length ?? 0;
    const tagged = code.match(/\.then\(this, "init"\)/g)?.length ?? 0;
    const want = variant.variant === "plain" || variant.variant === "empty" ? [0, 0] : [1, stats.tagged];
    if (copies !== want[0] || tagged !== want[1]) {
      throw new Error(`${variant.label}: expected ${want[0]} plumbing and ${want[1]} tagged classes in the bundle, found ${copies} and ${tagged}`);
    }
    found[nameOf(variant)] = { bytes: code.length };
  }
  return found;
}

/** The CPU time of loading TypeScript (what the plugin needs to parse a module that mentions the tag or `await using`), in a fresh process: median of the differences of interleaved pairs. */
function typescriptLoadMs(pairs, node = process.execPath, env = {}) {
  const cpu = (code) => {
    const run = spawnSync(node, ["--require", CPU_REPORT, "-e", code], { encoding: "utf8", env: { ...process.env, ...env } });
    return JSON.parse(/BENCH_CPU (.*)/.exec(run.stderr)[1]).ms;
  };
  const load = `require(${JSON.stringify(join(ROOT, "node_modules/typescript"))})`;
  cpu(load); // fills the compile cache, if there is one
  return median(Array.from({ length: pairs }, () => cpu(load) - cpu("")));
}

/**
 * The plugin's own work during a build of the project, alone in a fresh process
 * (bench/bundlers/work.mjs): the run with the median CPU time of `runs`. `warm`: with a
 * cache folder that a run before the measured ones filled.
 */
function pluginWork(dir, tool, runs, warm = false) {
  const cacheDir = join(dir, ".cache", `work-${tool}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const args = [join(BENCH, "bundlers/work.mjs"), dir, tool, ...(warm ? [cacheDir] : [])];
  if (warm) spawnSync(process.execPath, args, { encoding: "utf8" });
  const results = Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`work.mjs ${tool} failed:\n${run.stderr}`);
    return JSON.parse(run.stdout);
  });
  return results.sort((a, b) => a.ms - b.ms)[runs >> 1];
}

export function runBundlersBench({ rounds = 11, modules = 2000, log = console.error } = {}) {
  if (!existsSync(VITE)) throw new Error("test/tools/bundlers has no Vite: run `npm install` (scripts/prepare-dev.mjs installs it).");
  const dir = join(BENCH, ".work", "project-bundlers");
  const stats = prepare(dir, modules);
  log(
    `bundlers: ${stats.modules} modules (${stats.tagged} with an @asyncInit class, ${stats.awaitUsing} with await using); ${rounds} interleaved rounds of ${VARIANTS.length} builds…`,
  );
  const edited = firstTaggedClass(dir);
  // One build of each first, not timed: the file system cache, the cache folders that later builds start from, and the check that every build works.
  for (const variant of VARIANTS) build(dir, variant);
  const sizes = checkOutputs(dir, stats);
  const samples = Object.fromEntries(VARIANTS.map((v) => [nameOf(v), []]));
  for (let round = 0; round < rounds; round++) {
    const order = shuffled(VARIANTS, round + 1);
    for (const variant of order) {
      const sample = build(dir, variant, edited);
      samples[nameOf(variant)].push(sample);
      log(`  round ${round + 1}: ${variant.label}: ${fixed(sample.wallMs / 1000, 2)} s wall, ${fixed(sample.cpuMs / 1000, 2)} s CPU`);
    }
  }
  checkOutputs(dir, stats);
  rmSync(join(dir, "dist"), { recursive: true, force: true });
  const loadMs = typescriptLoadMs(5);
  const work = Object.fromEntries(
    ["vite", "esbuild"].flatMap((tool) => [
      [`${tool}-plugin`, pluginWork(dir, tool, 3)],
      [`${tool}-warm`, pluginWork(dir, tool, 3, true)],
    ]),
  );
  // Vite's command line turns Node's compile cache on (Node 22.8 and later), which TypeScript's load then uses too.
  const cache = join(BENCH, ".work", "compile-cache");
  rmSync(cache, { recursive: true, force: true });
  const cachedLoadMs = existsSync(NODE_24) ? typescriptLoadMs(5, NODE_24, { NODE_COMPILE_CACHE: cache }) : undefined;

  /** Per round, the build of `name` against the same bundler's build without a plugin; the median of those ratios. */
  const ratio = (name, key) => {
    const base = samples[`${name.split("-")[0]}-plain`];
    return median(samples[name].map((s, i) => s[key] / base[i][key]));
  };
  /** The lowest time of the rounds of `name` against the lowest of the same bundler without a plugin: the least noisy comparison when the system time of the bundlers' thread pools jumps between rounds. */
  const lowest = (name, key) => Math.min(...samples[name].map((s) => s[key])) / Math.min(...samples[`${name.split("-")[0]}-plain`].map((s) => s[key]));
  const cell = (name, key) => {
    const list = samples[name].map((s) => s[key]);
    return `${fixed(median(list) / 1000, 2)} s (±${fixed(spread(list) * 100, 1)}%)`;
  };
  /** The plugin's own work, alone (TypeScript's load included, where it is loaded), and its share of the same bundler's CPU time without the plugin. */
  const workCell = (name) => {
    const { ms, calls } = work[name];
    return `${fixed(ms, 0)} ms in ${calls} calls (${fixed((ms / median(samples[`${name.split("-")[0]}-plain`].map((s) => s.cpuMs))) * 100, 0)}%)`;
  };
  /** The ratio of user CPU time alone (the system time of the bundlers' thread pools is the noisiest part on a busy machine). */
  const userRatio = (name) => fixed(ratio(name, "userMs"), 3);
  const checks = [];
  const rows = [];
  for (const tool of ["vite", "esbuild"]) {
    const target = TARGETS[tool];
    for (const build of ["plugin", "warm"]) {
      const name = `${tool}-${build}`;
      const when = build === "plugin" ? "first build" : "later builds";
      const judged = (key) => {
        const median = ratio(name, key);
        const low = lowest(name, key);
        const ok = median <= target && low <= target;
        return { ok, value: Math.max(median, low), text: `${fixed(median, 3)}×, lowest ${fixed(low, 3)}× (≤ ${target}×: ${verdict(ok)})` };
      };
      const wall = judged("wallMs");
      const cpu = judged("cpuMs");
      rows.push([
        `${tool === "vite" ? "`vite build`" : "esbuild"}, ${when}`,
        cell(`${tool}-plain`, "wallMs"),
        cell(name, "wallMs"),
        wall.text,
        cell(`${tool}-plain`, "cpuMs"),
        cell(name, "cpuMs"),
        cpu.text,
        workCell(name),
      ]);
      checks.push({ what: `bundlers: ${tool} with the plugin, ${when}, wall time ratio`, value: wall.value, wanted: target, ok: wall.ok });
      checks.push({ what: `bundlers: ${tool} with the plugin, ${when}, CPU time ratio`, value: cpu.value, wanted: target, ok: cpu.ok });
    }
  }
  /** A row that is shown, not judged: its ratios against the same bundler without a plugin. */
  const shown = (label, name) => [
    label,
    cell(`${name.split("-")[0]}-plain`, "wallMs"),
    cell(name, "wallMs"),
    `${fixed(ratio(name, "wallMs"), 3)}×, lowest ${fixed(lowest(name, "wallMs"), 3)}×`,
    cell(`${name.split("-")[0]}-plain`, "cpuMs"),
    cell(name, "cpuMs"),
    `${fixed(ratio(name, "cpuMs"), 3)}×, lowest ${fixed(lowest(name, "cpuMs"), 3)}×`,
    "",
  ];
  for (const tool of ["vite", "esbuild"]) {
    const bundler = tool === "vite" ? "`vite build`" : "esbuild";
    rows.push(shown(`${bundler}, a later build after an edit to one tagged module`, `${tool}-edit`));
    rows.push(shown(`${bundler}, the same without V8's code cache of TypeScript`, `${tool}-edit-cold`));
  }
  rows.push(shown("esbuild + an empty plugin called for every TypeScript module (reference)", "esbuild-empty"));
  const share = (name) => `${fixed((loadMs / median(samples[name].map((s) => s.cpuMs))) * 100, 0)}%`;
  const childrenKnown = Object.values(samples).every((list) => list.every((s) => s.childrenKnown));
  const kib = (name) => `${fixed(sizes[name].bytes / 1024, 0)} KiB`;
  const markdown = [
    `### Bundlers: ${stats.modules} generated modules (${stats.tagged} with an @asyncInit class, ${stats.awaitUsing} with \`await using\`), one entry that re-exports them all; median of ${rounds} interleaved rounds`,
    table(
      [
        "bundler",
        "wall, without the plugin",
        "wall, with it",
        "wall ratio: median of per-round ratios, and of the lowest times",
        "CPU, without the plugin",
        "CPU, with it",
        "CPU ratio: median of per-round ratios, and of the lowest times",
        "the plugin's own work, alone: CPU time (share of the CPU time without it)",
      ],
      rows,
    ),
    [
      '- `vite build`: Vite\'s command line, `vite build --configLoader native` (Vite of test/tools/bundlers), a library build (ES module) of the entry with Vite\'s defaults, `@app/*` resolved through `resolve.alias`; with the plugin, `plugins: [tsAsyncInit({ cacheDir })]`. esbuild: `build()` as in the README\'s recipe (`bundle`, `platform: "node"`, `format: "esm"`, `target: "node20"`), `@app/*` through the project\'s tsconfig paths.',
      `- Times are of the whole command, in its own process: Node's start, loading the bundler (and, with the plugin, TypeScript's parser), the build, writing the bundle. CPU time is the process's and ${childrenKnown ? "its child processes' (esbuild's service), read from /proc" : "not its child processes' (no /proc here: esbuild's own process is not counted)"}.`,
      `- Loading TypeScript, which the plugin needs to parse the ${stats.tagged + stats.awaitUsing} modules that mention the tag or \`await using\`, takes ${fixed(loadMs, 0)} ms of CPU time in a fresh process (median of 5): ${share("vite-plain")} of \`vite build\`'s CPU time here, ${share("esbuild-plain")} of esbuild's.${cachedLoadMs === undefined ? "" : ` With Node's compile cache, which Vite's command line turns on from Node 22.8, it takes ${fixed(cachedLoadMs, 0)} ms (Node 24 of test/runtimes; this table is measured on ${process.version}, which has no compile cache).`}`,
      "- The plugin's own work, alone: `bundlers/work.mjs` does in a fresh process, with no bundler beside it, what the plugin does in a build (Vite: its transform of each module that mentions the tag or `await using`, the modules Rolldown's filter hands it; esbuild: its loader on every TypeScript module, which it reads itself), TypeScript's load included where it is loaded; median of 3 (later builds: after a run that filled the cache). It is the steadiest measure of what the plugin itself costs: the whole-build ratios move with everything else on the machine.",
      "- A target is met when both ratios are within it: the median of the per-round ratios, and the ratio of the lowest times of the rounds. On this 2-core machine the system time of the bundlers' thread pools jumps between rounds (0.1 s or 0.4 s for the same `vite build`), which can put a per-round ratio below 1 by chance.",
      "- First build: the plugin's cache folder (`cacheDir`) emptied before the build, as in a fresh clone or a CI job that keeps no cache: the plugin loads TypeScript and parses each module that mentions the tag or `await using`. Later builds: the folder as the build before left it, no module changed: each of those modules is read back from it, and TypeScript is not loaded. After an edit (not judged: the targets are for the first and later builds): one tagged module's entry taken out of the folder before each build, so that the plugin loads TypeScript and parses that module, as after an edit to it; TypeScript loads from the V8 code cache that the plugin keeps in the folder (`v8/`, written after its first parse), and the row below it takes that out too, as the plugin loaded TypeScript before it kept one.",
      `- Ratios of user CPU time alone (the system time of the bundlers' thread pools is the noisiest part on a busy machine): \`vite build\` ${userRatio("vite-plugin")}× (first build) and ${userRatio("vite-warm")}× (later builds), esbuild ${userRatio("esbuild-plugin")}× and ${userRatio("esbuild-warm")}×.`,
      "- The reference row is the least an esbuild plugin that looks at TypeScript modules costs: esbuild asks the plugin's JavaScript about each module, one message each way, even when the plugin leaves it alone.",
      `- Checked: each bundle with the plugin holds the plumbing once and the ${stats.tagged} rewritten classes; the others, neither. Bundle size without and with the plugin: \`vite build\` ${kib("vite-plain")} and ${kib("vite-plugin")}, esbuild ${kib("esbuild-plain")} and ${kib("esbuild-plugin")}.`,
    ].join("\n"),
  ].join("\n\n");
  return { markdown, checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rounds, modules] = process.argv.slice(2).map(Number);
  console.log(runBundlersBench({ rounds: rounds || undefined, modules: modules || undefined }).markdown);
}
