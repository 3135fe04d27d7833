// The runtime-semantics programs (test/exec/semantics/programs) built by the real esbuild,
// Rolldown, Vite, Rspack and Bun with the packed plugin, then run: every check of each
// program passes, as it does when tspc compiles it. The exec tests run the text back end's
// output through TypeScript's own transpileModule; here each tool strips the types and
// lowers the code itself (esbuild's helpers for `await using` and private fields, oxc in
// Rolldown and Vite, Rspack's SWC, Bun's transpiler), and a bundle holds the plumbing as one
// module of its own. Each corner of the table holds through these pipelines too.

import { join } from "node:path";
import test from "ava";
import { expectedLines, program } from "../../exec/semantics/scenario.mjs";
import { NODE_24, runNode } from "../../support/project.mjs";
import { assertInstalled, bin, PROJECT, recipe, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

const BUN = bin("bun");
const BUNDLE = join(PROJECT, "bundle-program.mjs");

/**
 * Where a program is built and run. A bundler's cell: its target and format (ES2017 as
 * CommonJS: private fields and `await using` lowered; ES2022 as an ES module: `await using`
 * lowered; ESNext on Node 24: nothing lowered), and the Node.js that runs the bundle.
 */
const PIPELINES = [
  ...["esbuild", "rolldown"].flatMap((bundler) => [
    { bundler, name: "ES2017, CommonJS", target: "ES2017", format: "cjs", node: process.execPath },
    { bundler, name: "ES2022, ES module", target: "ES2022", format: "esm", node: process.execPath },
    { bundler, name: "ESNext, ES module, Node 24", target: "ESNext", format: "esm", node: NODE_24 },
  ]),
  // A server-side `vite build` with the README's plugin entry: the plugin reads build.target.
  { bundler: "vite", name: "build.target ES2017", target: "ES2017", format: "esm", node: process.execPath },
  { bundler: "vite", name: "build.target ES2022", target: "ES2022", format: "esm", node: process.execPath },
  { bundler: "vite", name: "build.target ESNext, Node 24", target: "ESNext", format: "esm", node: NODE_24 },
  // The README's recipe: SWC strips the types and lowers to its target; the output is CommonJS.
  { bundler: "rspack", name: "SWC to ES2017", target: "ES2017", format: "cjs", node: process.execPath },
  { bundler: "rspack", name: "SWC to ES2022", target: "ES2022", format: "cjs", node: process.execPath },
  { bundler: "rspack", name: "SWC to ESNext, Node 24", target: "ESNext", format: "cjs", node: NODE_24 },
  // The README's Bun.build recipe: for Node.js, which runs the bundle.
  { bundler: "bun", name: "Bun.build for Node 20", target: "ESNext", format: "esm", node: process.execPath },
  // The README's preload for Bun's runtime: `bun run` transpiles each module as it loads it.
  { bundler: "bun run", name: "the preload", target: "ESNext", format: "esm" },
];

/**
 * The programs, and the pipelines that cannot run one (not this plugin's doing). Left out: the
 * programs that need a type checker (misuse, teardown-keys: typed only, as in test/exec) and
 * mixed-targets (libraries compiled by tsc, then imported). proxies imports MobX, which the tools
 * resolve from the repository's node_modules.
 * - `compilerOptions`: the app's tsconfig.json, which each tool reads;
 * - `keepNames`: the program compares the names of two classes of the same name (tagged.ts and
 *   plain.ts), and a bundler renames one of them unless told to keep names;
 * - `warnings`: the codes of the plugin's warnings, one per warning (none by default);
 * - `cannot`: whether a pipeline cannot run the program (no test), and why.
 */
const PROGRAMS = [
  { main: "await-using/main.ts" },
  { main: "class-forms/main.ts" },
  { main: "dispose/main.ts" },
  { main: "inheritance/main.ts" },
  { main: "init/main.ts" },
  { main: "reentrancy/main.ts" },
  { main: "proxies/main.ts" },
  {
    main: "shape/main.ts",
    keepNames: true,
    // Without a checker the plugin cannot tell that the key `[mark]` is not Symbol.asyncDispose, and says so.
    warnings: ["TS46021"],
    cannot: ({ bundler }) => bundler === "bun" && "Bun.build renames one of the two classes named Shape, and keeps names only for minified identifiers",
  },
  {
    main: "standard-decorators/main.ts",
    cannot: ({ bundler, target }) =>
      (["rolldown", "vite"].includes(bundler) && "oxc does not lower standard decorators, and no Node.js runs them") ||
      (bundler === "esbuild" && target === "ESNext" && "esbuild keeps standard decorators at ESNext, and no Node.js runs them"),
  },
  {
    main: "legacy-decorators/main.ts",
    compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true },
    cannot: ({ bundler }) =>
      (bundler === "esbuild" && "esbuild does not emit decorator metadata, which the program checks") ||
      (bundler === "bun run" && "bun run ends the program at once, printing nothing, with or without the plugin"),
  },
];

/** A warning's code: `TS46021` of `… TS46021: Without type information, …` (the whole text if it has none). */
const codeOf = (text) => /\bTS\d+(?=:)/.exec(text)?.[0] ?? text;

/** Builds the program in `dir` and runs it: `{ warnings, ran }` (the plugin's warnings, as texts). */
function buildAndRun(dir, main, pipeline, keepNames) {
  if (pipeline.bundler === "bun run") {
    const ran = run(BUN, ["--preload", "./preload.ts", main], { cwd: dir });
    const warnings = ran.stderr.split("\n").filter((line) => line.startsWith("[unplugin]"));
    return {
      warnings,
      ran: {
        ...ran,
        stderr: ran.stderr
          .split("\n")
          .filter((line) => !line.startsWith("[unplugin]"))
          .join("\n"),
      },
    };
  }
  const outfile = join(dir, "dist", `main.${pipeline.format === "esm" ? "mjs" : "cjs"}`);
  const runner = pipeline.bundler === "bun" ? BUN : process.execPath;
  const args = [BUNDLE, pipeline.bundler, join(dir, main), outfile, pipeline.target, pipeline.format, ...(keepNames ? ["keep-names"] : [])];
  const bundled = run(runner, args, { cwd: dir });
  if (bundled.code !== 0) throw new Error(`${pipeline.bundler} failed:\n${bundled.output}`);
  // The last line: Vite prints its progress before it.
  const { warnings } = JSON.parse(bundled.stdout.trim().split("\n").at(-1) ?? "");
  return { warnings, ran: runNode(outfile, { node: pipeline.node }) };
}

for (const pipeline of PIPELINES) {
  for (const { main, compilerOptions = {}, keepNames = false, warnings = [], cannot = () => false } of PROGRAMS) {
    if (cannot(pipeline)) continue;
    const { files } = program(main);
    test(`${main.split("/")[0]}, ${pipeline.bundler} (${pipeline.name})`, (t) => {
      const dir = writeApp(`semantics-${pipeline.bundler.replace(" ", "-")}`, {
        ...files,
        "tsconfig.json": { compilerOptions: { strict: true, target: pipeline.target, ...compilerOptions } },
        "package.json": { type: pipeline.format === "cjs" ? "commonjs" : "module" },
        "preload.ts": recipe("bun/preload.ts"),
      });
      const built = buildAndRun(dir, main, pipeline, keepNames);
      t.deepEqual(built.warnings.map(codeOf), warnings, "the plugin's warnings");
      t.is(built.ran.stderr.trim(), "", "the program wrote to stderr");
      t.deepEqual(built.ran.stdout.trim().split("\n"), expectedLines(files));
      t.is(built.ran.code, 0);
    });
  }
}
