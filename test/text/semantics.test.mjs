// What the text back end's output does when it runs: compiled by plain
// transpileModule (no plugin) and run by Node. The programs of programs.mjs run
// as the AST back end's output of the same programs does; then the corners of
// what the text back end writes itself: `await using` without a checker (several
// declarators, loops, a value that is not a tagged instance: no added microtask
// turn), the context of async functions, shadowed globals, JavaScript files.

import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { build, NODE_24, pluginMessages, runNode } from "../support/project.mjs";
import { CLASSES, DISPOSABLES, SHADOWS, USAGE } from "./programs.mjs";
import { runFiles, transform, transformAll, transformAndRun, ts } from "./support.mjs";

const PROGRAMS = {
  "classes.ts": CLASSES,
  "disposables.ts": DISPOSABLES,
  "usage.ts": USAGE,
  "main.ts": `import { awaitAll, log } from "./classes.js";
import { generic, main } from "./usage.js";
console.log((await awaitAll()).join(","));
log.length = 0;
console.log((await main(["p", "q"])).join("|"));
const plain = { async [Symbol.asyncDispose]() {} };
console.log((await generic(() => plain)) === plain);
`,
};

test("the programs of programs.mjs run as the AST back end's output of them does (ES2022, ES2017, and ESNext on Node 24; and with keepLines)", (t) => {
  const ast = build(PROGRAMS, { compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext" } });
  const expected = runNode(join(ast.outDir, "main.js"));
  t.is(expected.stderr, "");
  t.regex(expected.stdout, /^d,1,true\ninit a object\|init b object\|init c object\|body a b c\|dispose grandchild c/);
  for (const target of ["ES2022", "ES2017"]) t.deepEqual(transformAndRun(t, PROGRAMS, { target }), expected.stdout.trim().split("\n"), target);
  for (const target of ["ES2022", "ES2017"])
    t.deepEqual(transformAndRun(t, PROGRAMS, { target, keepLines: true }), expected.stdout.trim().split("\n"), `${target}, keepLines`);
  t.deepEqual(transformAndRun(t, PROGRAMS, { target: "ESNext", node: NODE_24 }), expected.stdout.trim().split("\n"), "ESNext");
});

test("for a tool that lowers class fields with Oxc (nameClassExpressions: Vite and Rolldown below ES2022), an anonymous tagged class expression is written with the name it takes from its place; not where its own code mentions the name, nor a name no class can have; never for other tools", (t) => {
  const { transformFor } = createRequire(import.meta.url)("../../dist/frontends/api.js");
  const main = `export const Tagged = /** @asyncInit */ class {
  v = 1;
  async init() {}
};
const holder = { Prop: /** @asyncInit */ (class { async init() {} }) as unknown as new () => object, default: /** @asyncInit */ class { async init() {} } };
let Late: unknown;
Late ??= /** @asyncInit */ class { async init() {} };
export const Self = /** @asyncInit */ class {
  static self = () => Self;
  async init() {}
};
let \\u0045s = /** @asyncInit */ class { async init() {} };
const Pool = /** @asyncInit */ class { async init() { console.log("Pool init"); } }; // Pool in a string only
console.log(Tagged.name, new Tagged().constructor.name, holder.Prop.name, holder.default.name, (Late as Function).name, Self.name, Self.self() === Self, Es.name, Pool.name);
const ready = await new Tagged();
console.log(ready.v);
`;
  const rewrite = (frontEnd) => {
    const result = transformFor(main, "main.ts", { target: "ES2020" }, frontEnd);
    t.deepEqual(result.diagnostics, []);
    return result.code;
  };
  const code = rewrite({ nameClassExpressions: true });
  t.regex(code, /export const Tagged = \/\*\* @asyncInit \*\/ class Tagged \{/);
  t.regex(code, /\(class Prop \{/);
  t.regex(code, /Late \?\?= \/\*\* @asyncInit \*\/ class Late \{/);
  t.regex(code, /export const Self = \/\*\* @asyncInit \*\/ class \{/, "the class mentions Self: left anonymous");
  t.regex(code, /default: \/\*\* @asyncInit \*\/ class \{/, "no class is named default");
  t.regex(code, /let \\u0045s = \/\*\* @asyncInit \*\/ class \{/, "a name written with escapes is left");
  t.regex(code, /const Pool = \/\*\* @asyncInit \*\/ class Pool \{/, "a mention in a string is no reference");
  t.notRegex(rewrite({}), /class (Tagged|Prop|Late) \{/, "other tools (esbuild renames such a class: Tagged2)");
  const expected = ["Tagged Tagged Prop default Late Self true Es Pool", "1"];
  for (const target of ["ES2020", "ES2022"]) t.deepEqual(runFiles({ "main.ts": code }, { target }).stdout.trim().split("\n"), expected, target);
});

/** A module that counts microtask turns while `await using` enters and leaves. */
const TURNS = `let turns = 0;
let counting = false;
function tick() {
  if (!counting) return;
  turns++;
  queueMicrotask(tick);
}

/** @asyncInit */
export class Db {
  async init() {}
  async [Symbol.asyncDispose]() {}
}

/** Turns taken before the body runs, and before the statement after the block runs. */
export async function measure(make: () => AsyncDisposable): Promise<string> {
  turns = 0;
  counting = true;
  queueMicrotask(tick);
  let entered = -1;
  {
    await using value = make();
    entered = turns;
    void value;
  }
  const left = turns;
  counting = false;
  return \`\${entered}/\${left}\`;
}
`;

test("await using of a value that is not a tagged instance waiting for init takes the turns plain await using takes", (t) => {
  const main = `import { Db, measure } from "./turns.js";
const plain = { async [Symbol.asyncDispose]() {} };
const ready = await new Db();
console.log(await measure(() => plain), await measure(() => ready), await measure(() => new Db()));
`;
  const transformed = transformAndRun(t, { "turns.ts": TURNS, "main.ts": main });
  // The same module without the tag, untransformed: plain await using.
  const untagged = runFiles({
    "turns.ts": TURNS.replace("/** @asyncInit */", ""),
    "main.ts": main.replace("const ready = await new Db();", "const ready = new Db();"),
  });
  t.is(untagged.stderr, "");
  const [plainTurns] = untagged.stdout.trim().split(" ");
  const [notTagged, ready, pending] = transformed[0].split(" ");
  t.log(`turns before the body / after the block: plain ${plainTurns}; not tagged ${notTagged}, ready ${ready}, waiting for init ${pending}`);
  t.is(notTagged, plainTurns, "a value that is not tagged");
  t.is(ready, plainTurns, "a tagged instance that is ready");
  t.not(pending.split("/")[0], "0", "a tagged instance not awaited yet is awaited on entry");
});

test("await using with several declarators: made one after the other, each awaited once made, disposed in reverse; a failing init stops the statement", (t) => {
  const files = {
    "main.ts": `const log: string[] = [];
/** @asyncInit */
class Db {
  constructor(readonly name: string, readonly fails = false) { log.push(\`make \${name}\`); }
  async init() { log.push(\`init \${this.name}\`); if (this.fails) throw new Error(\`\${this.name} failed\`); }
  async [Symbol.asyncDispose]() { log.push(\`dispose \${this.name}\`); }
}
function boom(): Db { log.push("boom"); throw new Error("boom"); }
async function run(f: () => Promise<void>) {
  try { await f(); } catch (e) { log.push(\`caught \${(e as Error).message}\`); }
  console.log(log.splice(0).join(", "));
}
await run(async () => {
  await using a = new Db("a"),
    b: Db = new Db("b"), plain = { async [Symbol.asyncDispose]() { log.push("dispose plain"); } }
  log.push(\`body \${a.name} \${b.name} \${typeof plain}\`);
});
await run(async () => { await using a = new Db("a"), b = boom(); log.push("body"); });
await run(async () => { await using a = new Db("a", true), b = new Db("b"); log.push("body"); });
`,
  };
  t.deepEqual(transformAndRun(t, files), [
    "make a, init a, make b, init b, body a b object, dispose plain, dispose b, dispose a",
    "make a, init a, boom, dispose a, caught boom",
    "make a, init a, caught a failed",
  ]);
});

// On Node 24 at ESNext: TypeScript's own lowering of a labeled `for (await using …; …; …)` moves the label off the loop.
test("for (await using x of xs) and for (await using x = …; …; …) with a label: each value awaited on entry, the body's own declarations kept apart", (t) => {
  const files = {
    "main.ts": `const log: string[] = [];
/** @asyncInit */
class Db {
  ready = false;
  constructor(readonly name: string) {}
  async init() { this.ready = true; }
  async [Symbol.asyncDispose]() { log.push(\`dispose \${this.name}\`); }
}
for (await using db of [new Db("a"), new Db("b")]) log.push(\`\${db.name} \${db.ready}\`)
for (await using db of [new Db("c")]) { const db = "shadowed"; log.push(db); }
let rounds = 0;
outer: for (await using db = new Db("d"); rounds < 2; rounds++) {
  log.push(\`\${db.name} \${db.ready} \${rounds}\`);
  continue outer;
}
console.log(log.join(", "));
`,
  };
  t.deepEqual(transformAndRun(t, files, { target: "ESNext", node: NODE_24 }), [
    "a true, dispose a, b true, dispose b, shadowed, dispose c, d true 0, d true 1, dispose d",
  ]);
});

test("an async method of a tagged class that awaits the instance from inside its init rejects instead of waiting forever", (t) => {
  const files = {
    "main.ts": `/** @asyncInit */
class Db {
  async init() { await this.helper(); }
  async helper() { await Promise.resolve(); await this; }
}
const db = new Db();
console.log(await Promise.race([
  db.then(() => "ready", (e: Error) => e.message),
  new Promise((resolve) => setTimeout(() => resolve("waits forever"), 1000)),
]));
`,
  };
  t.regex(transformAndRun(t, files)[0], /awaited from inside its own init/);
});

test("a return after an await in an async method of a tagged class hands its value over inside init: the instance rejects, a comma list and an object literal are returned whole", (t) => {
  const files = {
    "main.ts": `const log: string[] = [];
/** @asyncInit */
class Db {
  async init() {
    log.push(JSON.stringify(await this.options()), String(await this.count()));
    await this.connect();
  }
  async options() { await Promise.resolve(); return { retries: 2 }; }
  async count() { await Promise.resolve(); return log.push("counted"), 7; }
  async connect() { await Promise.resolve(); return this; }
}
const db = new Db();
console.log(await Promise.race([
  db.then(() => "ready", (e: Error) => e.message),
  new Promise((resolve) => setTimeout(() => resolve("waits forever"), 1000)),
]));
console.log(log.join(", "));
`,
  };
  for (const keepLines of [false, true]) {
    const [first, second] = transformAndRun(t, files, { keepLines });
    t.regex(first, /^Db was awaited from inside its own init .*returns it after an await/);
    t.is(second, 'counted, {"retries":2}, 7');
  }
});

test("a declared [Symbol.asyncDispose] type (declare, no member) gets the generated teardown: await using awaits init and disposes, in both back ends", (t) => {
  const files = {
    "main.ts": `/** @asyncInit */
class Db {
  declare [Symbol.asyncDispose]: () => Promise<void>;
  ready = false;
  async init() { await null; this.ready = true; console.log("init"); }
}
const Anon = /** @asyncInit */ class {
  declare [Symbol.asyncDispose]: () => Promise<void>;
  async init() { console.log("anon init"); }
};
{
  await using db = new Db();
  await using anon = new Anon();
  console.log("body", db.ready, typeof anon[Symbol.asyncDispose], Object.hasOwn(db, Symbol.asyncDispose));
}
const late = new Db();
await late[Symbol.asyncDispose]();
console.log("disposed before init:", late.ready);
export {};
`,
  };
  const expected = ["init", "anon init", "body true function false", "disposed before init: false"];
  const ast = build(files, { compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext" } });
  t.deepEqual(pluginMessages(ast.diagnostics), []);
  t.deepEqual(runNode(join(ast.outDir, "main.js")).stdout.trim().split("\n"), expected);
  for (const target of ["ES2022", "ES2017"]) t.deepEqual(transformAndRun(t, files, { target }), expected, target);
});

test("a module with its own Promise class and globalThis: the plumbing takes the global ones, and type-checks (see typecheck.test.mjs)", (t) => {
  const files = {
    "shadows.ts": SHADOWS,
    "main.ts": `import { Db, mine } from "./shadows.js";
const db = await new Db();
console.log(db.ready, mine);
await db[Symbol.asyncDispose]();
`,
  };
  t.deepEqual(transformAndRun(t, files), ["true mine"]);
  t.deepEqual(transformAndRun(t, files, { keepLines: true }), ["true mine"], "keepLines: the plumbing on one line");
});

test("a JavaScript file comes back as JavaScript, and runs as it is", (t) => {
  const source = `/** @asyncInit */
export class Db {
  async init() { this.ready = await Promise.resolve(true); }
  async [Symbol.asyncDispose]() { console.log("dispose"); }
}
{
  await using db = new Db();
  console.log("ready", db.ready);
}
`;
  const { code, diagnostics } = transform(source, "db.mjs", { target: "ES2022" });
  t.deepEqual(diagnostics, []);
  t.notRegex(code, /: (any|unknown|Promise<void>)\b| as (never|string)\b/);
  t.regex(code, /get then\(\)/);
  const run = runFiles({ "db.mjs": code }, { main: "db.mjs", node: NODE_24 });
  t.is(run.stderr, "");
  t.deepEqual(run.stdout.trim().split("\n"), ["ready true", "dispose"]);
  // And it is JavaScript to TypeScript's parser too.
  const parsed = ts.createSourceFile("db.mjs", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  t.deepEqual(
    parsed.parseDiagnostics.map((d) => d.messageText),
    [],
  );
});

test("transformAll fails on diagnostics, so the programs above compiled cleanly", (t) => {
  t.throws(() => transformAll({ "bad.ts": "/** @asyncInit */\nclass NoInit {}\n" }), { message: /46001/ });
});

test("code written without semicolons: a last field, a field before an async teardown, a directive before the first await; both layouts run", (t) => {
  const files = {
    "db.ts": `export const log: string[] = []
/** @asyncInit */
export class Db {
  ready = false
  async init() {
    "use strict"
    await Promise.resolve()
    this.ready = true
    log.push("init")
  }
  name = "db"
  async [Symbol.asyncDispose]() {
    log.push("dispose " + this.name)
  }
  last: string | undefined
}
/** @asyncInit */
export class Bare { async init() { log.push("bare") } flag = 1 }
`,
    "main.ts": `import { Bare, Db, log } from "./db.js"
{
  await using db = new Db()
  await using bare = new Bare()
  log.push("body " + db.ready + " " + bare.flag)
}
console.log(log.join(", "))
`,
  };
  for (const keepLines of [false, true]) {
    t.deepEqual(transformAndRun(t, files, { keepLines, node: NODE_24, target: "ESNext" }), ["init, bare, body true 1, dispose db"], `keepLines ${keepLines}`);
  }
});
