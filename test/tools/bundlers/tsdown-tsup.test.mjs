// tsdown (Rolldown) with ts-async-init/rolldown and tsup (esbuild) with ts-async-init/esbuild,
// set up as the README says (test/tools/bundlers/helpers.mjs): the README's command line of
// each, in an app folder with a package.json of its own (no "type", as `npm init` writes it).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { APP, assertInstalled, bin, checkInstallLine, EXPECTED, lineOf, plumbingCopies, recipe, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

const BROKEN = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
/** The app's Cache, declared async-disposable for the .d.ts (the README's interface, as for TypeScript 7). */
const DECLARED = `${APP["src/db.ts"]}\n// No teardown of its own: this tells the .d.ts that a Cache is async-disposable.\nexport interface Cache extends AsyncDisposable {}\n`;
const TSCONFIG = JSON.stringify({
  compilerOptions: { target: "ES2022", module: "esnext", moduleResolution: "bundler", lib: ["ES2022", "ESNext.Disposable"], types: ["node"], strict: true },
  include: ["src"],
});

const TOOLS = {
  tsdown: {
    config: "tsdown.config.ts",
    error: (line) => new RegExp(`\\[plugin ts-async-init\\] \\S*src/db\\.ts:${line}:13\\n.*TS46001: @asyncInit class 'Broken' has no method 'init'`),
  },
  tsup: {
    config: "tsup.config.ts",
    error: (line) =>
      new RegExp(`✘ \\[ERROR\\] TS46001: @asyncInit class 'Broken' has no method 'init'.* \\[plugin ts-async-init\\]\\n\\n\\s+src/db\\.ts:${line}:13:`),
  },
};

/** Writes the app with `tool`'s config from the README (`edit` applied to it, `files` over it), and runs the README's command. */
function build(tool, name, { edit = (config) => config, files = {} } = {}) {
  const config = recipe(`${tool}/${TOOLS[tool].config}`);
  const dir = writeApp(name, { ...APP, "package.json": '{ "private": true }\n', "tsconfig.json": TSCONFIG, [TOOLS[tool].config]: edit(config), ...files });
  const [npx, command, and, node, output] = recipe(`${tool}/build`).trim().split(/\s+/);
  if (npx !== "npx" || command !== tool || and !== "&&" || node !== "node")
    throw new Error(`the README's ${tool} command is not \`npx ${tool} && node <bundle>\``);
  return { dir, output, result: run(bin(tool), [], { cwd: dir }) };
}

/** Every file tsdown or tsup wrote to dist/, by name. */
const written = (dir) => Object.fromEntries(readdirSync(join(dir, "dist")).map((file) => [file, readFileSync(join(dir, "dist", file), "utf8")]));

test("the README's install lines name the versions tested here", (t) => {
  checkInstallLine(t, "tsdown/install");
  checkInstallLine(t, "tsup/install");
});

for (const tool of Object.keys(TOOLS)) {
  test(`${tool}: the README's command builds a bundle that runs on Node 20 and holds the plumbing once; with two entries, the plumbing is in the chunk they share`, (t) => {
    const { dir, output, result } = build(tool, tool);
    t.is(result.code, 0, result.output);
    t.notRegex(result.output, /ts-async-init|TS46\d\d\d/);
    const bundle = readFileSync(join(dir, output), "utf8");
    t.is(plumbingCopies(bundle), 1);
    // Node 20 has no await using: the bundle runs only with it lowered.
    const ran = run(process.execPath, [output], { cwd: dir });
    t.is(ran.stderr, "");
    t.is(ran.stdout.trim(), EXPECTED);

    const two = build(tool, `${tool}-entries`, { edit: (config) => config.replace('entry: ["src/index.ts"]', 'entry: ["src/index.ts", "src/db.ts"]') });
    t.is(two.result.code, 0, two.result.output);
    const files = written(two.dir);
    t.true(Object.keys(files).length >= 3, Object.keys(files).join(", "));
    t.is(plumbingCopies(Object.values(files).join("\n")), 1, Object.keys(files).join(", "));
    t.is(run(process.execPath, [two.output], { cwd: two.dir }).stdout.trim(), EXPECTED);
  });

  test(`${tool}: with ts-async-init in the app's dependencies (which ${tool} keeps out of the bundle), the plumbing is still in it`, (t) => {
    const { dir, output, result } = build(tool, `${tool}-dependencies`, {
      files: { "package.json": `${JSON.stringify({ private: true, dependencies: { "ts-async-init": "0.1.0" } })}\n` },
    });
    t.is(result.code, 0, result.output);
    const bundle = readFileSync(join(dir, output), "utf8");
    t.is(plumbingCopies(bundle), 1);
    t.notRegex(bundle, /from ["'][^"']*plumbing["']/, "no import of the plumbing left in the bundle");
    t.is(run(process.execPath, [output], { cwd: dir }).stdout.trim(), EXPECTED);
  });

  test(`${tool}: TS46001 fails the build at file:line:col, in the format of its bundler`, (t) => {
    const { result } = build(tool, `${tool}-error`, { files: { "src/db.ts": BROKEN } });
    t.not(result.code, 0);
    t.regex(result.output, TOOLS[tool].error(lineOf(BROKEN, "class Broken")));
  });

  test(`${tool} with dts: true: the .d.ts is of the code as written, and the README's interface declares a class without a teardown async-disposable`, (t) => {
    const { dir, result } = build(tool, `${tool}-dts`, {
      edit: (config) => config.replace('entry: ["src/index.ts"]', 'entry: ["src/index.ts", "src/db.ts"],\n  dts: true'),
      files: { "src/db.ts": DECLARED },
    });
    t.is(result.code, 0, result.output);
    const [declarations] = Object.entries(written(dir)).filter(([file]) => /^db\.d\.[cm]?ts$/.test(file));
    t.truthy(declarations, Object.keys(written(dir)).join(", "));
    const text = declarations[1];
    t.regex(text, /declare class Cache \{/);
    t.regex(text, /interface Cache extends AsyncDisposable \{\s*\}/);
    t.regex(text, /declare class Db \{[\s\S]*\[Symbol\.asyncDispose\]\(\): Promise<void>;/);
    t.notRegex(text, /asyncInit_|plumbing|ts-async-init\.v/, "nothing of the rewrite");
  });
}
