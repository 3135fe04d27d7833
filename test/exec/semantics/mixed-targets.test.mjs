// Runtime semantics across packages compiled for different targets.
//
// From ES2022 up a tagged class keeps the state of its instances in a private
// field (its own, or a tagged ancestor's); below, the plumbing keeps it in a WeakMap. A library compiled for one
// target and an application compiled for another share instances and class
// hierarchies, so every level must still find the one state of an instance.
//
// Each test compiles a library (a tagged base class, and a function that awaits
// instances where its compiler knows their type) into node_modules/base-lib at
// one target, then an application that extends it at another, and runs checks.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { build, buildAndRun, moduleOptions, tempDir } from "../../helpers/build.mjs";
import { CHECKS_TS, checkNames, main } from "./scenario.mjs";

const LIBRARY = `export const log: string[] = [];
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** @asyncInit */
export class Base {
  constructor(readonly id: string) {}
  async init() {
    log.push("Base.init " + this.id);
    await tick();
  }
  async [Symbol.asyncDispose]() {
    log.push("Base.dispose " + this.id);
  }
}

/** An await the library's compiler knows is of a tagged class. */
export async function open<T extends Base>(x: T): Promise<T> {
  return await x;
}
`;

const APPLICATION = main(
  `
/** @asyncInit */
class Mid extends Base {
  async init() {
    log.push("Mid.init start " + this.id);
    await super.init();
    log.push("Mid.init end " + this.id);
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose " + this.id);
    await super[Symbol.asyncDispose]();
  }
}

class Leaf extends Mid {}

const initLog = (id: string) => ["Mid.init start " + id, "Base.init " + id, "Mid.init end " + id];
const disposeLog = (id: string) => ["Mid.dispose " + id, "Base.dispose " + id];

check("each level's init runs once, whichever package awaits the instance", async () => {
  log.length = 0;
  const x = new Leaf("a");
  const [first, second] = await Promise.all([x, open(x)]);
  same(first, x, "await x");
  same(second, x, "the library's await x");
  same((x as any).then, undefined, "then of a ready instance");
  same(await open(x), x, "the library's await of a ready instance");
  equal(log, initLog("a"), "log");
});

check("each level's teardown runs once, and a disposed instance cannot be awaited", async () => {
  log.length = 0;
  const x = await new Leaf("b");
  const first = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), first, "a second dispose");
  await first;
  isDisposedError(await reasonOf(awaiting(x)), "Leaf", "await x after dispose");
  isDisposedError(await reasonOf(open(x)), "Leaf", "the library's await after dispose");
  equal(log, [...initLog("b"), ...disposeLog("b")], "log");
});

check("dispose requested while init runs: waiters in both packages are refused, teardown runs after init", async () => {
  log.length = 0;
  const x = new Mid("c");
  const mine = reasonOf(awaiting(x));
  const theirs = reasonOf(open(x));
  const disposal = x[Symbol.asyncDispose]();
  isDisposedError(await mine, "Mid", "await x");
  isDisposedError(await theirs, "Mid", "the library's await x");
  await disposal;
  equal(log, [...initLog("c"), ...disposeLog("c")], "log");
});

check("await using of an application subclass runs init and teardown once", async () => {
  log.length = 0;
  {
    await using x = new Leaf("d");
    log.push("body " + x.id);
  }
  equal(log, [...initLog("d"), "body d", ...disposeLog("d")], "log");
});

check("an instance of the library's own class, awaited by the application", async () => {
  log.length = 0;
  const x = new Base("e");
  same(await x, x, "await x");
  same((x as any).then, undefined, "then of a ready instance");
  equal(log, ["Base.init e"], "log");
});

check("reading then on a prototype, which is no instance, does not throw", async () => {
  for (const proto of [Base.prototype, Mid.prototype, Leaf.prototype]) same(typeof (proto as any).then, "function", "typeof then");
});
`,
  `import { Base, log, open } from "base-lib";`,
);

const PAIRS = [
  ["ES2017", "ES2022"],
  ["ES2022", "ES2017"],
  ["ES2022", "ES2022"],
  ["ES2017", "ES2017"],
];

for (const [libraryTarget, applicationTarget] of PAIRS) {
  test(`library compiled for ${libraryTarget}, application for ${applicationTarget}`, (t) => {
    const dir = tempDir();
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const libraryDir = join(dir, "node_modules/base-lib");
    mkdirSync(libraryDir, { recursive: true });
    const library = build({ "index.ts": LIBRARY }, { dir: libraryDir, compilerOptions: { ...moduleOptions(libraryTarget, "commonjs"), declaration: true } });
    t.deepEqual(library.text(library.diagnostics), "");
    writeFileSync(join(libraryDir, "package.json"), JSON.stringify({ main: "out/index.js", types: "out/index.d.ts" }));

    const application = buildAndRun({ "checks.ts": CHECKS_TS, "main.ts": APPLICATION }, { dir, compilerOptions: moduleOptions(applicationTarget, "commonjs") });
    t.deepEqual(application.text(application.diagnostics), "");

    // Base has a private field from ES2022 up. The application's classes extend a tagged
    // class, so they have none: Base's field, or the map, serves every level.
    t.is(library.outputs["index.js"].includes("#asyncInit;"), libraryTarget === "ES2022");
    t.false(application.outputs["main.js"].includes("#asyncInit;"));

    t.is(application.stderr, "");
    t.deepEqual(application.stdout.trim().split("\n"), [...checkNames({ "main.ts": APPLICATION }).map((name) => `ok ${name}`), "done"]);
    t.is(application.code, 0);
  });
}
