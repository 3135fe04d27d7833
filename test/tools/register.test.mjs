// ts-async-init/register: Node.js's own type stripping (Node 22, 24 and 26) and tsx,
// each run as the README's recipes say, on an app written to a fresh folder under
// test/tools/register/apps/, which resolves that project's node_modules: tsx, the
// TypeScript the hook parses with, Node 26, and the packed package (installed by
// `npm test`'s pretest). Node 24 and 22 are test/runtimes' and test/runtimes/typescript6's.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import test from "ava";
import { NODE_24, writeFiles } from "../support/project.mjs";
import { recipe, run } from "./helpers.mjs";
import { appDir, assertInstalled, NODE_22, NODE_26, PROJECT } from "./register/helpers.mjs";

/** Which of the three a Node.js binary is, for the messages of the tests that run several. */
const nodeName = (node) => ({ [NODE_22]: "Node 22", [NODE_24]: "Node 24", [NODE_26]: "Node 26" })[node];

test.before(assertInstalled);

// The app: a module of tagged classes, a module with neither the tag nor `await using`,
// and entry points that use them. Only erasable TypeScript: Node strips types, nothing more.

const DB_TS = `export const log: string[] = [];

/** @asyncInit */
export class Db {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
    log.push(\`new \${name}\`);
  }
  async init(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    log.push(\`init \${this.name}\`);
  }
  async [Symbol.asyncDispose](): Promise<void> {
    log.push(\`dispose \${this.name}\`);
  }
}

/** @asyncInit */
export class Cache {
  // No teardown of its own.
  ready = false;
  async init(): Promise<void> {
    this.ready = true;
    log.push("init cache");
  }
}

export const openDb = (name: string): Db => new Db(name);
`;

/** No tag, no \`await using\`: handed on as written, so its lines stay where they are, even without source maps. */
const PLAIN_TS = `// A module with nothing to rewrite.
export const where = (): string => {
  const line = /plain\\.ts:(\\d+):/.exec(new Error().stack ?? "")?.[1];
  return \`plain line \${line}\`;
};
`;

const MAIN_TS = `import { where } from "./plain.ts";
import { Cache, Db, log, openDb } from "./db.ts";

log.push(where());
const a = await new Db("a");
log.push(\`a.then \${typeof (a as { then?: unknown }).then}\`);
{
  await using cache = new Cache();
  await using b = openDb("b");
  log.push(\`body \${cache.ready} \${b.name}\`);
}
for (await using c of [openDb("c")]) log.push(\`loop \${c.name}\`);
console.log(log.join(", "));
`;

/** Init before each body, teardown at each block's exit; the imported class and the factory's result are awaited too. */
const EXPECTED = "plain line 3, new a, init a, a.then undefined, init cache, new b, init b, body true b, dispose b, new c, init c, loop c, dispose c";

/** Node 22 has no \`await using\` (a SyntaxError whatever the hook does): awaiting and disposing by hand. */
const MAIN_22_TS = `import { Db, log, openDb } from "./db.ts";

await new Db("a");
const b = openDb("b");
try {
  await b;
  log.push(\`body \${b.name}\`);
} finally {
  await b[Symbol.asyncDispose]();
}
console.log(log.join(", "));
`;

/** CommonJS (\`commonjs-typescript\`): a .cts entry that requires a tagged class from another .cts. */
const POOL_CTS = `const log: string[] = [];

/** @asyncInit */
class Pool {
  async init(): Promise<void> {
    log.push("init pool");
  }
  async [Symbol.asyncDispose](): Promise<void> {
    log.push("dispose pool");
  }
}

module.exports = { Pool, log };
`;

const LEGACY_CTS = `const { Pool, log } = require("./pool.cts");

async function main(): Promise<void> {
  {
    await using pool = new Pool();
    log.push("body");
  }
  console.log(log.join(", "));
}
main();
`;

/** An ES module that requires CommonJS through createRequire() (no \`await using\`: Node 22 runs it too). */
const REQUIRED_MTS = `import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Pool, log } = require("./pool.cts");
const pool = await new Pool();
log.push("body");
await pool[Symbol.asyncDispose]();
console.log(log.join(", "));
`;

/** An ES module that requires ES modules through createRequire() (Node 22.12 and later): one with tagged classes, one that imports them. */
const REQUIRED_ESM_MTS = `import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Db, log } = require("./db.ts");
const { openB } = require("./opens.ts");
await new Db("a");
const b = openB();
await b;
log.push(\`body \${b.name}\`);
await b[Symbol.asyncDispose]();
console.log(log.join(", "));
`;

/** A package.json without "type": Node gives each .ts file the format \`typescript\`, and tells CommonJS from an ES module after stripping. */
const NO_TYPE = {
  "notype/package.json": "{}\n",
  "notype/pool.ts": POOL_CTS,
  "notype/esm.ts": "/** @asyncInit */\nexport class Esm {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n",
  "notype/main.mts": `import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Pool, log } = require("./pool.ts");
const { Esm } = require("./esm.ts");
const pool = await new Pool();
log.push("body");
await pool[Symbol.asyncDispose]();
const esm = await new Esm();
log.push(\`esm \${esm.ready}\`);
console.log(log.join(", "));
`,
  "notype/main.ts": LEGACY_CTS.replace("./pool.cts", "./pool.ts"),
};

/**
 * Another require hook, as ts-node's or \`@swc/register\`'s: it compiles .cts files itself
 * (with Node's own type stripping here), before this package's hook could see them.
 */
const OTHER_LOADER_CJS = `const Module = require("node:module");
const { readFileSync } = require("node:fs");

Module._extensions[".cts"] = (module, filename) => module._compile(Module.stripTypeScriptTypes(readFileSync(filename, "utf8")), filename);
`;

/** TS46001 on line 4, column 14 (the class name), and warning TS46003 on line 8. */
const BAD_TS = `export const ok = 1;

/** @asyncInit */
export class Broken {
  async start(): Promise<void> {}
}

/** @asyncInit */
export const notAClass = 2;
`;

/** The \`throw\` is on line 4; \`new Error\` at column 11. */
const THROWS_TS = `/** @asyncInit */
export class Db {
  async init(): Promise<void> {
    throw new Error("init failed on purpose");
  }
}

try {
  await new Db();
} catch (error) {
  console.log((error as Error).stack?.split("\\n")[1].trim());
}
`;

const APP = {
  "package.json": JSON.stringify({ type: "module" }),
  "src/db.ts": DB_TS,
  "src/plain.ts": PLAIN_TS,
  "src/main.ts": MAIN_TS,
  "src/main22.ts": MAIN_22_TS,
  "src/pool.cts": POOL_CTS,
  "src/legacy.cts": LEGACY_CTS,
  "src/required.mts": REQUIRED_MTS,
  ...NO_TYPE,
  "other-loader.cjs": OTHER_LOADER_CJS,
  "src/using.cts":
    // Its documentation mentions the tag in prose: no tagged class, nothing to refuse.
    'const log: string[] = [];\n\n/** Unlike a class tagged @asyncInit, this is ready at once. */\nasync function main(): Promise<void> {\n  await using a = { async [Symbol.asyncDispose]() { log.push("dispose a"); } };\n  log.push("body");\n}\n\nmodule.exports = { main, log };\n',
  "src/requiredUsing.mts":
    'import { createRequire } from "node:module";\n\nconst { main, log } = createRequire(import.meta.url)("./using.cts");\nawait main();\nconsole.log(log.join(", "));\n',
  "src/requiredEsm.mts": REQUIRED_ESM_MTS,
  "src/tight.ts": "/**@asyncInit*/\nexport class Tight {\n  ready = false;\n  async init() { this.ready = true; }\n}\n",
  "src/tight-main.ts": 'import { Tight } from "./tight.ts";\n\nconsole.log("ready:", (await new Tight()).ready);\n',
  "src/opens.ts": 'import { openDb } from "./db.ts";\n\nexport const openB = () => openDb("b");\n',
  "src/requiredBad.mts": 'import { createRequire } from "node:module";\n\ncreateRequire(import.meta.url)("./bad.ts");\n',
  "src/view.tsx": 'export const view = (name: string): string => "<p>" + name + "</p>";\nconsole.log(view("x"));\n',
  "tsx-app/none.mjs": "// Loaded before the app: a module whose folder's name starts with tsx.\n",
  "src/bad.ts": BAD_TS,
  "src/throws.ts": THROWS_TS,
  "src/syntax.ts": '/** @asyncInit */\nexport class Db {\n  async init() { console.log("unterminated); }\n}\n',
  // The plumbing's declaration joins line 1: what Node shows of that line must be short.
  "src/enum.ts": "enum Mode { Fast }\n/** @asyncInit */\nexport class Db {\n  async init() { console.log(Mode.Fast); }\n}\n",
  "src/covered.ts": "/** @asyncInit */\nexport class Db {\n  async init(): Promise<void> {}\n  never(): number {\n    return 42;\n  }\n}\n",
  "src/covered.test.ts": 'import { test } from "node:test";\nimport { Db } from "./covered.ts";\ntest("init", async () => { await new Db(); });\n',
  "src/first-line.ts": "const missing: any = undefined; console.log(missing.name);\n/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n",
};

/** One app folder for every test (they only read it), removed at exit unless KEEP_TEMP=1. */
const dir = appDir("register");
writeFiles(dir, APP);

/**
 * Runs a README recipe (one command line) in the app: its `node` is the given
 * Node.js, its last word (the entry point) may be swapped for another.
 * @param {string} name
 * @param {{ node?: string, entry?: string }} [options]
 */
function runRecipe(name, { node = NODE_24, entry } = {}) {
  const words = recipe(name).trim().split(/\s+/);
  if (words[0] !== "node") throw new Error(`recipe ${name} does not start with node: ${words.join(" ")}`);
  if (entry) words[words.length - 1] = entry;
  return run(node, words.slice(1), { cwd: dir });
}

/**
 * Checks a run of the app that several tests make in a loop: it exited with 0, wrote nothing to
 * stderr, and printed `expected`; `where` names the run in each message.
 * @param {import("ava").ExecutionContext} t
 * @param {{ code: number | null, stdout: string, stderr: string, output: string }} result
 * @param {string} where
 * @param {string} expected
 */
function ranCleanly(t, result, where, expected) {
  t.is(result.code, 0, `${where}: ${result.output}`);
  t.is(result.stderr, "", where);
  t.is(result.stdout.trim(), expected, where);
}

test("the README's install lines name the versions tested here", (t) => {
  const pinned = JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8")).devDependencies;
  for (const name of ["register/install", "register/tsx-install"]) {
    const words = recipe(name).trim().split(/\s+/);
    t.deepEqual(words.slice(0, 3), ["npm", "install", "--save-dev"]);
    t.true(words.includes("ts-async-init"));
    for (const word of words.slice(3).filter((w) => w !== "ts-async-init")) {
      const [, pkg, range] = /** @type {RegExpMatchArray} */ (word.match(/^(@?[^@]+)@(.+)$/));
      t.true(pinned[pkg] === range || pinned[pkg].startsWith(`${range}.`), `${word} in the README, ${pkg}@${pinned[pkg]} tested`);
    }
  }
});

test("Node 24: every await using is awaited on entry (imported class, factory, for-of), teardown at exit; a file without the tag is untouched", (t) => {
  const result = runRecipe("register/node");
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), EXPECTED);
});

test("a second run reads each rewritten module back from node_modules/.cache/ts-async-init: the same output, no entry written again", (t) => {
  const cache = join(PROJECT, "node_modules/.cache/ts-async-init");
  const first = runRecipe("register/node");
  t.is(first.stdout.trim(), EXPECTED);
  const entries = () => Object.fromEntries(readdirSync(cache).map((name) => [name, statSync(join(cache, name)).mtimeMs]));
  const before = entries();
  t.true(Object.keys(before).length >= 1);
  const second = runRecipe("register/node");
  t.is(second.stderr, "");
  t.is(second.stdout.trim(), EXPECTED);
  t.deepEqual(entries(), before);
});

test("Node 22 (>= 22.18): await new X() runs init once, then the teardown by hand (Node 22 has no await using)", (t) => {
  const result = runRecipe("register/node", { node: NODE_22, entry: "src/main22.ts" });
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), "new a, init a, new b, init b, body b, dispose b");
});

test("Node 22 and await using: the hook says where and what to use, with --import and --require, in place of a SyntaxError that quotes the rewritten line; under tsx (which lowers it) the app runs", (t) => {
  for (const flag of ["--import", "--require"]) {
    const result = run(NODE_22, [flag, "ts-async-init/register", "src/main.ts"], { cwd: dir });
    t.not(result.code, 0, flag);
    t.is(result.stdout, "", flag);
    t.true(
      result.stderr
        .replace(/v22\.\d+\.\d+/, "v22.x")
        .includes(
          "ts-async-init/register: src/main.ts:8:3 declares 'await using', which Node.js v22.x does not have (Node.js 24 and later do), with or without this hook. " +
            "Use 'const cache = await new Cache()' and 'await cache[Symbol.asyncDispose]()' in its place, Node.js 24 or later, or tsx, which lowers 'await using': node --import ts-async-init/register --import tsx src/main.ts\n" +
            `    at ${join(dir, "src/main.ts")}:8:3\n`,
        ),
      `${flag}: ${result.stderr}`,
    );
    t.notRegex(result.stderr, /asyncInit_|SyntaxError/, flag);
  }
  ranCleanly(t, run(NODE_22, ["--import", "ts-async-init/register", "--import", "tsx", "src/main.ts"], { cwd: dir }), "Node 22 with tsx", EXPECTED);
});

test("the command that a message suggests runs the app's entry point, not the module the message is about: Node 22 and an imported module's await using (a loop's, and a CommonJS module's, where tsx is no way out); Node 24 and an imported .tsx module", (t) => {
  const app = appDir("register-entry-point");
  writeFiles(app, {
    "package.json": JSON.stringify({ type: "module" }),
    "src/main.ts": 'import { f } from "./lib.ts";\nawait f();\nconsole.log("main ran");\n',
    "src/lib.ts":
      'declare function open(name: string): AsyncDisposable;\nexport async function f(): Promise<void> {\n  await using resource = open("a name long enough to be cut short");\n}\n',
    "src/show.ts": 'import { view } from "./view.tsx";\nconsole.log(view);\n',
    "src/view.tsx": "export const view: string = String(<div />);\n",
    // Nothing to rewrite: the explicit await, of a value that cannot be a tagged instance.
    "src/explicit.ts":
      "declare function make(): Promise<AsyncDisposable>;\nexport async function g(): Promise<void> {\n  await using handle = await make();\n}\n",
    "src/loop.ts":
      "declare function clients(): AsyncDisposable[];\nexport async function h(): Promise<void> {\n  for (await using client of clients()) console.log(client);\n}\n",
    // An async iterable: the loop keeps its own await; a name the loop's expression uses is not taken.
    "src/stream.ts":
      "declare function items(n: number): AsyncIterable<AsyncDisposable>;\ndeclare const item: number;\nexport async function s(): Promise<void> {\n  for await (await using conn of items(item)) console.log(conn);\n}\n",
    // CommonJS: tsx compiles it out of the hook's reach (TS46011), so the message does not send the user there.
    "src/legacy.cts":
      "/** @asyncInit */\nclass Pool {\n  async init(): Promise<void> {}\n}\nasync function main(): Promise<void> {\n  await using pool = new Pool();\n}\nmain();\n",
  });
  const lib = run(NODE_22, ["--import", "ts-async-init/register", "src/main.ts"], { cwd: app });
  t.not(lib.code, 0, lib.output);
  t.regex(
    lib.stderr,
    /ts-async-init\/register: src\/lib\.ts:3:3 declares 'await using', .* Use 'const resource = await …' and 'await resource\[Symbol\.asyncDispose\]\(\)' in its place, .* or tsx, which lowers 'await using': node --import ts-async-init\/register --import tsx src\/main\.ts\n/,
  );
  // A module the rewrite leaves as it is gets the same message, without an await added to the one written.
  const explicit = run(NODE_22, ["--import", "ts-async-init/register", "src/explicit.ts"], { cwd: app });
  t.not(explicit.code, 0, explicit.output);
  t.regex(
    explicit.stderr,
    /ts-async-init\/register: src\/explicit\.ts:3:3 declares 'await using', .* Use 'const handle = await make\(\)' and 'await handle\[Symbol\.asyncDispose\]\(\)' in its place/,
  );
  t.notRegex(explicit.stderr, /SyntaxError/);
  const loop = run(NODE_22, ["--import", "ts-async-init/register", "src/loop.ts"], { cwd: app });
  t.not(loop.code, 0, loop.output);
  t.regex(
    loop.stderr,
    /src\/loop\.ts:3:8 declares 'await using', .* Use 'for \(const item of clients\(\)\) \{ const client = await item; … \}' and 'await client\[Symbol\.asyncDispose\]\(\)' in its place/,
  );
  const stream = run(NODE_22, ["--import", "ts-async-init/register", "src/stream.ts"], { cwd: app });
  t.regex(stream.stderr, /Use 'for await \(const each of items\(item\)\) \{ const conn = await each; … \}'/, stream.stderr);
  const legacy = run(NODE_22, ["--import", "ts-async-init/register", "src/legacy.cts"], { cwd: app });
  t.not(legacy.code, 0, legacy.output);
  t.regex(
    legacy.stderr,
    /src\/legacy\.cts:6:3 declares 'await using', .* Use 'const pool = await new Pool\(\)' and 'await pool\[Symbol\.asyncDispose\]\(\)' in its place, or Node\.js 24 or later \(tsx, which lowers 'await using', compiles a CommonJS module out of this hook's reach\)\n/,
  );
  t.notRegex(legacy.stderr, /--import tsx|SyntaxError/);
  const view = run(NODE_24, ["--import", "ts-async-init/register", "src/show.ts"], { cwd: app });
  t.not(view.code, 0, view.output);
  t.regex(
    view.stderr,
    /ts-async-init\/register: src\/view\.tsx is TypeScript that Node\.js does not run here: Node\.js strips the types of \.ts, \.mts and \.cts files only\. Use tsx: node --import ts-async-init\/register --import tsx src\/show\.ts\n/,
  );
});

/** The text back end of the build under test. */
const transformWithThisBuild = (source, path) =>
  createRequire(import.meta.url)(join(PROJECT, "node_modules/ts-async-init/dist/api.js")).transform(source, path);

test("a tagged class in a JavaScript file of the app, which the hook does not rewrite, is told about once on stderr (ES module, and CommonJS through require), at its tag, not at a comment that mentions the tag in prose nor in a template literal (code that writes code); one in node_modules, or output this package wrote, is not", (t) => {
  const app = appDir("register-tagged-js");
  const tagged = (name) => `/** @asyncInit */\nclass ${name} {\n  ready = false;\n  async init() {\n    this.ready = true;\n  }\n}\n`;
  writeFiles(app, {
    "package.json": JSON.stringify({ type: "module" }),
    "src/main.ts":
      'import { createRequire } from "node:module";\nimport { Legacy } from "./legacy.js";\nimport { Lib } from "lib";\nimport "./prose.js";\nconst require = createRequire(import.meta.url);\nconst { Old } = require("./old.cjs");\nconst again = await import("./legacy.js");\nconst { Built } = await import("./built.js");\nconsole.log((await new Legacy()).ready, (await new Old()).ready, new Lib().ready, again.Legacy === Legacy, (await new Built()).ready);\n',
    // The tag mentioned in prose first (no class follows that comment), then a tagged class.
    "src/legacy.js": `// Written by hand.\n/** Unlike a class tagged @asyncInit, this is ready at once. */\nexport function helper() {}\n${tagged("Legacy")}export { Legacy };\n`,
    "src/prose.js":
      "/**\n * Classes tagged @asyncInit live in the TypeScript files.\n */\nexport const prose = true;\n// Code that writes code: the tag in a template literal.\nexport const generated = `/** @asyncInit */\nexport class Gen {}\n`;\n",
    "src/old.cjs": `${tagged("Old")}module.exports = { Old };\n`,
    "node_modules/lib/package.json": JSON.stringify({ name: "lib", type: "module", main: "index.js" }),
    "node_modules/lib/index.js": `${tagged("Lib")}export { Lib };\n`,
    // A CommonJS TypeScript module that requires CommonJS JavaScript (Node's CommonJS loader reads that file).
    "src/legacy-main.cts": 'const { Older } = require("./older.cjs");\nconsole.log(new Older().ready);\n',
    "src/older.cjs": `${tagged("Older")}module.exports = { Older };\n`,
    // JavaScript this package rewrote (its text back end's output of a .js module): tag kept, plumbing in.
    "src/built.js": transformWithThisBuild(`${tagged("Built")}export { Built };\n`, "built.js").code,
  });
  for (const flag of ["--import", "--require"]) {
    const result = run(NODE_24, [flag, "ts-async-init/register", "src/main.ts"], { cwd: app });
    t.is(result.code, 0, result.output);
    // As written: nothing makes it thenable, so await yields it unready.
    t.is(result.stdout.trim(), "false false false true true", flag);
    const lines = result.stderr.trim().split("\n");
    t.deepEqual(
      lines.map((line) => line.replace(/ tags a class .*$/, "")),
      ["ts-async-init/register: src/legacy.js:4:5", "ts-async-init/register: src/old.cjs:1:5"],
      flag,
    );
    t.regex(
      lines[0],
      / tags a class @asyncInit in JavaScript, which this hook leaves as it is \(it rewrites \.ts, \.mts and \.cts files\): the class runs as written, and its init never runs\. Write it in a TypeScript file\.$/,
    );
  }
  for (const [node, flag] of [
    [NODE_24, "--import"],
    [NODE_22, "--import"],
    [NODE_24, "--require"],
  ]) {
    const result = run(node, [flag, "ts-async-init/register", "src/legacy-main.cts"], { cwd: app });
    t.is(result.code, 0, result.output);
    t.is(result.stdout.trim(), "false", `${nodeName(node)} ${flag}`);
    t.regex(result.stderr, /^ts-async-init\/register: src\/older\.cjs:1:5 tags a class @asyncInit in JavaScript/, `${nodeName(node)} ${flag}`);
  }
});

test("Node 24, CommonJS: a .cts entry and what it requires are rewritten too", (t) => {
  const result = runRecipe("register/node", { entry: "src/legacy.cts" });
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), "init pool, body, dispose pool");
});

test("--require ts-async-init/register (module.registerHooks) on Node 22, 24 and 26: ES modules, a CommonJS entry and a createRequire() are all rewritten; --import on Node 26 too", (t) => {
  const cases = [
    [NODE_22, "src/main22.ts", "new a, init a, new b, init b, body b, dispose b"],
    [NODE_22, "src/required.mts", "init pool, body, dispose pool"],
    [NODE_24, "src/main.ts", EXPECTED],
    [NODE_24, "src/legacy.cts", "init pool, body, dispose pool"],
    [NODE_24, "src/required.mts", "init pool, body, dispose pool"],
    [NODE_26, "src/legacy.cts", "init pool, body, dispose pool"],
    [NODE_26, "src/required.mts", "init pool, body, dispose pool"],
  ];
  const runs = [...cases.map((c) => [...c, "--require"]), ...cases.filter(([node]) => node === NODE_26).map((c) => [...c, "--import"])];
  for (const [node, entry, expected, flag] of runs) {
    ranCleanly(t, run(node, [flag, "ts-async-init/register", entry], { cwd: dir }), `${nodeName(node)} ${flag} ${entry}`, expected);
  }
});

test("--require ts-async-init/register with tsx among Node's loaders on Node 22 and 24.9: the hook stays a module.register() one (both kinds together crash Node 24.0 – 24.11), rewrites the app, and says nothing (the hook sees each module twice there: the second look leaves rewritten code alone)", (t) => {
  for (const node of [NODE_22, NODE_24]) {
    for (const tsx of [["--import", "tsx"], ["--import=tsx/esm"], ["-r", "tsx/cjs", "--import", "tsx/esm"]]) {
      const result = run(node, ["--require", "ts-async-init/register", ...tsx, "src/main.ts"], { cwd: dir });
      t.notRegex(result.output, /loadSync is not a function/, tsx.join(" "));
      t.is(result.stderr, "", `${nodeName(node)} ${tsx.join(" ")}`);
      t.is(result.stdout.trim(), EXPECTED, `${nodeName(node)} ${tsx.join(" ")}`);
    }
    const fromEnv = run(node, ["--import", "tsx", "src/main.ts"], { cwd: dir, env: { NODE_OPTIONS: "-r ts-async-init/register" } });
    t.is(fromEnv.stderr, "", `${nodeName(node)} NODE_OPTIONS`);
    t.is(fromEnv.stdout.trim(), EXPECTED, `${nodeName(node)} NODE_OPTIONS`);
  }
});

test("--require ts-async-init/register with options that only name tsx (--title=tsx, a folder called tsx-app) still uses module.registerHooks(): the CommonJS entry is rewritten", (t) => {
  const result = run(NODE_24, ["--title=tsx", "--require", "ts-async-init/register", "--import", "./tsx-app/none.mjs", "src/legacy.cts"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.is(result.stdout.trim(), "init pool, body, dispose pool");
});

test("--import on Node 22 and 24: a require() made through createRequire() is rewritten too (CommonJS, an ES module, what that ES module imports), though module.register()'s hooks never see it", (t) => {
  const cases = [
    ["src/required.mts", "init pool, body, dispose pool"],
    ["src/requiredEsm.mts", "new a, init a, new b, init b, body b, dispose b"],
  ];
  for (const node of [NODE_22, NODE_24]) {
    for (const [entry, expected] of cases) {
      ranCleanly(t, runRecipe("register/node", { node, entry }), `${nodeName(node)} ${entry}`, expected);
    }
  }
});

test('a package.json without "type" (format typescript), on Node 22, 24 and 26, with --import and --require: createRequire() of CommonJS and of an ES module, and a CommonJS entry\'s require, are all rewritten', (t) => {
  for (const node of [NODE_22, NODE_24, NODE_26]) {
    for (const flag of ["--import", "--require"]) {
      for (const [entry, expected] of [
        ["notype/main.mts", "init pool, body, dispose pool, esm true"],
        ["notype/main.ts", "init pool, body, dispose pool"],
      ]) {
        // Node 22 has no await using, which main.ts has.
        if (node === NODE_22 && entry.endsWith("main.ts")) continue;
        ranCleanly(t, run(node, [flag, "ts-async-init/register", entry], { cwd: dir }), `${nodeName(node)} ${flag} ${entry}`, expected);
      }
    }
  }
});

test("another require hook that compiles TypeScript itself (Node 24, --import): a tagged class it compiled fails the require, error TS46011 at the tag; a file with await using alone (and the tag only in prose), which a compiler with a type checker may rightly leave as written, runs", (t) => {
  const withOtherLoader = (entry) =>
    run(NODE_24, ["--disable-warning=ExperimentalWarning", "--require", "./other-loader.cjs", "--import", "ts-async-init/register", entry], { cwd: dir });
  ranCleanly(t, withOtherLoader("src/requiredUsing.mts"), "await using alone", "body, dispose a");

  const tagged = withOtherLoader("src/required.mts");
  t.not(tagged.code, 0);
  t.is(tagged.stdout, "", "nothing ran");
  t.regex(
    tagged.stderr,
    /src\/pool\.cts:3:5 - error TS46011: ts-async-init never sees the TypeScript of this module: it came compiled from the file itself by another loader \(tsx\?\), as CommonJS or through require\(\)[^\n]*\. Its @asyncInit classes would run as written, and their init never\./,
  );
  t.is(tagged.stderr.split("error TS46011").length, 2, "said once");
  t.notRegex(tagged.stderr, /dist[\\/]|hooks\.js|require\.js/);
});

test("--import on Node 24: an error (TS46001) in a module required through createRequire() fails the require with file:line:col and the code, and no stack of the hook", (t) => {
  const result = runRecipe("register/node", { entry: "src/requiredBad.mts" });
  t.not(result.code, 0);
  t.is(result.stdout, "");
  t.true(result.stderr.includes("src/bad.ts:4:14 - error TS46001: @asyncInit class 'Broken' has no method 'init'."), result.stderr);
  t.is(result.stderr.split("warning TS46003").length, 2, result.stderr);
  t.notRegex(result.stderr, /dist[\\/]|hooks\.js|require\.js/);
});

test("tsx, with ts-async-init/register imported first, on Node 22, 24 and 26: what tsx compiles itself (CommonJS: a CommonJS entry and its require; anything loaded by require(): createRequire() of CommonJS and of ES modules) is out of the hook's reach: a module with a tagged class fails its load, error TS46011 at the tag", (t) => {
  const said =
    /src\/(?:pool\.cts|db\.ts):3:5 - error TS46011: ts-async-init never sees the TypeScript of this module: it came compiled from the file itself by another loader \(tsx\?\), as CommonJS or through require\(\), out of this hook's reach: under tsx, write ES modules \("type": "module", or \.mts\) and load them with import\. Its @asyncInit classes would run as written, and their init never\.\n/;
  for (const node of [NODE_22, NODE_24, NODE_26]) {
    for (const entry of ["src/required.mts", "src/legacy.cts", "src/requiredEsm.mts"]) {
      const result = run(node, ["--import", "ts-async-init/register", "--import", "tsx", entry], { cwd: dir });
      const where = `${nodeName(node)} ${entry}`;
      t.not(result.code, 0, where);
      t.is(result.stdout, "", `${where}: nothing ran`);
      t.regex(result.stderr, said, where);
      t.is(result.stderr.split("error TS46011").length, 2, `${where}: said once: ${result.stderr}`);
    }
  }
});

test("Node 26 (module.registerHooks, no DEP0205 warning): the same app, the same order", (t) => {
  const result = runRecipe("register/node", { node: NODE_26 });
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), EXPECTED);
});

test("tsx, with ts-async-init/register imported first: tsx compiles the rewritten TypeScript (Node 24.9: tsx's hooks and ours both module.register(); Node 26: both module.registerHooks())", (t) => {
  for (const node of [NODE_24, NODE_26]) {
    const result = runRecipe("register/tsx", { node });
    t.is(result.code, 0, result.output);
    t.is(result.stderr, "");
    t.is(result.stdout.trim(), EXPECTED);
  }
});

test("a package under node_modules that ships its .ts (a workspace package): tsx runs its tagged class rewritten; Node refuses it with its own error, as without the hook", (t) => {
  const workspace = appDir("register-node-modules");
  writeFiles(workspace, {
    "package.json": JSON.stringify({ type: "module" }),
    "node_modules/remote-db/package.json": JSON.stringify({ name: "remote-db", type: "module", exports: "./index.ts" }),
    "node_modules/remote-db/index.ts":
      "/** @asyncInit */\nexport class Remote {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n",
    "src/main.ts": 'import { Remote } from "remote-db";\n\nconst remote = await new Remote();\nconsole.log("ready " + remote.ready);\n',
  });
  const words = recipe("register/tsx").trim().split(/\s+/).slice(1);
  const tsx = run(NODE_24, words, { cwd: workspace });
  t.is(tsx.code, 0, tsx.output);
  t.is(tsx.stderr, "");
  t.is(tsx.stdout.trim(), "ready true");
  const node = run(NODE_24, ["--import", "ts-async-init/register", "src/main.ts"], { cwd: workspace });
  t.not(node.code, 0);
  t.regex(node.stderr, /ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING/);
});

test("files saved with a byte order mark: rewritten by the hook with tsx (two of them, with a tag and with await using only) and without it", (t) => {
  const bom = "\uFEFF";
  const dir = appDir("register-bom");
  writeFiles(dir, {
    "package.json": JSON.stringify({ type: "module" }),
    "src/db.ts": `${bom}/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n  async [Symbol.asyncDispose](): Promise<void> {\n    console.log("disposed " + this.ready);\n  }\n}\n`,
    "src/main.ts": `${bom}import { Db } from "./db.ts";\n\n{\n  await using db = new Db();\n  console.log("ready " + db.ready);\n}\n`,
  });
  const words = recipe("register/tsx").trim().split(/\s+/).slice(1, -1);
  for (const args of [
    [...words, "src/main.ts"],
    ["--import", "ts-async-init/register", "src/main.ts"],
  ]) {
    const result = run(NODE_24, args, { cwd: dir });
    t.is(result.code, 0, result.output);
    t.is(result.stderr, "", args.join(" "));
    t.is(result.stdout.trim(), "ready true\ndisposed true", args.join(" "));
  }
});

test("workers: a Worker gets the hook through the parent's execArgv, as the README says; one given execArgv: [] runs its tagged class as written; one given the hook's --import gets it again", (t) => {
  const dir = appDir("register-workers");
  writeFiles(dir, {
    "package.json": JSON.stringify({ type: "module" }),
    "src/worker.ts":
      'import { parentPort } from "node:worker_threads";\n\n/** @asyncInit */\nclass Db {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n\nparentPort?.postMessage((await new Db()).ready);\n',
    "src/main.ts": `import { Worker } from "node:worker_threads";

for (const execArgv of [undefined, [], ["--import", "ts-async-init/register"]]) {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { execArgv });
  worker.on("message", (ready) => console.log(JSON.stringify(execArgv ?? "inherited") + " " + ready));
  await new Promise((resolve) => worker.on("exit", resolve));
}
`,
  });
  const result = run(NODE_24, ["--import", "ts-async-init/register", "src/main.ts"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.is(result.stdout.trim(), '"inherited" true\n[] false\n["--import","ts-async-init/register"] true');
});

test("node --import ts-async-init (the main entry, not /register), or -r, or in NODE_OPTIONS: error TS46010 names the hook to load, and the app does not run as written", (t) => {
  /** @type {[string[], Record<string, string>][]} */
  const runs = [
    [["--import", "ts-async-init", "src/main.ts"], {}],
    [["-r", "ts-async-init", "src/main.ts"], {}],
    [["src/main.ts"], { NODE_OPTIONS: "--import=ts-async-init" }],
  ];
  for (const [args, env] of runs) {
    const result = run(NODE_24, args, { cwd: dir, env });
    t.not(result.code, 0, args.join(" "));
    t.is(result.stdout, "", "nothing ran");
    t.regex(
      result.stderr,
      /error TS46010: ts-async-init's main entry is a TypeScript transformer, and was loaded into Node\.js with --import or --require, where it rewrites nothing\. Load the hook .*: node --import ts-async-init\/register app\.ts/,
    );
  }
});

test("tsx's own command with --import ts-async-init/register (tsx's hooks first) on Node 24.9: nothing is rewritten: the module with the tagged classes fails its load (TS46011 at the tag), and nothing runs; one with await using alone is said once", (t) => {
  const result = run(NODE_24, [join(PROJECT, "node_modules/tsx/dist/cli.mjs"), "--import", "ts-async-init/register", "src/main.ts"], { cwd: dir });
  const how =
    "it came already compiled, by a loader registered before this hook (tsx?): import ts-async-init/register first, with --import, `node --import ts-async-init/register --import tsx src/main.ts`";
  t.not(result.code, 0);
  t.is(result.stdout, "", "nothing ran");
  t.true(result.stderr.startsWith(`ts-async-init/register: src/main.ts was NOT rewritten: ${how}.\n`), result.stderr);
  t.true(
    result.stderr.includes(
      `src/db.ts:3:5 - error TS46011: ts-async-init never sees the TypeScript of this module: ${how}. Its @asyncInit classes would run as written, and their init never.\n`,
    ),
    result.stderr,
  );
  t.is(result.stderr.split("error TS46011").length, 2, "said once");
  // The tag written with no space after the comment's start.
  const tight = run(NODE_24, [join(PROJECT, "node_modules/tsx/dist/cli.mjs"), "--import", "ts-async-init/register", "src/tight-main.ts"], { cwd: dir });
  t.not(tight.code, 0);
  t.is(tight.stdout, "", "nothing ran");
  t.true(tight.stderr.includes("src/tight.ts:1:4 - error TS46011: ts-async-init never sees the TypeScript of this module"), tight.stderr);
});

test("an error (TS46001) fails the load with file:line:col and the code, and no stack of the hook; a warning goes to stderr once", (t) => {
  const result = runRecipe("register/node", { entry: "src/bad.ts" });
  t.not(result.code, 0);
  t.is(result.stdout, "");
  t.true(result.stderr.includes("src/bad.ts:4:14 - error TS46001: @asyncInit class 'Broken' has no method 'init'."), result.stderr);
  t.true(result.stderr.includes(`    at ${join(dir, "src/bad.ts")}:4:14\n`), result.stderr);
  t.is(result.stderr.split("warning TS46003").length, 2, result.stderr);
  t.true(result.stderr.includes("src/bad.ts:8:1 - warning TS46003:"), result.stderr);
  t.notRegex(result.stderr, /dist[\\/]|hooks\.js/);
});

test("a file edited and loaded again in the same process (an import with a new query) says its new warnings; the same text loaded again says nothing new", (t) => {
  const edited = appDir("register-reload");
  const first = "// @asyncInit\nexport class A {}\n";
  writeFiles(edited, {
    "package.json": '{ "type": "module" }\n',
    "src/edited.ts": first,
    "src/reload.mts": `import { writeFileSync } from "node:fs";
await import("./edited.ts?v=1");
await import("./edited.ts?v=2");
writeFileSync(new URL("./edited.ts", import.meta.url), ${JSON.stringify(`${first}/** @asyncinit */
export class B {}
`)});
await import("./edited.ts?v=3");
console.log("loaded");
`,
  });
  const result = run(NODE_24, ["--import", "ts-async-init/register", "src/reload.mts"], { cwd: edited });
  t.is(result.code, 0, result.stderr);
  t.is(result.stdout, "loaded\n");
  const warnings = result.stderr.split("\n").filter((line) => line.includes("warning TS46003"));
  t.deepEqual(
    warnings.map((line) => line.slice(0, line.indexOf(" - "))),
    ["src/edited.ts:1:1", "src/edited.ts:3:1"],
    result.stderr,
  );
});

test("a module whose template literal holds the plumbing's import on a line of its own is rewritten (no output of the hook's, which it would leave alone)", (t) => {
  const quoting = appDir("register-quoting");
  writeFiles(quoting, {
    "package.json": '{ "type": "module" }\n',
    "src/quoting.ts": `export const template = \`
import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
\`;
/** @asyncInit */
export class Db {
  ready = false;
  async init() { this.ready = true; }
}
console.log("ready", (await new Db()).ready);
`,
  });
  const result = run(NODE_24, ["--import", "ts-async-init/register", "src/quoting.ts"], { cwd: quoting });
  t.is(result.code, 0, result.stderr);
  t.is(result.stdout, "ready true\n");
});

test("a tagged file with a syntax error fails the load with TypeScript's messages at file:line:col, and no generated code in sight", (t) => {
  const result = runRecipe("register/node", { entry: "src/syntax.ts" });
  t.not(result.code, 0);
  t.true(result.stderr.includes("src/syntax.ts:3:47 - error TS1002: Unterminated string literal."), result.stderr);
  t.notRegex(result.stderr, /asyncInit_1|ts-async-init:|dist[\\/]|hooks\.js/);
});

test("an error on the line the plumbing joins (syntax Node cannot strip, an error thrown there) shows that line as written, not the plumbing: its code is after the last line", (t) => {
  const stripped = runRecipe("register/node", { entry: "src/enum.ts" });
  t.not(stripped.code, 0);
  t.true(stripped.stderr.includes("TypeScript enum is not supported in strip-only mode"), stripped.stderr);
  t.regex(stripped.stderr, /^const asyncInit_1 = asyncInitPlumbing_1\(\); enum Mode \{ Fast \}$/m, stripped.stderr);
  t.true(stripped.stderr.length < 2000, `${stripped.stderr.length} characters`);
  const thrown = runRecipe("register/node", { entry: "src/first-line.ts" });
  t.not(thrown.code, 0);
  t.true(thrown.stderr.includes("TypeError: Cannot read properties of undefined (reading 'name')"), thrown.stderr);
  t.regex(thrown.stderr, /^const asyncInit_1 = asyncInitPlumbing_1\(\); const missing {6}= undefined; console\.log\(missing\.name\);$/m, thrown.stderr);
  t.true(thrown.stderr.length < 2000, `${thrown.stderr.length} characters`);
});

test("code given with -e, --eval or -p is not rewritten, and the hook says so when it mentions the tag or await using; other code given so, without a word", (t) => {
  const tagged = '/** @asyncInit */ class A { async init() { console.log("init"); } } await new A(); console.log("done");';
  const cases = {
    "-e": ["--input-type=module-typescript", "-e", tagged],
    "--eval": ["--input-type=module-typescript", `--eval=${tagged}`],
    "-p": ["-p", "'@asyncInit'.length"],
  };
  for (const [option, args] of Object.entries(cases)) {
    const result = run(NODE_24, ["--import", "ts-async-init/register", ...args], { cwd: dir });
    t.is(result.code, 0, result.output);
    t.true(
      result.stderr.includes(`ts-async-init/register: the code given with ${option} was NOT rewritten (its @asyncInit classes, its await using)`),
      result.stderr,
    );
  }
  const plain = run(NODE_24, ["--import", "ts-async-init/register", "--input-type=module-typescript", "-e", "const n: number = 1; console.log(n);"], {
    cwd: dir,
  });
  t.is(plain.stdout, "1\n");
  t.is(plain.stderr, "");
});

test("node --test --experimental-test-coverage with --enable-source-maps, as the README says: the lines of a rewritten module that did not run are reported", (t) => {
  const options = [
    "--enable-source-maps",
    "--import",
    "ts-async-init/register",
    "--test",
    "--experimental-test-coverage",
    "--test-coverage-exclude=**/*.test.ts",
    "src/covered.test.ts",
  ]; // the app is under test/, which Node leaves out by default;
  const result = run(NODE_24, options, { cwd: dir });
  t.is(result.code, 0, result.output);
  const row = result.stdout.split("\n").find((line) => line.includes("covered.ts") && !line.includes("test"));
  t.regex(row ?? "", /\|\s*5-6\s*$/, result.stdout);
});

test("a TypeScript file that Node does not strip (Node 20; type stripping turned off; .tsx): the hook says why, and what to use, instead of ERR_UNKNOWN_FILE_EXTENSION and a stack", (t) => {
  const cases = [
    {
      node: process.execPath,
      options: [],
      entry: "src/main.ts",
      why: /Node\.js v20\.\d+\.\d+ does not strip types \(22\.18 and later do\)\. Use Node\.js 22\.18 or later, or tsx: node --import ts-async-init\/register --import tsx src\/main\.ts/,
    },
    {
      node: NODE_24,
      options: ["--no-experimental-strip-types"],
      entry: "src/main.ts",
      why: /type stripping is turned off \(--no-experimental-strip-types\?\)\. Turn it on, or use tsx: /,
    },
    {
      node: NODE_24,
      options: [],
      entry: "src/view.tsx",
      why: /Node\.js strips the types of \.ts, \.mts and \.cts files only\. Use tsx: node --import ts-async-init\/register --import tsx src\/view\.tsx/,
    },
  ];
  for (const { node, options, entry, why } of cases) {
    const result = run(node, [...options, "--import", "ts-async-init/register", entry], { cwd: dir });
    t.not(result.code, 0, entry);
    t.true(result.stderr.includes(`ts-async-init/register: ${entry} is TypeScript that Node.js does not run here: `), result.stderr);
    t.regex(result.stderr, why);
    t.notRegex(result.stderr, /ERR_UNKNOWN_FILE_EXTENSION|hooks\.js/);
  }
});

test("-r ts-async-init/register where Node does not strip types (Node 20; type stripping turned off): a CommonJS .ts entry, with annotations or none, fails with the same message as with --import, instead of running unrewritten; so does one without the tag that JavaScript cannot parse", (t) => {
  const cjs = appDir("register-r-unstripped");
  writeFiles(cjs, {
    "package.json": JSON.stringify({ type: "commonjs" }),
    // No annotation: Node would run it as JavaScript, its init never run.
    "plain.ts":
      '/** @asyncInit */\nclass Db {\n  ready = false;\n  async init() {\n    this.ready = true;\n  }\n}\nnew Db().then((db) => console.log("ready " + db.ready));\n',
    "plain-js.ts": "module.exports = 41 + 1;\n",
    "main.cjs": 'console.log(require("./plain-js.ts"));\n',
    "typed.ts":
      '/** @asyncInit */\nclass Db {\n  ready: boolean = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\nnew Db().then((db: Db) => console.log("ready " + db.ready));\n',
    // Nothing to rewrite, but types: the same message, not a SyntaxError at the annotation.
    "annotated.ts": "const answer: number = 42;\nconsole.log(answer);\n",
    // A SyntaxError that the module's own code throws is its own.
    "parses.ts": 'JSON.parse("{");\n',
  });
  for (const [node, options, why] of [
    [process.execPath, [], /Node\.js v20\.\d+\.\d+ does not strip types/],
    [NODE_24, ["--no-experimental-strip-types"], /type stripping is turned off/],
  ]) {
    for (const entry of ["plain.ts", "typed.ts", "annotated.ts"]) {
      const result = run(/** @type {string} */ (node), [.../** @type {string[]} */ (options), "-r", "ts-async-init/register", entry], { cwd: cjs });
      t.not(result.code, 0, entry);
      t.is(result.stdout, "", "nothing ran");
      t.true(result.stderr.includes(`ts-async-init/register: ${entry} is TypeScript that Node.js does not run here: `), result.stderr);
      t.regex(result.stderr, /** @type {RegExp} */ (why));
      // CommonJS ("type": "commonjs"): tsx would compile it out of the hook's reach (TS46011), so it is offered for an ES module only.
      t.regex(
        result.stderr,
        /, or make it an ES module \("type": "module" in package\.json, or \.mts\) and use tsx: node --import ts-async-init\/register --import tsx /,
      );
      t.notRegex(result.stderr, /tsx\?|require\.js|SyntaxError/, result.stderr);
    }
    // A .ts file with nothing to rewrite is Node's business: JavaScript as it is, it runs as without the hook.
    const untouched = run(/** @type {string} */ (node), [.../** @type {string[]} */ (options), "-r", "ts-async-init/register", "main.cjs"], { cwd: cjs });
    t.is(untouched.code, 0, untouched.output);
    t.is(untouched.stdout.trim(), "42");
    const thrown = run(/** @type {string} */ (node), [.../** @type {string[]} */ (options), "-r", "ts-async-init/register", "parses.ts"], { cwd: cjs });
    t.not(thrown.code, 0);
    t.true(thrown.stderr.includes("SyntaxError: Expected property name"), thrown.stderr);
    t.false(thrown.stderr.includes("ts-async-init/register:"), thrown.stderr);
  }
});

test("why a Node.js does not strip a file's types, by version: 22.6 to 22.17 and 23.0 to 23.5 are told the flag that turns it on; a CommonJS module is told to become an ES module before tsx", async (t) => {
  const { whyNotStripped } = await import(join(PROJECT, "node_modules/ts-async-init/dist/frontends/register/hooks.js"));
  const flag =
    "Add --experimental-strip-types (node --experimental-strip-types --import ts-async-init/register src/main.ts), use Node.js 22.18 or later, or tsx: ";
  for (const version of ["22.6.0", "22.12.0", "22.17.1", "23.5.0"]) {
    t.true(
      whyNotStripped("src/main.ts", "src/main.ts", version).startsWith(
        `Node.js v${version} strips types only when told to (22.18 and later do by default). ${flag}`,
      ),
      version,
    );
  }
  for (const version of ["20.20.2", "22.5.1"])
    t.regex(whyNotStripped("src/main.ts", "src/main.ts", version), new RegExp(`^Node\\.js v${version} does not strip types`), version);
  for (const version of ["22.18.0", "23.6.0", "24.9.0"])
    t.regex(whyNotStripped("src/main.ts", "src/main.ts", version), /^type stripping is turned off/, version);
  t.regex(whyNotStripped("src/view.tsx", "src/view.tsx", "24.9.0"), /^Node\.js strips the types of \.ts, \.mts and \.cts files only\. Use tsx: /);
  // A CommonJS module: tsx only once it is an ES module.
  t.regex(
    whyNotStripped("src/main.ts", "src/main.ts", "20.20.2", true),
    /^Node\.js v20\.20\.2 does not strip types \(22\.18 and later do\)\. Use Node\.js 22\.18 or later, or make it an ES module \(/,
  );
  t.regex(whyNotStripped("src/view.tsx", "src/view.tsx", "24.9.0", true), /only\. Make it an ES module \("type": "module" in package\.json\) and use tsx: /);
  // A .cts file is CommonJS whatever package.json says: renamed, it is an ES module.
  t.regex(whyNotStripped("src/a.cts", "src/a.cts", "20.20.2", true), /Use Node\.js 22\.18 or later, or rename it to \.mts and use tsx: /);
});

test("an error thrown inside init points at its .ts line with --enable-source-maps", (t) => {
  const result = runRecipe("register/source-maps", { entry: "src/throws.ts" });
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), `at Db.init (${join(dir, "src/throws.ts")}:4:11)`);
});

test("with --enable-source-maps, a file whose name has a space, a # and a % is named whole in the stack (the map names it by its URL)", (t) => {
  const files = {
    "src/db #1 %.ts": APP["src/throws.ts"],
    "src/odd-name.ts": 'import "./db%20%231%20%25.ts";\n',
  };
  writeFiles(dir, files);
  const result = runRecipe("register/source-maps", { entry: "src/odd-name.ts" });
  t.is(result.code, 0, result.output);
  t.is(result.stdout.trim(), `at Db.init (${join(dir, "src/db #1 %.ts")}:4:11)`);
});

test("without --enable-source-maps, an error thrown inside init points at its .ts line too (the hook keeps every line)", (t) => {
  const result = runRecipe("register/node", { entry: "src/throws.ts" });
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  // Node names the module by its URL where no source map renamed it.
  t.is(result.stdout.trim(), `at Db.init (${pathToFileURL(join(dir, "src/throws.ts"))}:4:11)`);
});
