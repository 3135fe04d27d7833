// The real `tspc` in its other build modes, on projects with the packed package
// (test/support/packed.mjs): `tsc -b` with project references, `--incremental`
// (a second build, then edits), and `--watch` (an edit to a tagged class, removing
// its tag, adding it back). Each test runs what was built: a class whose init is
// not awaited, or a build that stops at a false TS2851, fails it.

import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { packedProject, runOutput, tspc, VERSION, watchTspc } from "../support/packed.mjs";

/** The program transformer: rewrites the JavaScript, writes the `.d.ts`, and corrects the checker (no TS2851). */
const PLUGINS = [{ transform: "ts-async-init", transformProgram: true }];

const compilerOptions = (extra = {}) => ({
  target: "ES2022",
  module: "commonjs",
  lib: ["ES2022", "ESNext.Disposable", "DOM"],
  types: [],
  strict: true,
  plugins: PLUGINS,
  ...extra,
});

/** A tagged class with no teardown of its own: `await using` of it is TS2851 to a checker the plugin has not corrected. */
const db = (initMessage = "init") => `export const log: string[] = [];
/** @asyncInit */
export class Db {
  constructor(readonly name: string) {}
  async init() { await new Promise((r) => setTimeout(r, 1)); log.push("${initMessage} " + this.name); }
}
export const openDb = (name: string) => new Db(name);
`;

/** Uses Db from `from` with `await using`, directly and through a factory, and prints the log. */
const main = (from) => `import { Db, log, openDb } from "${from}";
async function main() {
  {
    await using a = new Db("a");
    log.push("body a");
  }
  {
    await using b = openDb("b");
    log.push("body b");
  }
  console.log(log.join(", "));
}
main();
`;

const clean = (t, result) => {
  t.is(result.stdout + result.stderr, "", "tspc reports nothing");
  t.is(result.code, 0);
};
const runs = (t, file, expected) => {
  const run = runOutput(file);
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), expected);
};

test(`tspc -b: an app project awaits a tagged class of the library project it references (TypeScript ${VERSION})`, (t) => {
  const dir = packedProject({
    "lib/tsconfig.json": { compilerOptions: compilerOptions({ composite: true }) },
    "lib/db.ts": db(),
    "app/tsconfig.json": { compilerOptions: compilerOptions({ composite: true }), references: [{ path: "../lib" }] },
    "app/main.ts": main("../lib/db"),
  });
  clean(t, tspc(dir, ["-b", "app"]));
  // The app's checker sees Db through the library's .d.ts: the tag, and the generated teardown.
  const declaration = readFileSync(join(dir, "lib/db.d.ts"), "utf8");
  t.regex(declaration, /\/\*\* @asyncInit init \*\/\s*export declare class Db/);
  t.regex(declaration, /\[Symbol\.asyncDispose\]\(\): Promise<void>;/);
  runs(t, join(dir, "app/main.js"), "init a, body a, init b, body b");
  // Up to date: a second build has nothing to do and reports nothing.
  const before = statSync(join(dir, "app/main.js")).mtimeMs;
  clean(t, tspc(dir, ["-b", "app"]));
  t.is(statSync(join(dir, "app/main.js")).mtimeMs, before);
});

test(`tspc with the program transformer: a file with a chain of 8,000 + beside a tagged class builds and runs (its walks overflowed the stack before) (TypeScript ${VERSION})`, (t) => {
  const chain = Array(8000).fill('"a"').join(" + ");
  const dir = packedProject({
    "tsconfig.json": { compilerOptions: compilerOptions(), include: ["*.ts"] },
    "db.ts": `${db()}export const chain: string = ${chain};\n`,
    "main.ts": `import { chain, Db, log } from "./db";\nasync function main(): Promise<void> {\n  await using a = new Db("a");\n  log.push("body " + a.name + " " + chain.length);\n}\nmain().then(() => console.log(log.join(", ")));\n`,
  });
  clean(t, tspc(dir));
  runs(t, join(dir, "main.js"), "init a, body a 8000");
});

test(`tspc --incremental: a second build, then edits to the tagged class and to its user, are built correctly (TypeScript ${VERSION})`, (t) => {
  const dir = packedProject({
    "tsconfig.json": { compilerOptions: compilerOptions({ incremental: true, outDir: "out", rootDir: "src" }), include: ["src"] },
    "src/db.ts": db(),
    "src/main.ts": main("./db"),
  });
  const out = join(dir, "out/main.js");
  clean(t, tspc(dir));
  runs(t, out, "init a, body a, init b, body b");
  // From the build info: no false TS2851 from cached diagnostics, same output.
  clean(t, tspc(dir));
  runs(t, out, "init a, body a, init b, body b");

  writeFileSync(join(dir, "src/db.ts"), db("ready"));
  clean(t, tspc(dir));
  runs(t, out, "ready a, body a, ready b, body b");

  writeFileSync(join(dir, "src/main.ts"), main("./db").replace(`log.push("body b");`, `log.push("body b, edited");`));
  clean(t, tspc(dir));
  runs(t, out, "ready a, body a, ready b, body b, edited");
});

test(`tspc --watch: an edit to a tagged class, removing its tag and adding it back are each rebuilt correctly (TypeScript ${VERSION})`, async (t) => {
  // Db declares its own teardown here, so that without the tag the program is still valid: then nothing runs init.
  const tagged = (initMessage) =>
    db(initMessage).replace("  async init()", `  async [Symbol.asyncDispose]() { log.push("dispose " + this.name); }\n  async init()`);
  const dir = packedProject({
    "tsconfig.json": { compilerOptions: compilerOptions({ outDir: "out", rootDir: "src" }), include: ["src"] },
    "src/db.ts": tagged("init"),
    "src/main.ts": main("./db"),
  });
  const out = join(dir, "out/main.js");
  const watcher = watchTspc(dir);
  t.teardown(watcher.stop);
  const built = async (n) => t.regex(await watcher.build(n), /Found 0 errors\. Watching for file changes\.$/);

  await built(1);
  runs(t, out, "init a, body a, dispose a, init b, body b, dispose b");

  writeFileSync(join(dir, "src/db.ts"), tagged("ready"));
  await built(2);
  runs(t, out, "ready a, body a, dispose a, ready b, body b, dispose b");

  writeFileSync(join(dir, "src/db.ts"), tagged("ready").replace("/** @asyncInit */\n", ""));
  await built(3);
  runs(t, out, "body a, dispose a, body b, dispose b");

  writeFileSync(join(dir, "src/db.ts"), tagged("ready"));
  await built(4);
  runs(t, out, "ready a, body a, dispose a, ready b, body b, dispose b");
});

/**
 * A project whose main.ts reaches the tagged class only through other modules: a re-export
 * (models.ts) and a factory whose return type is Db (factory.ts). TypeScript's builder emits
 * main.ts again only when it, or what it imports, changes shape; the plugin makes a change
 * to a tag, or to its own options, count as one for every file (src/frontends/tspatch/fileVersions.ts).
 */
const indirect = (tagged) => ({
  "src/db.ts": db("init")
    .replace("  async init()", `  async [Symbol.asyncDispose]() { log.push("dispose " + this.name); }\n  async init()`)
    .replace("/** @asyncInit */\n", tagged ? "/** @asyncInit */\n" : ""),
  "src/models.ts": `export * from "./db";\n`,
  "src/factory.ts": `import { Db } from "./db";\nexport const make = (name: string) => new Db(name);\n`,
  // main() of the tests above, with Db from the re-export and its factory from factory.ts.
  "src/main.ts": main("./models").replace(
    `import { Db, log, openDb } from "./models";`,
    `import { Db, log } from "./models";\nimport { make as openDb } from "./factory";`,
  ),
});
const TAGGED_RUN = "init a, body a, dispose a, init b, body b, dispose b";
const UNTAGGED_RUN = "body a, dispose a, body b, dispose b";

test(`tspc --incremental: a file that reaches a tagged class through a re-export or a factory is rebuilt when the tag is removed or added; every file when the plugin's options change (TypeScript ${VERSION})`, (t) => {
  const tsconfig = (plugin) => ({
    compilerOptions: compilerOptions({ incremental: true, outDir: "out", rootDir: "src", plugins: [{ ...PLUGINS[0], ...plugin }] }),
    include: ["src"],
  });
  const dir = packedProject({ "tsconfig.json": tsconfig({}), ...indirect(true) });
  const out = join(dir, "out/main.js");
  clean(t, tspc(dir));
  runs(t, out, TAGGED_RUN);
  writeFileSync(join(dir, "src/db.ts"), indirect(false)["src/db.ts"]);
  clean(t, tspc(dir));
  runs(t, out, UNTAGGED_RUN);
  writeFileSync(join(dir, "src/db.ts"), indirect(true)["src/db.ts"]);
  clean(t, tspc(dir));
  runs(t, out, TAGGED_RUN);
  // Only the options change: db.ts keeps its state in the shared WeakMap instead of a private field.
  t.regex(readFileSync(join(dir, "out/db.js"), "utf8"), /#asyncInit/);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig({ stateField: false })));
  clean(t, tspc(dir));
  t.notRegex(readFileSync(join(dir, "out/db.js"), "utf8"), /#asyncInit/);
  runs(t, out, TAGGED_RUN);
  // Nothing changed: nothing is emitted again.
  const before = statSync(out).mtimeMs;
  clean(t, tspc(dir));
  t.is(statSync(out).mtimeMs, before);
});

test(`tspc --incremental: the warning that the .d.ts loses the tag (TS46012) follows removeComments and declaration as they change, as in a fresh build (TypeScript ${VERSION})`, (t) => {
  const tsconfig = (extra) => ({ compilerOptions: compilerOptions({ incremental: true, outDir: "out", rootDir: "src", ...extra }), include: ["src"] });
  const dir = packedProject({ "tsconfig.json": tsconfig({ declaration: true }), "src/db.ts": db(), "src/main.ts": main("./db") });
  const build = (extra) => {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig(extra)));
    return tspc(dir);
  };
  const warned = (t, result) => {
    t.regex(result.stdout, /src\/db\.ts\(\d+,\d+\): warning TS46012: 'removeComments' leaves the @asyncInit tag of 'Db' out of its \.d\.ts/);
    t.regex(readFileSync(join(dir, "out/db.d.ts"), "utf8"), /^export declare class Db/m);
  };
  const tagKept = () => readFileSync(join(dir, "out/db.d.ts"), "utf8").includes("@asyncInit");
  clean(t, build({ declaration: true }));
  t.true(tagKept());
  // Before, each of these builds took db.ts's diagnostics from the build info: no warning, or the last one.
  warned(t, build({ declaration: true, removeComments: true }));
  clean(t, build({ declaration: true }));
  t.true(tagKept());
  clean(t, build({ declaration: false, removeComments: true }));
  warned(t, build({ declaration: true, removeComments: true }));
  runs(t, join(dir, "out/main.js"), "init a, body a, init b, body b");
});

test(`tspc --watch: a file that reaches a tagged class through a re-export or a factory is rebuilt when the tag is removed and added back (TypeScript ${VERSION})`, async (t) => {
  const dir = packedProject({
    "tsconfig.json": { compilerOptions: compilerOptions({ outDir: "out", rootDir: "src" }), include: ["src"] },
    ...indirect(true),
  });
  const out = join(dir, "out/main.js");
  const watcher = watchTspc(dir);
  t.teardown(watcher.stop);
  const built = async (n) => t.regex(await watcher.build(n), /Found 0 errors\. Watching for file changes\.$/);
  await built(1);
  runs(t, out, TAGGED_RUN);
  writeFileSync(join(dir, "src/db.ts"), indirect(false)["src/db.ts"]);
  await built(2);
  runs(t, out, UNTAGGED_RUN);
  writeFileSync(join(dir, "src/db.ts"), indirect(true)["src/db.ts"]);
  await built(3);
  runs(t, out, TAGGED_RUN);
});
