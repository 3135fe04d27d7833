// The runtime-semantics programs (test/exec/semantics/programs) built and run by each tool
// that takes the text back end, from the packed package: the real esbuild, Rolldown, Vite,
// vitest, webpack, Rspack and Bun with the plugin, and Node.js and tsx with
// ts-async-init/register. Every check of each program passes, as it does when tspc compiles
// it. The exec tests run the text back end's output through TypeScript's own transpileModule;
// here each tool strips the types and lowers the code itself (esbuild's helpers for `await
// using` and private fields, oxc in Rolldown and Vite, ts-loader's TypeScript, Rspack's SWC,
// Bun's transpiler, Node's own), and a bundle holds the plumbing as one module of its own.
// Each corner of the table holds through these pipelines too.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { expectedLines, program } from "../exec/semantics/scenario.mjs";
import { NODE_24, runNode, writeFiles } from "../support/project.mjs";
import { assertInstalled as assertBundlersInstalled, PROJECT as BUNDLERS, bin, recipe, writeApp } from "./bundlers/helpers.mjs";
import { run } from "./helpers.mjs";
import { appDir, assertInstalled as assertRegisterInstalled, NODE_22, PROJECT as REGISTER } from "./register/helpers.mjs";

const BUN = bin("bun");
const BUNDLE = join(BUNDLERS, "bundle-program.mjs");

test.before(() => {
  assertBundlersInstalled();
  assertRegisterInstalled();
});

/**
 * The plugin's warnings as each tool prints them: the register hook (`shape/tagged.ts:17:3 -
 * warning TS46021: …`), unplugin's adapter under Bun (`[unplugin] …`), and Vite under vitest
 * (`(ssr) warning: /app/shape/tagged.ts:17:3: TS46021: …`, then indented lines: the plugin,
 * the file, the code frame).
 */
const PRINTED_WARNING = /^\[unplugin\] | - warning TS\d+:| warning: .*\bTS\d+:/;

/** The warnings printed in `stderr`, and the rest of it (without the indented lines under each warning). */
function splitWarnings(stderr) {
  const warnings = [];
  const rest = [];
  let under = false;
  for (const line of stderr.split("\n")) {
    if (PRINTED_WARNING.test(line)) warnings.push(line);
    else if (!(under && line.startsWith("  "))) rest.push(line);
    under = warnings.at(-1) === line || (under && line.startsWith("  "));
  }
  return { warnings, rest: rest.join("\n") };
}

/** A bundler's build of `main` in `dir` (bundlers/bundle-program.mjs), then the bundle run by `node`. */
const bundled =
  (bundler, { target, format, node }) =>
  (dir, main, keepNames) => {
    const outfile = join(dir, "dist", `main.${format === "esm" ? "mjs" : "cjs"}`);
    const runner = bundler === "bun" ? BUN : process.execPath;
    const built = run(runner, [BUNDLE, bundler, join(dir, main), outfile, target, format, ...(keepNames ? ["keep-names"] : [])], { cwd: dir });
    if (built.code !== 0) throw new Error(`${bundler} failed (exit code ${built.code}, signal ${built.signal}):\n${built.output}`);
    // The last line: Vite prints its progress before it.
    const { warnings } = JSON.parse(built.stdout.trim().split("\n").at(-1) ?? "");
    return { warnings, ran: runNode(outfile, { node }) };
  };

/** The test file vitest runs: it imports the program, and writes what the program printed to lines.json once it is done. */
const vitestFile = (main) => `import { writeFileSync } from "node:fs";
import { test, vi } from "vitest";

test("the program's checks", async () => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
  await import("./${main}");
  await vi.waitUntil(() => lines.includes("done"), { timeout: 60_000, interval: 5 });
  writeFileSync("lines.json", JSON.stringify(lines));
});
`;

/** `main` in `dir` run by vitest, with the README's vitest.config.ts. */
function vitest(dir, main) {
  writeFiles(dir, { "vitest.config.ts": recipe("vitest/vitest.config.ts"), "program.test.ts": vitestFile(main) });
  const result = run(bin("vitest"), ["run"], { cwd: dir });
  const lines = existsSync(join(dir, "lines.json")) ? JSON.parse(readFileSync(join(dir, "lines.json"), "utf8")) : [];
  const { warnings, rest } = splitWarnings(result.stderr);
  return { warnings, ran: { code: result.code, stdout: lines.join("\n"), stderr: result.code === 0 ? rest : result.output } };
}

/** `main` in `dir` run by `node` with these options (the register hook's, and tsx's). */
const loaded = (node, args) => (dir, main) => {
  const ran = run(node, [...args, main], { cwd: dir });
  const { warnings, rest } = splitWarnings(ran.stderr);
  return { warnings, ran: { ...ran, stderr: rest } };
};

/**
 * Node's own TypeScript needs imports that name the `.ts` file, and the programs name `.js`
 * files as tsc wants: their copies are changed to name `.ts` before the run.
 */
function importingTs(dir) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    writeFileSync(file, readFileSync(file, "utf8").replace(/(from "\.{1,2}\/[^"]*)\.js"/g, '$1.ts"'));
  }
}

/**
 * Where a program is built and run: the tool, the target it lowers to (ES2017: private fields
 * and `await using` lowered; ES2022: `await using` lowered; ESNext: nothing, on Node 24), the
 * module format, the folder whose node_modules it resolves, what is done to the program's
 * copy first, and how it runs.
 * @typedef {{
 *   tool: string, name: string, target: string, format: string, project: string,
 *   prepare?: (dir: string) => void,
 *   run: (dir: string, main: string, keepNames: boolean) => { warnings: string[], ran: { code: number | null, stdout: string, stderr: string } },
 * }} Pipeline
 */

/** @type {Pipeline[]} */
const PIPELINES = [
  ...["esbuild", "rolldown"].flatMap((tool) => [
    { tool, name: "ES2017, CommonJS", target: "ES2017", format: "cjs", node: process.execPath },
    { tool, name: "ES2022, ES module", target: "ES2022", format: "esm", node: process.execPath },
    { tool, name: "ESNext, ES module, Node 24", target: "ESNext", format: "esm", node: NODE_24 },
  ]),
  // A server-side `vite build` with the README's plugin entry: the plugin reads build.target.
  { tool: "vite", name: "build.target ES2017", target: "ES2017", format: "esm", node: process.execPath },
  { tool: "vite", name: "build.target ES2022", target: "ES2022", format: "esm", node: process.execPath },
  { tool: "vite", name: "build.target ESNext, Node 24", target: "ESNext", format: "esm", node: NODE_24 },
  // The README's recipe: ts-loader with transpileOnly strips the types and lowers to the tsconfig's target; CommonJS output.
  { tool: "webpack", name: "ts-loader to ES2017", target: "ES2017", format: "cjs", node: process.execPath },
  { tool: "webpack", name: "ts-loader to ES2022", target: "ES2022", format: "cjs", node: process.execPath },
  { tool: "webpack", name: "ts-loader to ESNext, Node 24", target: "ESNext", format: "cjs", node: NODE_24 },
  // The README's recipe: SWC strips the types and lowers to its target; the output is CommonJS.
  { tool: "rspack", name: "SWC to ES2017", target: "ES2017", format: "cjs", node: process.execPath },
  { tool: "rspack", name: "SWC to ES2022", target: "ES2022", format: "cjs", node: process.execPath },
  { tool: "rspack", name: "SWC to ESNext, Node 24", target: "ESNext", format: "cjs", node: NODE_24 },
  // The README's Bun.build recipe: for Node.js, which runs the bundle.
  { tool: "bun", name: "Bun.build for Node 20", target: "ESNext", format: "esm", node: process.execPath },
].map((pipeline) => ({ ...pipeline, project: BUNDLERS, run: bundled(pipeline.tool, pipeline) }));

/** @type {Pipeline[]} */
const LOADERS = [
  // The README's preload for Bun's runtime: `bun run` transpiles each module as it loads it.
  { tool: "bun run", name: "the preload", target: "ESNext", project: BUNDLERS, run: loaded(BUN, ["--preload", "./preload.ts"]) },
  // The README's vitest recipe: Vite's module runner loads each module, not bundled, on Node 20.
  { tool: "vitest", name: "vitest run", target: "ES2022", project: BUNDLERS, run: vitest },
  // The README's tsx recipe: tsx (esbuild) lowers `await using` for Node 22.
  ...[
    [NODE_22, "Node 22"],
    [NODE_24, "Node 24"],
  ].map(([node, name]) => ({
    tool: "tsx",
    name,
    target: "ES2022",
    project: REGISTER,
    run: loaded(node, ["--import", "ts-async-init/register", "--import", "tsx"]),
  })),
  // Node 24's own TypeScript: the programs use parameter properties and namespaces, which only
  // --experimental-transform-types takes (the hook's own additions are erasable).
  {
    tool: "node",
    name: "Node 24, --experimental-transform-types",
    target: "ESNext",
    project: REGISTER,
    prepare: importingTs,
    run: loaded(NODE_24, ["--experimental-transform-types", "--disable-warning=ExperimentalWarning", "--import", "ts-async-init/register"]),
  },
].map((pipeline) => ({ ...pipeline, format: "esm" }));

/**
 * The programs, and the pipelines that cannot run one (not this plugin's doing). Left out: the
 * programs that need a type checker (misuse, teardown-keys: typed only, as in test/exec) and
 * mixed-targets (libraries compiled by tsc, then imported). proxies imports MobX, which the tools
 * resolve from the repository's node_modules.
 * - `compilerOptions`: the app's tsconfig.json, which each tool reads (Rspack: bundle-program.mjs);
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
    cannot: ({ tool }) => tool === "bun" && "Bun.build renames one of the two classes named Shape, and keeps names only for minified identifiers",
  },
  {
    main: "standard-decorators/main.ts",
    cannot: ({ tool, target }) =>
      (["rolldown", "vite", "vitest"].includes(tool) && "oxc does not lower standard decorators, and no Node.js runs them") ||
      (tool === "node" && "Node's TypeScript does not lower standard decorators, and no Node.js runs them") ||
      (["esbuild", "webpack"].includes(tool) && target === "ESNext" && "esbuild and TypeScript keep standard decorators at ESNext, and no Node.js runs them"),
  },
  {
    main: "legacy-decorators/main.ts",
    compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true },
    cannot: ({ tool }) =>
      (["esbuild", "tsx"].includes(tool) && "esbuild does not emit decorator metadata, which the program checks") ||
      (tool === "node" && "Node's TypeScript does not lower legacy decorators") ||
      (tool === "bun run" && "bun run ends the program at once, printing nothing, with or without the plugin"),
  },
];

/** A warning's code: `TS46021` of `… TS46021: Without type information, …` (the whole text if it has none). */
const codeOf = (text) => /\bTS\d+(?=:)/.exec(text)?.[0] ?? text;

for (const pipeline of [...PIPELINES, ...LOADERS]) {
  for (const { main, compilerOptions = {}, keepNames = false, warnings = [], cannot = () => false } of PROGRAMS) {
    if (cannot(pipeline)) continue;
    const { files } = program(main);
    test(`${main.split("/")[0]}, ${pipeline.tool} (${pipeline.name})`, (t) => {
      const dir = pipeline.project === BUNDLERS ? writeApp(`semantics-${pipeline.tool.replace(" ", "-")}`, {}) : appDir("semantics");
      writeFiles(dir, {
        ...files,
        "tsconfig.json": { compilerOptions: { strict: true, target: pipeline.target, ...compilerOptions } },
        "package.json": { type: pipeline.format === "cjs" ? "commonjs" : "module" },
        "preload.ts": recipe("bun/preload.ts"),
      });
      pipeline.prepare?.(dir);
      const built = pipeline.run(dir, main, keepNames);
      t.deepEqual(built.warnings.map(codeOf), warnings, "the plugin's warnings");
      t.is(built.ran.stderr.trim(), "", "the program wrote to stderr");
      t.deepEqual(built.ran.stdout.trim().split("\n"), expectedLines(files));
      t.is(built.ran.code, 0);
    });
  }
}
