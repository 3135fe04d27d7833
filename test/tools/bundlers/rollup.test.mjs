// Rolldown 1 and Rollup 4 (with rollup-plugin-esbuild) with ts-async-init/rolldown and
// ts-async-init/rollup, set up as the README says (test/tools/bundlers/helpers.mjs).

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { APP, assertInstalled, bin, checkInstallLine, EXPECTED, lineOf, NODE_24, plumbingCopies, RETRY, recipe, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

const BROKEN = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
const FAIL = '/** @asyncInit */\nexport class Fails {\n  async init(): Promise<void> {\n    throw new Error("init failed on purpose");\n  }\n}\n';
const FAIL_INDEX = `import { Fails } from "./fail";\n\nnew Fails().then(undefined, (error: Error) => console.log(error.stack));\n`;

/** Checks a bundle of the app: it ran on `node`, printed the order, and holds the plumbing once. */
function checkBundle(t, dir, node = process.execPath) {
  const bundle = readFileSync(join(dir, "dist/index.mjs"), "utf8");
  t.is(plumbingCopies(bundle), 1);
  const ran = run(node, ["dist/index.mjs"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), EXPECTED);
}

/** The bundle's stack of the error thrown in init, through its source map: the frame in fail.ts is at the throw's line. */
function checkSourceMap(t, dir) {
  const ran = run(process.execPath, ["--enable-source-maps", "dist/index.mjs"], { cwd: dir });
  t.regex(ran.stdout, /init failed on purpose/);
  t.regex(ran.stdout, new RegExp(`src/fail\\.ts:${lineOf(FAIL, "throw new Error")}:\\d+`), ran.output);
}

test("the README's install lines name the versions tested here", (t) => {
  checkInstallLine(t, "rolldown/install");
  checkInstallLine(t, "rollup-esbuild/install");
});

test("rolldown: the bundle runs on Node 20 with the recipe's target, and keeps await using (Node 24) without it", (t) => {
  const config = recipe("rolldown/rolldown.config.mjs");
  const dir = writeApp("rolldown", { ...APP, "rolldown.config.mjs": config });
  const result = run(bin("rolldown"), ["-c"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.notRegex(result.output, /ts-async-init|TS46\d\d\d|warn/i);
  checkBundle(t, dir);

  const esnext = config.replace(/^ *\/\/.*\n *transform: .*\n/m, "");
  t.not(esnext, config);
  const native = writeApp("rolldown-esnext", { ...APP, "rolldown.config.mjs": esnext });
  t.is(run(bin("rolldown"), ["-c"], { cwd: native }).code, 0);
  t.true(readFileSync(join(native, "dist/index.mjs"), "utf8").includes("await using"));
  checkBundle(t, native, NODE_24);
});

test("rolldown and rollup with an external rule for every package (`external: /^[^./]/`, matched against resolved ids too): the plumbing is still in the bundle", (t) => {
  const external = (config) => config.replace('input: "src/index.ts",', 'input: "src/index.ts",\n  external: [/^[^./]/],');
  const configs = {
    // Rolldown's lowering of await using imports its helpers from @oxc-project/runtime, which the rule keeps out too: not lowered, for Node 24.
    rolldown: [external(recipe("rolldown/rolldown.config.mjs")).replace(/^ *\/\/.*\n *transform: .*\n/m, ""), NODE_24],
    rollup: [external(recipe("rollup-esbuild/rollup.config.mjs")), process.execPath],
  };
  for (const [tool, [config, node]] of Object.entries(configs)) {
    t.true(config.includes("external"), tool);
    const dir = writeApp(`${tool}-external`, { ...APP, [`${tool}.config.mjs`]: config });
    const result = run(bin(tool), ["-c"], { cwd: dir });
    t.is(result.code, 0, result.output);
    checkBundle(t, dir, node);
  }
});

test("rolldown: TS46001 fails the build at file:line:col; source maps point at the .ts line", (t) => {
  const config = recipe("rolldown/rolldown.config.mjs");
  const failed = run(bin("rolldown"), ["-c"], { cwd: writeApp("rolldown-error", { ...APP, "src/db.ts": BROKEN, "rolldown.config.mjs": config }) });
  t.not(failed.code, 0);
  t.regex(
    failed.output,
    new RegExp(`\\[plugin ts-async-init\\] \\S*src/db\\.ts:${lineOf(BROKEN, "class Broken")}:13\\n.*TS46001: @asyncInit class 'Broken' has no method 'init'`),
  );

  const dir = writeApp("rolldown-map", {
    "src/fail.ts": FAIL,
    "src/index.ts": FAIL_INDEX,
    "rolldown.config.mjs": config.replace(`output: { file: "dist/index.mjs" }`, `output: { file: "dist/index.mjs", sourcemap: true }`),
  });
  t.is(run(bin("rolldown"), ["-c"], { cwd: dir }).code, 0);
  checkSourceMap(t, dir);
});

test("rolldown: every error of a module is said (the first stops it), each at its line, and its warnings too", (t) => {
  const broken = `${BROKEN}\n/** @asyncInit */\nexport class AlsoBroken {\n  run(): void {}\n}\n/** @asyncInit */\nexport const stray = 1;\n`;
  const config = recipe("rolldown/rolldown.config.mjs");
  const failed = run(bin("rolldown"), ["-c"], { cwd: writeApp("rolldown-errors", { ...APP, "src/db.ts": broken, "rolldown.config.mjs": config }) });
  t.not(failed.code, 0);
  t.regex(failed.output, /TS46001: @asyncInit class 'Broken' has no method 'init'/);
  t.regex(failed.output, new RegExp(`\\S*src/db\\.ts:${lineOf(broken, "class AlsoBroken")}:14: TS46001: @asyncInit class 'AlsoBroken' has no method 'init'`));
  t.regex(failed.output, new RegExp(`src/db\\.ts \\(${lineOf(broken, "export const stray") - 1}:0\\) TS46003: `), "the warning, at the tag's line");
  t.notRegex(failed.output, /ts-async-init[\\/]dist/, "no stack frames of this plugin");
});

test("rolldown: the JSX pragmas at the top of a .tsx module with a tagged class still apply (the plumbing's import goes below them); in a folder whose path has a # too (no fragment of the id)", (t) => {
  const view = [
    "/** @jsxRuntime classic */",
    "/** @jsx h */",
    "/** @asyncInit */",
    "export class View {",
    '  label = "";',
    '  async init() { this.label = "ready"; }',
    "  render() { return <b>{this.label}</b>; }",
    "}",
    'function h(tag: string, _props: unknown, ...children: string[]) { return "<" + tag + ">" + children.join("") + "</" + tag + ">"; }',
    "",
  ].join("\n");
  const index = 'import { View } from "./view";\n\nconsole.log((await new View()).render());\n';
  for (const name of ["rolldown-jsx", "rolldown-jsx-c#", "rolldown-jsx-app.ts#2"]) {
    const dir = writeApp(name, { "src/view.tsx": view, "src/index.ts": index, "rolldown.config.mjs": recipe("rolldown/rolldown.config.mjs") });
    const result = run(bin("rolldown"), ["-c"], { cwd: dir });
    t.is(result.code, 0, result.output);
    const ran = run(process.execPath, ["dist/index.mjs"], { cwd: dir });
    t.is(ran.stderr, "");
    t.is(ran.stdout.trim(), "<b>ready</b>");
  }
  // A diagnostic names the file in that folder.
  const dir = writeApp("rolldown-error-c#", { "src/index.ts": BROKEN, "rolldown.config.mjs": recipe("rolldown/rolldown.config.mjs") });
  const result = run(bin("rolldown"), ["-c"], { cwd: dir });
  t.is(result.code, 1, result.output);
  t.true(result.output.includes(`${join(dir, "src/index.ts")}:${lineOf(BROKEN, "class Broken")}:`), result.output);
});

test("rollup + rollup-plugin-esbuild: the bundle runs on Node 20 and holds the plumbing once; TS46001 fails the build; source maps point at the .ts line", (t) => {
  const config = recipe("rollup-esbuild/rollup.config.mjs");
  const dir = writeApp("rollup", { ...APP, "rollup.config.mjs": config });
  const result = run(bin("rollup"), ["-c"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.notRegex(result.output, /\(!\)|\[!\]|ts-async-init/);
  checkBundle(t, dir);

  const failed = run(bin("rollup"), ["-c"], { cwd: writeApp("rollup-error", { ...APP, "src/db.ts": BROKEN, "rollup.config.mjs": config }) });
  t.not(failed.code, 0);
  t.regex(
    failed.output,
    new RegExp(
      `\\[!\\] \\(plugin ts-async-init\\) .*src/db\\.ts \\(${lineOf(BROKEN, "class Broken")}:13\\): TS46001: @asyncInit class 'Broken' has no method 'init'`,
    ),
  );

  const mapped = writeApp("rollup-map", {
    "src/fail.ts": FAIL,
    "src/index.ts": FAIL_INDEX,
    "rollup.config.mjs": config.replace(`output: { file: "dist/index.mjs" }`, `output: { file: "dist/index.mjs", sourcemap: true }`),
  });
  t.is(run(bin("rollup"), ["-c"], { cwd: mapped }).code, 0);
  checkSourceMap(t, mapped);
});

test("rollup + rollup-plugin-esbuild (esbuild's transform lowers await using): warning TS46023 at an await using in a loop that catches its errors, as under esbuild; none from Rolldown, which lowers it right", (t) => {
  const dir = writeApp("rollup-retry", { "src/index.ts": RETRY, "rollup.config.mjs": recipe("rollup-esbuild/rollup.config.mjs") });
  const result = run(bin("rollup"), ["-c"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.regex(
    result.output,
    new RegExp(
      `\\(!\\) \\[plugin ts-async-init\\] .*src/index\\.ts \\(${lineOf(RETRY, "await using")}:4\\): TS46023: rollup-plugin-esbuild lowers this 'await using' wrongly in a loop that catches its errors`,
    ),
  );
  t.is((result.output.match(/TS46023/g) ?? []).length, 1, "the function's await using is not warned about");
  // What the warning says: the pass after the failed one fails again.
  t.regex(run(process.execPath, ["dist/index.mjs"], { cwd: dir }).stdout, /^failed bad cannot connect bad\nconnected good\nfailed good cannot connect bad\n/);

  const rolldown = writeApp("rolldown-retry", { "src/index.ts": RETRY, "rolldown.config.mjs": recipe("rolldown/rolldown.config.mjs") });
  const built = run(bin("rolldown"), ["-c"], { cwd: rolldown });
  t.is(built.code, 0, built.output);
  t.notRegex(built.output, /TS46023/);
});

test("rollup watch: removing the tag, then adding it back, changes the next bundle", (t) => {
  const flag = "/** @asyncInit */\nexport class Thing {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n";
  const main = `import { Thing } from "./flag";\n\nconst thing = new Thing();\nawait thing;\nconsole.log(\`ready \${thing.ready}\`);\n`;
  const dir = writeApp("rollup-watch", {
    "src/flag.ts": flag,
    "src/flag-main.ts": main,
    "rollup.config.mjs": recipe("rollup-esbuild/rollup.config.mjs"),
    "watch-rollup.mjs": readFileSync(new URL("watch-rollup.mjs", import.meta.url), "utf8"),
  });
  const result = run(process.execPath, ["watch-rollup.mjs"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.deepEqual(JSON.parse(result.stdout), { said: ["ready true", "ready false", "ready true"] });
});

test("rollup with the order turned round (rollup-plugin-esbuild first, which drops the tag): error TS46011 says to put tsAsyncInit() first, nothing is built; in Rolldown too", (t) => {
  const config = recipe("rollup-esbuild/rollup.config.mjs");
  const swapped = config.replace('plugins: [tsAsyncInit(), esbuild({ target: "es2022" })]', 'plugins: [[esbuild({ target: "es2022" })], tsAsyncInit()]');
  t.not(swapped, config);
  const dir = writeApp("rollup-order", { ...APP, "rollup.config.mjs": swapped });
  const result = run(bin("rollup"), ["-c"], { cwd: dir });
  t.not(result.code, 0);
  t.regex(
    result.output,
    /TS46011: ts-async-init never sees the TypeScript of the modules: the plugin 'esbuild' compiles them to JavaScript first.* Put tsAsyncInit\(\) before it in plugins\./,
  );
  t.false(existsSync(join(dir, "dist/index.mjs")));

  const rolldown = writeApp("rolldown-order", {
    ...APP,
    "rolldown.config.mjs": `import esbuild from "rollup-plugin-esbuild";\nimport tsAsyncInit from "ts-async-init/rolldown";\n\nexport default { input: "src/index.ts", plugins: [esbuild(), tsAsyncInit()], output: { file: "dist/index.mjs" } };\n`,
  });
  const built = run(bin("rolldown"), ["-c"], { cwd: rolldown });
  t.not(built.code, 0);
  t.regex(built.output, /TS46011: .*the plugin 'esbuild' compiles them/);
});
