// Declarations and packages: a library built by tspc with the plugin and
// `declaration: true` ships `.d.ts` files that say its classes are
// async-disposable (and never thenable); a plain-tsc consumer can use them,
// and a consumer built with the plugin gets the auto-await on `await using`.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { runNode } from "../support/project.mjs";
import { describe, PLUGINS, removeProjects, tsc, tspc, writeProject } from "./helpers/projects.mjs";

test.after.always(removeProjects);

const LIBRARY = `export const log: string[] = [];

/** A connection. @asyncInit */
export class Db {
  ready = false;
  constructor(readonly name: string) {}
  async init() { await null; this.ready = true; log.push(\`init \${this.name}\`); }
  query(): string { return \`\${this.name} ready=\${this.ready}\`; }
}

/** @asyncInit open */
export class Pool {
  async open() { await null; log.push("open pool"); }
  async [Symbol.asyncDispose]() { log.push("close pool"); }
}

/** @asyncInit */
export class Box<T extends object> {
  constructor(readonly value: T) {}
  async init() { await null; log.push("init box"); }
}

export namespace Drivers {
  /**
   * @asyncInit
   */
  export class Socket { async init() { await null; log.push("init socket"); } }
}

export const Expr = /** @asyncInit */ class { async init() { await null; log.push("init expr"); } };

/** @asyncInit */
export default class { async init() { await null; log.push("init default"); } }

/** Not tagged: its .d.ts stays as TypeScript writes it. */
export class Plain { async init() {} }

/** @asyncInit */
/** Tagged twice. @asyncInit */
export class Twice { async init() {} }

/** Its teardown keyed by an alias, which TypeScript declares as a plain symbol in the .d.ts. */
const dispose = Symbol.asyncDispose;
/** @asyncInit */
export class Aliased {
  async init() { await null; log.push("init aliased"); }
  async [dispose]() { log.push("close aliased"); }
}

/** Handed out as an interface: exported, so a consumer's program knows a tagged class may be behind one (TS46015 otherwise). */
export interface Handle extends AsyncDisposable { ready: boolean }
/** @asyncInit */
export class Conn {
  declare [Symbol.asyncDispose]: () => Promise<void>;
  ready = false;
  async init() { await null; this.ready = true; log.push("init conn"); }
}
export function connect(): Handle { return new Conn(); }
`;

/** Builds the library once per module kind and plugin entries, as a package named "asyncdb". */
const libraries = new Map();
/**
 * @param {string} module
 * @param {Record<string, unknown>[]} [plugins]
 */
function library(module, plugins = PLUGINS) {
  const key = JSON.stringify([module, plugins]);
  if (!libraries.has(key)) {
    const esm = module === "nodenext";
    const dir = writeProject(
      { "index.ts": LIBRARY },
      {
        plugins,
        compilerOptions: { module, moduleResolution: esm ? "nodenext" : "node10", declaration: true },
      },
    );
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "asyncdb",
        type: esm ? "module" : "commonjs",
        main: "out/index.js",
        types: "out/index.d.ts",
        exports: { ".": { types: "./out/index.d.ts", default: "./out/index.js" } },
      }),
    );
    const built = tspc(dir);
    libraries.set(key, { dir, built, dts: readFileSync(join(dir, "out/index.d.ts"), "utf8") });
  }
  return libraries.get(key);
}

/**
 * A consumer project of the library; `plugin` says whether it is built with tspc and the plugin.
 * `run` is the run of its output, when it built.
 * @param {string} source
 * @param {{ module?: string, plugin?: boolean, plugins?: Record<string, unknown>[], libraryPlugins?: Record<string, unknown>[] }} options
 */
function consumer(source, { module = "commonjs", plugin, plugins = PLUGINS, libraryPlugins }) {
  const esm = module === "nodenext";
  const dir = writeProject(
    { "main.ts": source },
    {
      plugins: plugin ? plugins : undefined,
      compilerOptions: { module, moduleResolution: esm ? "nodenext" : "node10" },
      links: { asyncdb: library(module, libraryPlugins).dir },
    },
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: esm ? "module" : "commonjs" }));
  const built = (plugin ? tspc : tsc)(dir);
  const run = built.code === 0 ? runNode(join(dir, "out/main.js")) : undefined;
  return { dir, built, run };
}

/** The body of one class declaration in a .d.ts, from its leading comment to its closing brace. */
function declarationOf(dts, header) {
  const start = dts.indexOf(header);
  if (start < 0) return undefined;
  const commentStart = dts.lastIndexOf("/**", start);
  const from = commentStart >= 0 && !dts.slice(commentStart, start).includes("}") ? commentStart : start;
  return dts.slice(from, dts.indexOf("\n}", start) + 2);
}

const DISPOSE = "[Symbol.asyncDispose](): Promise<void>;";
/** What building the library says: only TS46013, at `export const Expr = /** @asyncInit *\/ class …`. */
const EXPR_WARNING = ["index.ts:30:14 warning TS46013"];
const count = (text, part) => text.split(part).length - 1;

for (const module of ["commonjs", "nodenext"]) {
  test(`the library's .d.ts declares [Symbol.asyncDispose] and keeps the tag, never a then (${module})`, (t) => {
    const { built, dts } = library(module);
    // The exported class expression is declared with no place for the tag (its .d.ts still gets the member).
    t.deepEqual(
      built.diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`),
      EXPR_WARNING,
    );
    t.false(/\bthen\b/.test(dts), "no then anywhere in the .d.ts");

    for (const [header, tag] of [
      // A tag without a name says which init runs: a user's build with another initMethod option reads it so.
      ["export declare class Db ", "/** A connection. @asyncInit init */"],
      ["export declare class Pool ", "/** @asyncInit open */"],
      ["export declare class Box<T extends object> ", "/** @asyncInit init */"],
      ["class Socket ", "/**\n     * @asyncInit init\n     */"],
      ["export default class ", "/** @asyncInit init */"],
      // TypeScript's own declaration, `[dispose]: () => Promise<void>` with `dispose: symbol`, says nothing of a teardown.
      ["export declare class Aliased ", "/** @asyncInit init */"],
    ]) {
      const declaration = declarationOf(dts, header);
      t.truthy(declaration, header);
      t.true(declaration.startsWith(tag), `${header} keeps its tag`);
      t.is(count(declaration, DISPOSE), 1, `${header} declares [Symbol.asyncDispose] once`);
    }
    // A class expression's instance type gets the member (it has no place for the tag).
    t.regex(dts, /export declare const Expr: \{\s*new \(\): \{\s*init\(\): Promise<void>;\s*\[Symbol\.asyncDispose\]\(\): Promise<void>;\s*\};\s*\};/);
    // Pool already declares its teardown: TypeScript wrote it, the plugin added nothing.
    t.notRegex(declarationOf(dts, "export declare class Plain "), /asyncDispose|@asyncInit/);
    t.notRegex(declarationOf(dts, "export declare class Aliased "), /\[dispose\]/, "the alias's member is the teardown's");
    t.true(dts.includes("/** @asyncInit init */\n/** Tagged twice. @asyncInit init */\nexport declare class Twice {"), "each tag names it");
  });

  test(`a plain-tsc consumer awaits the library's classes and uses them with await using (${module})`, (t) => {
    const { built, run } = consumer(
      `import Default, { Aliased, Box, Db, Drivers, Expr, Pool, log } from "asyncdb";
async function main() {
  const db: Db = await new Db("a");
  log.push(db.query());
  {
    await using b = await new Db("b"), pool = await new Pool(), box = await new Box({}), socket = await new Drivers.Socket();
    await using expr = await new Expr(), other = await new Default(), aliased = await new Aliased();
    log.push(\`body \${b.query()}\`);
  }
  console.log(JSON.stringify(log));
}
main();
`,
      { module, plugin: false },
    );
    t.deepEqual(built.diagnostics.map(describe), []);
    t.is(run?.stderr, "");
    t.deepEqual(JSON.parse(run?.stdout ?? ""), [
      "init a",
      "a ready=true",
      "init b",
      "open pool",
      "init box",
      "init socket",
      "init expr",
      "init default",
      "init aliased",
      "body b ready=true",
      "close aliased",
      "close pool",
    ]);
  });

  test(`a consumer built with the plugin awaits await using of the library's classes on entry (${module})`, (t) => {
    const source = `import { Db, Pool, log } from "asyncdb";
class Local extends Db {}
function open(name: string): Db { return new Db(name); }
async function main() {
  {
    await using a = new Db("a"), pool = new Pool();
    log.push(\`body \${a.query()}\`);
  }
  {
    await using local = new Local("local"), made = open("made");
    log.push(\`body \${local.query()} \${made.query()}\`);
  }
  for (await using each of [new Db("x"), new Db("y")]) log.push(\`body \${each.query()}\`);
  console.log(JSON.stringify(log));
}
main();
`;
    const withPlugin = consumer(source, { module, plugin: true });
    t.deepEqual(withPlugin.built.diagnostics.map(describe), []);
    t.is(withPlugin.run?.stderr, "");
    t.deepEqual(JSON.parse(withPlugin.run?.stdout ?? ""), [
      "init a",
      "open pool",
      "body a ready=true",
      "close pool",
      "init local",
      "init made",
      "body local ready=true made ready=true",
      "init x",
      "body x ready=true",
      "init y",
      "body y ready=true",
    ]);

    // The control: the same code through plain tsc type-checks (the .d.ts declares the teardown), but
    // nothing awaits the instances, so init never runs. The plugin is what makes the difference.
    const plain = consumer(source, { module, plugin: false });
    t.deepEqual(plain.built.diagnostics.map(describe), []);
    t.deepEqual(JSON.parse(plain.run?.stdout ?? ""), [
      "body a ready=false",
      "body local ready=false made ready=false",
      "body x ready=false",
      "body y ready=false",
    ]);
  });
}

test("a downstream class may extend a library class, tagged again or not", (t) => {
  const { built, run } = consumer(
    `import { Db, log } from "asyncdb";
/** @asyncInit */
class Cached extends Db {
  async init() { await super.init(); log.push(\`cache \${this.name}\`); }
}
async function main() {
  {
    await using c = new Cached("c");
    log.push(\`body \${c.query()}\`);
  }
  console.log(JSON.stringify(log));
}
main();
`,
    { plugin: true },
  );
  t.deepEqual(built.diagnostics.map(describe), []);
  t.is(run?.stderr, "");
  t.deepEqual(JSON.parse(run?.stdout ?? ""), ["init c", "cache c", "body c ready=true"]);
});

test("a consumer built with the plugin tests an await using of the library's interface type when it runs, as a tagged class of the library may be behind it: init runs", (t) => {
  const { built, run } = consumer(
    `import { connect, log } from "asyncdb";
async function main() {
  {
    await using h = connect();
    log.push(\`body \${h.ready}\`);
  }
  console.log(JSON.stringify(log));
}
main();
`,
    { plugin: true },
  );
  t.deepEqual(built.diagnostics.map(describe), []);
  t.is(run?.stderr, "");
  t.deepEqual(JSON.parse(run?.stdout ?? ""), ["init conn", "body true"]);
});

test("a declare [Symbol.asyncDispose] property is a method in the .d.ts, so that a tagged subclass and a user's subclass with its own teardown type-check against it", (t) => {
  const lib = writeProject(
    {
      "index.ts": `export const log: string[] = [];
/** @asyncInit */
export class Cache {
  declare [Symbol.asyncDispose]: () => Promise<void>;
  async init() { await null; log.push("init cache"); }
}
/** @asyncInit */
export class Replica extends Cache {
  async init() { await super.init(); log.push("init replica"); }
}
`,
    },
    { plugins: PLUGINS, compilerOptions: { declaration: true } },
  );
  writeFileSync(join(lib, "package.json"), JSON.stringify({ name: "asynccache", main: "out/index.js", types: "out/index.d.ts" }));
  const built = tspc(lib);
  t.is(built.output, "");
  const dts = readFileSync(join(lib, "out/index.d.ts"), "utf8");
  t.is(count(declarationOf(dts, "export declare class Cache ") ?? "", DISPOSE), 1, dts);
  t.false(dts.includes("[Symbol.asyncDispose]: () =>"), dts);
  t.is(count(declarationOf(dts, "export declare class Replica ") ?? "", DISPOSE), 1, dts);

  const source = `import { Cache, Replica, log } from "asynccache";
class Mine extends Cache {
  async [Symbol.asyncDispose]() { await super[Symbol.asyncDispose](); log.push("dispose mine"); }
}
async function main() {
  {
    await using r = await new Replica();
    await using m = await new Mine();
  }
  console.log(log.join(","));
}
main();
`;
  for (const compiler of [tsc, tspc]) {
    const dir = writeProject({ "main.ts": source }, { plugins: compiler === tspc ? PLUGINS : undefined, links: { asynccache: lib } });
    const consumerBuild = compiler(dir);
    t.deepEqual(consumerBuild.diagnostics.map(describe), [], compiler === tsc ? "tsc" : "tspc");
    t.is(runNode(join(dir, "out/main.js")).stdout.trim(), "init cache,init replica,init cache,dispose mine");
  }
});

test("an interface merged with the class that declares the teardown (the README's form for TypeScript 7, a property or a method) is the .d.ts's declaration of it: no second one on the class (TS2300 for a property)", (t) => {
  const lib = writeProject(
    {
      "index.ts": `/** @asyncInit */
export class Cache {
  ready = false;
  async init() { await null; this.ready = true; }
}
export interface Cache {
  [Symbol.asyncDispose]: () => Promise<void>;
}
/** @asyncInit */
export class Pool {
  async init() {}
}
export interface Pool {
  [Symbol.asyncDispose](): Promise<void>;
}
/** @asyncInit */
export class Replica extends Cache {
  async init() { await super.init(); }
}
`,
    },
    { plugins: PLUGINS, compilerOptions: { declaration: true } },
  );
  writeFileSync(join(lib, "package.json"), JSON.stringify({ name: "asynccache", main: "out/index.js", types: "out/index.d.ts" }));
  t.is(tspc(lib).output, "");
  const dts = readFileSync(join(lib, "out/index.d.ts"), "utf8");
  t.false(declarationOf(dts, "export declare class Cache ")?.includes("[Symbol.asyncDispose]") ?? true, dts);
  t.false(declarationOf(dts, "export declare class Pool ")?.includes("[Symbol.asyncDispose]") ?? true, dts);
  t.false(
    declarationOf(dts, "export declare class Replica ")?.includes("[Symbol.asyncDispose]") ?? true,
    "a subclass inherits the property: no method over it (TS2425)",
  );
  t.is(count(dts, "[Symbol.asyncDispose]"), 2, dts);
  const source = `import { Cache, Pool, Replica } from "asynccache";
async function main() {
  await using c = await new Cache();
  await using p = new Pool();
  await using r = await new Replica();
  console.log(c.ready, p instanceof Pool, r.ready);
}
main();
`;
  for (const compiler of [tsc, tspc]) {
    const dir = writeProject(
      { "main.ts": source },
      { plugins: compiler === tspc ? PLUGINS : undefined, links: { asynccache: lib }, compilerOptions: { skipLibCheck: false } },
    );
    t.deepEqual(compiler(dir).diagnostics.map(describe), [], compiler === tsc ? "tsc" : "tspc");
    t.is(runNode(join(dir, "out/main.js")).stdout.trim(), "true true true");
  }
});

test("a downstream class tagged with another init than the library's, which it does not call, is warning TS46014 (the library's init would not run)", (t) => {
  const { built } = consumer(
    `import { Db, Pool } from "asyncdb";
/** @asyncInit setup */
class Cached extends Db {
  async setup() {}
}
/** @asyncInit */
class Pooled extends Pool {
  async init() { await super.open(); }
}
async function main() {
  const c = await new Cached("c");
  await new Pooled();
  console.log(c.ready);
}
main();
`,
    { plugin: true },
  );
  t.deepEqual(
    built.diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`),
    ["main.ts:4:9 warning TS46014"],
  );
  t.regex(built.diagnostics[0].text, /'Db', the @asyncInit class it extends, runs 'init', which 'setup' does not call/);
});

test("a consumer whose initMethod option names another method reads the library's plain tag as the library's init: its plain-tagged subclass that does not call it is warning TS46014", (t) => {
  const { built } = consumer(
    `import { Db } from "asyncdb";
/** @asyncInit */
class Cached extends Db {
  async setup() {}
}
async function main() {
  console.log((await new Cached("c")).ready);
}
main();
`,
    { plugin: true, plugins: PLUGINS.map((entry) => ({ ...entry, initMethod: "setup" })) },
  );
  t.deepEqual(
    built.diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`),
    ["main.ts:4:9 warning TS46014"],
  );
  t.regex(built.diagnostics[0].text, /'Db', the @asyncInit class it extends, runs 'init', which 'setup' does not call/);
});

test("the same where TypeScript writes the plain tag itself (at the file's top, above a blank line; after the statement on the tag's line): the named tag the .d.ts adds is the one read; a licence comment stays", (t) => {
  const dir = writeProject(
    {
      "first.ts": "/** @asyncInit */\n\nexport class First { ready = false; async init() { this.ready = true; } }\n",
      "inline.ts": "export const x = 1; /** @asyncInit */ export class Inline { ready = false; async init() { this.ready = true; } }\n",
      "licensed.ts": "export const y = 1;\n/*! Licence: MIT */\n/** @asyncInit */\nexport class Licensed { async init() {} }\n",
      // The file's first comment is another class's tag, which TypeScript writes at the top of the .d.ts.
      "second.ts":
        "/** @asyncInit setup */\n\nclass Internal { async setup() {} }\n/** @asyncInit */\nexport class Second { ready = false; async init() { this.ready = true; } }\nexport const internal = async () => { await using x = new Internal(); return x !== null; };\n",
    },
    { plugins: PLUGINS, compilerOptions: { declaration: true } },
  );
  t.deepEqual(tspc(dir).diagnostics.map(describe), []);
  const read = (name) => readFileSync(join(dir, "out", name), "utf8");
  t.regex(read("first.d.ts"), /\/\*\* @asyncInit init \*\/\nexport declare class First/);
  t.regex(read("inline.d.ts"), /\/\*\* @asyncInit init \*\/\nexport declare class Inline/);
  t.regex(read("licensed.d.ts"), /\/\*! Licence: MIT \*\/\n\/\*\* @asyncInit init \*\/\nexport declare class Licensed/);
  const app = writeProject(
    {
      "main.ts": `import { First } from "asynclib/out/first";
import { Inline } from "asynclib/out/inline";
import { Second } from "asynclib/out/second";
/** @asyncInit */
class A extends First { async setup() {} }
/** @asyncInit */
class B extends Inline { async setup() {} }
/** @asyncInit */
class C extends Second { async setup() {} }
console.log(A, B, C);
`,
    },
    { plugins: PLUGINS.map((entry) => ({ ...entry, initMethod: "setup" })), links: { asynclib: dir } },
  );
  t.deepEqual(
    tspc(app).diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`),
    ["main.ts:5:31 warning TS46014", "main.ts:7:32 warning TS46014", "main.ts:9:32 warning TS46014"],
  );
});

test("a tag at the file's top whose class the .d.ts leaves out (not exported) is not written there, where it would tag the next class; the file's other first comments stay", (t) => {
  const dir = writeProject(
    {
      "plain.ts":
        "/*! Licence: MIT */\n/** @asyncInit */\n\nclass Internal { async init() {} }\n\n/** Not awaitable. */\nexport class Plain { x = 1; }\nexport const open = async () => { await using i = new Internal(); return i !== null; };\n",
    },
    { plugins: PLUGINS, compilerOptions: { declaration: true } },
  );
  t.deepEqual(tspc(dir).diagnostics.map(describe), []);
  t.is(readFileSync(join(dir, "out", "plain.d.ts"), "utf8").split("export declare class")[0], "/*! Licence: MIT */\n/** Not awaitable. */\n");
  // A consumer built with the plugin takes Plain for what it is: no teardown, so `await using` of it is TypeScript's error.
  const app = writeProject(
    { "main.ts": `import { Plain } from "asynclib/out/plain";\nexport async function main() {\n  await using p = new Plain();\n  return p.x;\n}\n` },
    { plugins: PLUGINS, links: { asynclib: dir } },
  );
  t.deepEqual(
    tspc(app).diagnostics.map((d) => `${d.where} TS${d.code}`),
    ["main.ts:3:19 TS2851"],
  );
});

test("with two plain entries, before and afterDeclarations, the .d.ts is the same", (t) => {
  const entries = [{ transform: "ts-async-init" }, { transform: "ts-async-init", afterDeclarations: true }];
  const { built, dts } = library("commonjs", entries);
  t.deepEqual(
    built.diagnostics.map((d) => `${d.where} ${d.category} TS${d.code}`),
    EXPR_WARNING,
  );
  t.is(dts, library("commonjs").dts);
});

test("the control: a .d.ts without the added member fails plain tsc with TS2851", (t) => {
  // Only the `before` entry: the JavaScript is rewritten, the .d.ts is TypeScript's own.
  const libraryPlugins = [{ transform: "ts-async-init" }];
  t.is(count(declarationOf(library("commonjs", libraryPlugins).dts, "export declare class Db "), DISPOSE), 0);
  const { built } = consumer(
    `import { Db } from "asyncdb";
async function main() {
  await using db = await new Db("a");
}
main();
`,
    { plugin: false, libraryPlugins },
  );
  t.deepEqual(
    built.diagnostics.map((d) => `${d.where} TS${d.code}`),
    ["main.ts:3:20 TS2851"],
  );
});

test("a project without the tag comes out of the program transformer byte for byte as from plain tsc (JS, .d.ts, maps)", (t) => {
  const files = {
    "main.ts": `// a header comment
/** Doc */
export class Thing<T> { constructor(readonly t: T) {} async [Symbol.asyncDispose]() {} }
export const x = (class { y = 1 });
export namespace N { export class Q {} }
export async function f() { await using t = new Thing(1); return t; }
`,
  };
  const compilerOptions = { declaration: true, declarationMap: true, sourceMap: true };
  const plainDir = writeProject(files, { compilerOptions });
  const pluginDir = writeProject(files, { compilerOptions, plugins: PLUGINS });
  t.is(tsc(plainDir).output, "");
  t.is(tspc(pluginDir).output, "");
  for (const name of ["main.js", "main.js.map", "main.d.ts", "main.d.ts.map"]) {
    t.is(readFileSync(join(pluginDir, "out", name), "utf8"), readFileSync(join(plainDir, "out", name), "utf8"), name);
  }
});

test("a tag that a bundler of declarations left before another class (that of a class it dropped, as tsdown's dts does, a region between them) does not tag it, nor a named tag before a class with no instance member of that name, own or inherited: each keeps its TS2851; a bare tag, or a base the checker cannot see, still tags", (t) => {
  const dts = `interface Db extends AsyncDisposable {}
/** @asyncInit */
//#endregion
//#region src/index.d.ts
declare class Helper {
  ready: boolean;
  close(): Promise<void>;
}
declare class Base {
  init(): Promise<void>;
}
/** @asyncInit */
declare class Sub extends Base {}
/** @asyncInit open */
declare class Pool {
  private open;
}
/** @asyncInit */
declare class Bare {
  start(): Promise<void>;
}
/** @asyncInit open */
declare class Static {
  static open(): void;
}
declare const AnyBase: any;
/** @asyncInit init */
declare class OnAny extends AnyBase {}
export { Helper, Sub, Pool, Bare, Static, OnAny };
`;
  const main = `import { Bare, Helper, OnAny, Pool, Static, Sub } from "bundled";
export async function f(): Promise<void> {
  await using helper = new Helper();
  await using sub = new Sub();
  await using pool = new Pool();
  await using bare = new Bare();
  await using fixed = new Static();
  await using onAny = new OnAny();
}
`;
  const dir = writeProject(
    {
      "node_modules/bundled/package.json": JSON.stringify({ name: "bundled", types: "index.d.ts" }),
      "node_modules/bundled/index.d.ts": dts,
      "main.ts": main,
    },
    { plugins: PLUGINS, compilerOptions: { noEmit: true } },
  );
  // Sub's init is inherited, Pool's is private, OnAny's base may have it: each is tagged, and async-disposable by
  // the rewrite. A bare tag does not say which init the library ran (its start here): Bare is tagged, under an
  // initMethod of the user's own too. A static member is no init.
  const diagnostics = (d) => d.diagnostics.map((diagnostic) => `${diagnostic.where} TS${diagnostic.code}`);
  t.deepEqual(diagnostics(tspc(dir)), ["main.ts:3:24 TS2851", "main.ts:7:23 TS2851"]);
  const ownInit = writeProject(
    {
      "node_modules/bundled/package.json": JSON.stringify({ name: "bundled", types: "index.d.ts" }),
      "node_modules/bundled/index.d.ts": dts,
      "main.ts": main,
    },
    { plugins: PLUGINS.map((entry) => ({ ...entry, initMethod: "setup" })), compilerOptions: { noEmit: true } },
  );
  t.deepEqual(diagnostics(tspc(ownInit)), ["main.ts:3:24 TS2851", "main.ts:7:23 TS2851"]);
});
