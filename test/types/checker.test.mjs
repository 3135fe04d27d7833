// Type-checking in the project: `tspc` with the program transformer reports no
// TS2851 for `await using` of a rewritten class, and every other diagnostic
// exactly as plain `tsc` does (same file, line, column and text).

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { runNode, watchCompiler } from "../support/project.mjs";
import { describe, linesWith, PLUGINS, parseDiagnostics, removeProjects, TSPC, tsc, tspc, writeProject } from "./helpers/projects.mjs";

test.after.always(removeProjects);

// Each line marked `untrue` has a TS2851 from plain tsc that the emitted code makes untrue.
const MIXED = `const before: number = "not a number";
/** @asyncInit */
export class Db {
  log: string[] = [];
  async init() { this.log.push("init"); }
  query(): number { return this.log.length; }
}
/** @asyncInit */
class Generic<T> { constructor(readonly value: T) {} async init() {} }
class Sub extends Db {}
const Expr = /** @asyncInit */ class { async init() {} };
namespace NS { /** @asyncInit */ export class Inner { async init() {} } }
/** @asyncInit */
class Broken {}
class Plain {}
function makeDb(): Db { return new Db(); }
/** @asyncInit */
function notAClass() {}
declare const weird: { [Symbol.asyncDispose]: number };
declare const disposable: AsyncDisposable;
declare const readonlyDb: Readonly<Db>;
declare const partialDb: Partial<Db>;
declare const pickedDb: Pick<Db, "query">;
declare const labels: { [K in keyof Db]: string };
/** @asyncInit */
class Pool { private connections = 0; async init() { this.connections++; } }
declare const readonlyPool: Readonly<Pool>;

export async function main() {
  await using a = new Db(); // untrue
  await using b = await new Db(); // untrue
  await using c = Math.random() > 2 ? new Db() : null; // untrue
  await using d = new Generic(1); // untrue
  await using e = new Sub(); // untrue
  await using f = new Expr(); // untrue
  await using g = new NS.Inner(); // untrue
  await using h = makeDb(); // untrue
  await using i = new Db(), j = (new Db()); // untrue (twice)
  /** @asyncInit */ class Local { async init() {} }
  await using k = new Local(); // untrue
  await using l = new Db() satisfies Db; // untrue
  await using p = new Plain(); // stays: Plain is not tagged
  await using q = Math.random() > 2 ? new Db() : new Plain(); // stays: the Plain part
  await using r = new Broken(); // stays: Broken has no init, so it is emitted as written
  await using w = Math.random() > 2 ? new Db() : weird; // stays: weird's member is not a method
  await using z = Math.random() > 2 ? new Db() : disposable; // untrue
  await using m = readonlyDb; // untrue
  await using n = partialDb; // stays: a Partial may lack the teardown
  await using o = pickedDb; // stays: a Pick lacks it
  await using x = labels; // stays: the same keys, other types
  await using y = readonlyPool; // stays: Pool has a private member, which keyof leaves out, so a plain object fits
  using s = new Db(); // TS2850 stays: a tagged class gets no [Symbol.dispose]
  const t: string = a.query(); // TS2322 stays
  for (await using u of [new Db()]) { const v: boolean = u; } // TS2322 stays
  return [b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, w, x, y, z];
}
const after: string = 42;
`;

const UNTRUE_LINES = linesWith(MIXED, "// untrue");

/**
 * Compiles the same project with plain tsc and with tspc + the plugin and
 * checks that they differ by exactly the untrue TS2851s and this plugin's own
 * diagnostics. Each compiler gets its own copy: incremental builds would
 * otherwise share one build info, and with it the other's cached diagnostics.
 */
function assertSameButUntrue(t, [plainDir, patchedDir], args) {
  const plain = tsc(plainDir, args);
  const patched = tspc(patchedDir, args);
  const untrue = (d) => d.code === 2851 && d.file === "main.ts" && UNTRUE_LINES.includes(d.line);

  // The control: plain tsc really reports TS2851 on each marked line (twice on the one with two declarators).
  t.deepEqual([...new Set(plain.diagnostics.filter(untrue).map((d) => d.line))], UNTRUE_LINES);
  t.is(plain.diagnostics.filter(untrue).length, UNTRUE_LINES.length + 1);

  const own = (d) => d.code >= 46000 && d.code < 47000;
  // The TS2851 of the class whose checks failed stays, and says why (for a tool that shows one file's errors: ts-jest).
  const brokenLine = linesWith(MIXED, "new Broken(); //")[0];
  const withReason = (d) =>
    d.code === 2851 && d.line === brokenLine
      ? `${describe(d)}\n  'Broken' has the @asyncInit tag but is not rewritten, for TS46001 at main.ts:14:7: @asyncInit class 'Broken' has no method 'init'. Declare 'async init() { … }', or name the init method in the tag: '@asyncInit setup'.`
      : describe(d);
  t.deepEqual(patched.diagnostics.filter((d) => !own(d)).map(describe), plain.diagnostics.filter((d) => !untrue(d)).map(withReason));
  t.deepEqual(
    patched.diagnostics.filter(own).map((d) => `${d.where} ${d.category} TS${d.code}`),
    ["main.ts:14:7 error TS46001", "main.ts:17:1 warning TS46003"],
  );
  for (const stays of [
    "new Plain(); //",
    ": new Plain(); //",
    "new Broken(); //",
    ": weird; //",
    "partialDb; //",
    "pickedDb; //",
    "labels; //",
    "readonlyPool; //",
  ]) {
    t.true(
      patched.diagnostics.some((d) => d.code === 2851 && d.line === linesWith(MIXED, stays)[0]),
      stays,
    );
  }
  t.is(patched.code, plain.code, "both fail with errors");
  return { plain, patched };
}

/**
 * Two copies of the same project, for plain tsc and for tspc.
 * @param {Parameters<typeof writeProject>[0]} files
 * @param {Parameters<typeof writeProject>[1]} options
 * @returns {[string, string]}
 */
const twice = (files, options) => [writeProject(files, options), writeProject(files, options)];

test("tspc drops exactly the untrue TS2851s; every other diagnostic keeps its place and text (the TS2851 of a tagged class that failed its checks says so)", (t) => {
  assertSameButUntrue(t, twice({ "main.ts": MIXED }, { plugins: PLUGINS }), ["-p", "."]);
});

test("the same under --noEmit, which only type-checks", (t) => {
  const dirs = twice({ "main.ts": MIXED }, { plugins: PLUGINS });
  assertSameButUntrue(t, dirs, ["-p", ".", "--noEmit"]);
  t.false(existsSync(join(dirs[1], "out")));
});

test("the same under --incremental, from scratch and again from the build info", (t) => {
  const dirs = twice({ "main.ts": MIXED }, { plugins: PLUGINS, compilerOptions: { incremental: true } });
  assertSameButUntrue(t, dirs, ["-p", "."]);
  t.true(existsSync(join(dirs[1], "out/tsconfig.tsbuildinfo")));
  // The second run of each compiler reads its own cached diagnostics.
  assertSameButUntrue(t, dirs, ["-p", "."]);
});

test("the same under tsc -b (the solution builder)", (t) => {
  const dirs = twice({ "main.ts": MIXED }, { plugins: PLUGINS, compilerOptions: { composite: true } });
  assertSameButUntrue(t, dirs, ["-b", "."]);
});

// A program whose only errors are untrue: tspc reports nothing and the output runs.
const LIB = `export const log: string[] = [];
/** @asyncInit */
export class Db {
  constructor(readonly name: string) {}
  async init() { await null; log.push(\`init \${this.name}\`); }
  async [Symbol.asyncDispose]() { log.push(\`dispose \${this.name}\`); }
}
/** @asyncInit */
export class Bare<T> {
  constructor(readonly value: T) {}
  async init() { await null; log.push(\`init bare \${this.value}\`); }
}
export class SubBare extends Bare<string> {}
`;
const CLEAN = `import { Bare, Db, SubBare, log } from "./lib";
async function main() {
  {
    await using a = new Bare("a"); // untrue
    log.push(\`body \${a.value}\`);
  }
  {
    await using d = new Db("d"), s = new SubBare("s"); // untrue (s only: Db declares its teardown)
    log.push(\`body \${d.name} \${s.value}\`);
  }
  {
    await using c = await new Bare("c"); // untrue
    log.push(\`body \${c.value}\`);
  }
  console.log(JSON.stringify(log));
}
main();
`;
const EXPECTED_RUN = ["init bare a", "body a", "init d", "init bare s", "body d s", "dispose d", "init bare c", "body c"];

for (const [name, compilerOptions] of /** @type {[string, Record<string, unknown>][]} */ ([
  ["default options", {}],
  ["noEmitOnError", { noEmitOnError: true }],
  ["incremental", { incremental: true }],
])) {
  test(`a program whose only errors are untrue compiles cleanly and runs (${name})`, (t) => {
    const [plainDir, dir] = twice({ "lib.ts": LIB, "main.ts": CLEAN }, { plugins: PLUGINS, compilerOptions });
    const lines = linesWith(CLEAN, "// untrue");
    const plain = tsc(plainDir);
    t.deepEqual(
      plain.diagnostics.map((d) => `${d.where} TS${d.code}`),
      [`main.ts:${lines[0]}:21`, `main.ts:${lines[1]}:38`, `main.ts:${lines[2]}:21`].map((where) => `${where} TS2851`),
    );

    const patched = tspc(dir);
    t.is(patched.output, "");
    t.is(patched.code, 0);
    const run = runNode(join(dir, "out/main.js"));
    t.is(run.stderr, "");
    t.deepEqual(JSON.parse(run.stdout), EXPECTED_RUN);
  });
}

test("with noEmitOnError, a true error still stops the emit", (t) => {
  const dir = writeProject(
    { "lib.ts": LIB, "main.ts": `${CLEAN}\nconst wrong: number = "x";\n` },
    { plugins: PLUGINS, compilerOptions: { noEmitOnError: true } },
  );
  const patched = tspc(dir);
  t.deepEqual(
    patched.diagnostics.map((d) => `${d.where} TS${d.code}`),
    [`main.ts:${CLEAN.split("\n").length + 1}:7 TS2322`],
  );
  t.false(existsSync(join(dir, "out/main.js")));
});

test("with noEmitOnError, this plugin's own errors stop the emit too", (t) => {
  const dir = writeProject(
    { "main.ts": `/** @asyncInit */\nexport class Db { async start() {} }\n` },
    { plugins: PLUGINS, compilerOptions: { noEmitOnError: true } },
  );
  const patched = tspc(dir);
  t.deepEqual(
    patched.diagnostics.map((d) => `${d.where} TS${d.code}`),
    ["main.ts:2:14 TS46001"],
  );
  t.false(existsSync(join(dir, "out/main.js")));
});

for (const [name, compilerOptions] of /** @type {[string, Record<string, unknown>][]} */ ([
  ["", {}],
  [", incremental (the builder asks for the diagnostics before the emit)", { incremental: true }],
  [", composite", { composite: true }],
])) {
  test(`with noEmitOnError${name}, this plugin's warnings do not stop the emit (TypeScript would count them): the output is written, and runs; --noEmit reports them too`, (t) => {
    const main = `/** @asyncInit */\nexport function helper(): number { return 1; }\n/** @asyncInit */\nexport class Db { ok = false; async init() { this.ok = true; } }\n(async () => console.log(JSON.stringify((await new Db()).ok)))();\n`;
    const dir = writeProject({ "main.ts": main }, { plugins: PLUGINS, compilerOptions: { noEmitOnError: true, ...compilerOptions } });
    const warned = (run) => run.diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`);
    t.deepEqual(warned(tspc(dir, ["-p", ".", "--noEmit"])), ["main.ts:1:1 warning TS46003"]);
    const patched = tspc(dir);
    t.deepEqual(warned(patched), ["main.ts:1:1 warning TS46003"]);
    t.true(existsSync(join(dir, "out/main.js")), patched.output);
    t.is(runNode(join(dir, "out/main.js")).stdout, "true\n");
  });
}

test("a bad plugin option is reported once, with the options, at its place in tsconfig.json", (t) => {
  const dir = writeProject({ "main.ts": `export {};\n` }, { plugins: [{ ...PLUGINS[0], initMethod: "not a name" }] });
  const patched = tspc(dir, ["-p", ".", "--noEmit"]);
  t.deepEqual(
    patched.diagnostics.map((d) => `TS${d.code} ${d.text}`),
    [`TS46006 ts-async-init: plugin option 'initMethod' is "not a name"; it must be the name of a method other than "constructor" and "then", e.g. "setup".`],
  );
  const config = readFileSync(join(dir, "tsconfig.json"), "utf8").split("\n");
  const line = config.findIndex((text) => text.includes('"not a name"'));
  t.is(patched.diagnostics[0]?.where, `tsconfig.json:${line + 1}:${config[line].indexOf('"not a name"') + 1}`);
});

test("with the plain transform entry too, an unknown plugin option is reported at its key in tsconfig.json", (t) => {
  const dir = writeProject({ "main.ts": `export {};\n` }, { plugins: [{ transform: "ts-async-init", initMethd: "setup" }] });
  const patched = tspc(dir);
  const own = patched.diagnostics.filter((d) => d.code === 46006);
  t.deepEqual(
    own.map((d) => `TS${d.code} ${d.text}`),
    ["TS46006 ts-async-init: unknown plugin option 'initMethd'. The plugin's options are 'initMethod' and 'stateField'."],
  );
  const config = readFileSync(join(dir, "tsconfig.json"), "utf8").split("\n");
  const line = config.findIndex((text) => text.includes('"initMethd"'));
  t.is(own[0]?.where, `tsconfig.json:${line + 1}:${config[line].indexOf('"initMethd"') + 1}`);
});

test("the plain transform entry next to the program transformer does not rewrite twice", (t) => {
  const plugins = [{ transform: "ts-async-init" }, ...PLUGINS];
  const dir = writeProject({ "lib.ts": LIB, "main.ts": CLEAN }, { plugins });
  const patched = tspc(dir);
  t.is(patched.output, "");
  const run = runNode(join(dir, "out/main.js"));
  t.is(run.stderr, "");
  t.deepEqual(JSON.parse(run.stdout), EXPECTED_RUN);
});

test("the same in watch mode, before and after an edit", async (t) => {
  const dir = writeProject({ "lib.ts": LIB, "main.ts": CLEAN }, { plugins: PLUGINS });
  const watcher = watchCompiler(TSPC, ["-p", "."], { cwd: dir });
  t.teardown(() => watcher.stop());

  const first = await watcher.build(1);
  t.deepEqual(parseDiagnostics(first), [], first);
  t.deepEqual(JSON.parse(runNode(join(dir, "out/main.js")).stdout), EXPECTED_RUN);

  // A true error typed in: reported at its place, still no TS2851.
  writeFileSync(join(dir, "main.ts"), `${CLEAN}const wrong: number = "x";\n`);
  const second = await watcher.build(2);
  t.deepEqual(
    parseDiagnostics(second).map((d) => `${d.where} TS${d.code}`),
    [`main.ts:${CLEAN.split("\n").length}:7 TS2322`],
  );
});

test("an incremental build rechecks the files that use a class when its tag comes or goes", (t) => {
  const tagged = `/** @asyncInit */\nexport class Db { async init() {} }\n`;
  const untagged = tagged.replace("@asyncInit", "not tagged");
  const use = `import { Db } from "./a";\nexport async function f() { await using x = new Db(); return x; }\n`;
  const dir = writeProject({ "a.ts": tagged, "b.ts": use }, { plugins: PLUGINS, compilerOptions: { incremental: true } });
  const errors = () => tspc(dir).diagnostics.map((d) => `${d.where} TS${d.code}`);
  t.deepEqual(errors(), []);
  writeFileSync(join(dir, "a.ts"), untagged);
  t.deepEqual(errors(), ["b.ts:2:45 TS2851"], "without the tag the class gets no teardown: the error is true");
  writeFileSync(join(dir, "a.ts"), tagged);
  t.deepEqual(errors(), []);
});

test("a value typed AsyncDisposable, or as an interface that extends it, is tested when it runs where the program's only tagged class has no teardown of its own (the rewrite gives it the one the type asks for)", (t) => {
  const db = `/** @asyncInit */\nexport class Db {\n  constructor(readonly url: string) {}\n  async init() { console.log("init " + this.url); }\n}\n`;
  const main = `import { Db } from "./db";
interface Resource extends AsyncDisposable { readonly url: string }
const registry = new Map<string, unknown>([["a", new Db("a")], ["b", new Db("b")]]);
const get = <T>(key: string): T => registry.get(key) as T;
async function main() {
  await using a = get<AsyncDisposable>("a");
  await using b = get<Resource>("b");
  console.log("body " + b.url);
}
main();
`;
  const dir = writeProject({ "db.ts": db, "main.ts": main }, { plugins: PLUGINS });
  const patched = tspc(dir);
  t.is(patched.output, "");
  t.is(runNode(join(dir, "out/main.js")).stdout, "init a\ninit b\nbody b\n");
});

test("a value typed as an untagged class that a tagged class extends through a mixin (extends Timestamped(Resource)) is tested when it runs: init runs", (t) => {
  const main = `class Resource { ready = false; async [Symbol.asyncDispose]() { console.log("dispose"); } }
type Ctor<T> = new (...args: any[]) => T;
function Timestamped<B extends Ctor<object>>(Base: B) {
  return class extends Base { at = 1; };
}
/** @asyncInit */
class Db extends Timestamped(Resource) {
  async init() { this.ready = true; console.log("init"); }
}
const registry = new Map<string, () => Resource>([["db", () => new Db()]]);
async function main() {
  await using r = registry.get("db")!();
  console.log("body", r.ready);
}
main();
`;
  const dir = writeProject({ "main.ts": main }, { plugins: PLUGINS });
  const patched = tspc(dir);
  t.is(patched.output, "");
  t.is(runNode(join(dir, "out/main.js")).stdout, "init\nbody true\ndispose\n");
});

test("a class whose base the checker sees as any, or as a constructor of AsyncDisposable, may extend a tagged class: its await using is tested when it runs; a tagged class on an any base is no TS46001 (its init may come with the base)", (t) => {
  const db = `/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init() { this.ready = true; console.log("init"); }\n  async [Symbol.asyncDispose]() { console.log("dispose"); }\n}\n`;
  const main = `import { Db } from "./db";
const AnyBase: any = Db;
class Sub extends AnyBase {}
class Deeper extends Sub {}
const Ctor: new () => AsyncDisposable = Db as any;
class Typed extends Ctor {}
/** @asyncInit */
class Tagged extends AnyBase {}
class Plain { async [Symbol.asyncDispose]() { console.log("plain dispose"); } }
async function main() {
  { await using a = new Sub(); console.log("body a", (a as any).ready); }
  { await using b = new Deeper(); console.log("body b", (b as any).ready); }
  { await using c = new Typed(); console.log("body c", (c as any).ready); }
  console.log("tagged", (await new Tagged()).ready);
  { await using p = new Plain(); console.log("body p"); }
}
main();
`;
  const dir = writeProject({ "db.ts": db, "main.ts": main }, { plugins: PLUGINS });
  const patched = tspc(dir);
  t.is(patched.output, "");
  const output = readFileSync(join(dir, "out/main.js"), "utf8");
  t.regex(output, /__addDisposableResource\(env_\d+, new Plain\(\), true\)/, "a class of its own, with no base, is left as written");
  t.regex(output, /__addDisposableResource\(env_\d+, asyncInit_1\.pending\(a_1\)/, "a Sub is tested when it runs");
  t.is(
    runNode(join(dir, "out/main.js")).stdout,
    "init\nbody a true\ndispose\ninit\nbody b true\ndispose\ninit\nbody c true\ndispose\ninit\ntagged true\nbody p\nplain dispose\n",
  );
});

test("Readonly<Db> of a class whose first property is a constructor's parameter property is no TS2851; a private init (which the generated then calls) is no TS6133 under noUnusedLocals, and runs", (t) => {
  const main = `/** @asyncInit */
class Db {
  constructor(public url: string) {}
  ready = false;
  async init() { this.ready = true; }
}
/** @asyncInit */
class Secret {
  private ready = false;
  private async init() { this.ready = true; }
  private static async init() {}
  isReady() { return this.ready; }
}
/** @asyncInit */
class Quoted {
  ready = false;
  private async ["init"]() { this.ready = true; }
}
async function main() {
  await using db = new Db("x") as Readonly<Db>;
  await using secret = new Secret();
  await using quoted = new Quoted();
  console.log("ready", db.ready, secret.isReady(), quoted.ready);
}
main();
`;
  const dir = writeProject({ "main.ts": main }, { plugins: PLUGINS, compilerOptions: { noUnusedLocals: true } });
  const patched = tspc(dir);
  // A static init is no init: an unused one is TS6133 still.
  t.is(patched.output, "main.ts(11,24): error TS6133: 'init' is declared but its value is never read.\n");
  t.is(runNode(join(dir, "out/main.js")).stdout, "ready true true true\n");
});

test("declaration: a tagged class expression the module exports (export const, export { … }, export default) is warning TS46013, as its .d.ts has no place for the tag, and a user's await using of it would skip init; one it does not export, or a build without declarations, is not (one whose instances an export gives is TS46015); it is said under noEmit too", (t) => {
  const main = `export const Expr = /** @asyncInit */ class { async init() {} };\nconst Later = /** @asyncInit */ class { async init() {} };\nexport { Later as Renamed };\nconst Kept = /** @asyncInit */ class { async init() {} };\nexport const made = new Kept();\nexport default (/** @asyncInit */ class { async init() {} });\n`;
  const built = (compilerOptions) => tspc(writeProject({ "main.ts": main }, { plugins: PLUGINS, compilerOptions }));
  const withDeclarations = built({ declaration: true });
  t.deepEqual(
    withDeclarations.diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`),
    ["main.ts:1:14 warning TS46013", "main.ts:2:7 warning TS46013", "main.ts:4:32 warning TS46015", "main.ts:6:1 warning TS46013"],
  );
  t.regex(
    withDeclarations.diagnostics[1].text,
    /^'Renamed' is an @asyncInit class expression that the module exports: .* Export a class declaration: 'export class Renamed \{ … \}'\.$/,
  );
  t.deepEqual(built({}).diagnostics, []);
  // Under noEmit too, where tsc reports the errors of the .d.ts the project's build writes.
  t.deepEqual(built({ declaration: true, noEmit: true }).diagnostics, withDeclarations.diagnostics);
});

test("declaration: instances of a tagged class that the .d.ts cannot name (nested in a function, or a class expression), handed out by an export that is not async, are warning TS46015 (the .d.ts writes an object type without the tag); not a class it can name, an async factory, a private method, or a build without declarations", (t) => {
  const warned = `export function open() {
  /** @asyncInit */
  class Local { declare [Symbol.asyncDispose]: () => Promise<void>; ready = false; async init() { this.ready = true; } }
  return new Local();
}
export function openKept() {
  /** @asyncInit */
  class Kept { declare [Symbol.asyncDispose]: () => Promise<void>; ready = false; async init() {} }
  const kept = new Kept();
  return kept;
}
const Expr = /** @asyncInit */ class { declare [Symbol.asyncDispose]: () => Promise<void>; ready = false; async init() {} };
export class Factory { static make() { return new Expr(); } }
`;
  // Each a pattern where the consumer's await using runs init, the value is ready, or the .d.ts names the class.
  const quiet = `export interface Handle extends AsyncDisposable { ready: boolean }
/** @asyncInit */
class Conn { declare [Symbol.asyncDispose]: () => Promise<void>; ready = false; async init() {} }
export function raw() { return new Conn(); }
export function connect(): Handle { return new Conn(); }
export async function openLater() {
  /** @asyncInit */
  class Later { declare [Symbol.asyncDispose]: () => Promise<void>; ready = false; async init() {} }
  return new Later();
}
export class Owner {
  private inner() {
    /** @asyncInit */
    class Inner { async init() {} }
    return new Inner();
  }
}
`;
  const built = (compilerOptions) => tspc(writeProject({ "warned.ts": warned, "quiet.ts": quiet }, { plugins: PLUGINS, compilerOptions }));
  const withDeclarations = built({ declaration: true });
  t.deepEqual(
    withDeclarations.diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`),
    ["warned.ts:3:9 warning TS46015", "warned.ts:8:9 warning TS46015", "warned.ts:12:32 warning TS46015"],
  );
  t.regex(
    withDeclarations.diagnostics[0].text,
    /^Instances of @asyncInit class 'Local' leave this module through 'open', whose \.d\.ts writes their type out as an object type, without 'Local' or its tag: .* init never runs there\. Declare 'Local' at the module's top level, export it, and name it in the type of 'open'\.$/,
  );
  t.regex(withDeclarations.diagnostics[2].text, /^Instances of @asyncInit class 'Expr' leave this module through 'Factory\.make'/);
  t.deepEqual(built({}).diagnostics, []);
  t.deepEqual(built({ declaration: true, noEmit: true }).diagnostics, withDeclarations.diagnostics);
});

test("declaration with removeComments: each tagged class the module exports (export class, export { … as … }) is warning TS46012, as its .d.ts loses the tag; a class it does not export, or a build that keeps comments, is not", (t) => {
  const main = `/** @asyncInit */\nexport class Db { async init() {} }\n/** @asyncInit */\nclass Local { async init() {} }\nexport { Local as Renamed };\n/** @asyncInit */\nclass Private { async init() {} }\nexport const made = new Private();\n`;
  const warned = (compilerOptions) =>
    tspc(writeProject({ "main.ts": main }, { plugins: PLUGINS, compilerOptions })).diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`);
  t.deepEqual(warned({ declaration: true, removeComments: true }), ["main.ts:2:14 warning TS46012", "main.ts:4:7 warning TS46012"]);
  t.deepEqual(warned({ declaration: true }), []);
  t.deepEqual(warned({ removeComments: true }), []);
});
