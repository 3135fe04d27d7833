// Corners of where the state of an instance lives. From ES2022 up a tagged class
// usually keeps it in a private field (transformer/stateField.ts says when); below,
// and for objects without the field, it is in the plumbing's shared WeakMap. Each
// program prints one line: what the same program prints when compiled for ES2017,
// where there is no field at all.
import test from "ava";
import { buildAndRun, moduleOptions } from "../../helpers/build.mjs";

const ES2017 = { name: "ES2017/commonjs", compilerOptions: moduleOptions("ES2017", "commonjs") };
const FIELD_TARGETS = [
  { name: "ES2022/commonjs", compilerOptions: moduleOptions("ES2022", "commonjs") },
  { name: "ESNext/nodenext", compilerOptions: moduleOptions("ESNext", "nodenext") },
];

const run = (t, files, compilerOptions) => {
  const result = buildAndRun(files, { compilerOptions });
  t.is(result.stderr, "");
  return result.stdout.trim();
};

// A base class whose constructor hands back an object it made before (a singleton,
// an identity map): the derived tagged class's field initialiser runs on that object
// a second time, and a private field cannot be added twice.
const RETURN_OVERRIDE = `
const made = new Map<string, object>();
class Entity {
  constructor(id: string) {
    const known = made.get(id);
    if (known) return known;
    made.set(id, this);
  }
}
/** @asyncInit */
class User extends Entity {
  constructor(readonly id: string) { super(id); }
  async init() {}
}
async function main() {
  const first = await new User("1");
  const again = new User("1");
  console.log(first === again ? "same instance" : "another instance");
}
main().catch((error) => console.log("threw " + error.message));
`;

// A tagged base whose constructor awaits the instance (eager start), under a tagged
// subclass: the state is made while the subclass's field does not exist yet (map),
// then the field appears and hides it.
const EAGER_BASE = `
const log: string[] = [];
/** @asyncInit */
class Base {
  whenReady: Promise<this>;
  constructor() { this.whenReady = this.open(); }
  private async open() { return await this; }
  async init() { log.push("Base.init"); }
}
/** @asyncInit */
class Derived extends Base {
  async init() { log.push("Derived.init"); await super.init(); }
}
async function main() {
  const x = new Derived();
  const ready = await x.whenReady;
  await x;
  console.log((ready === x) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
`;

// An untagged base whose constructor calls a method the tagged subclass overrides to
// await the instance: the subclass has a field of its own, which does not exist yet
// while the base constructor runs, so the state starts in the map and must still be
// found once the field exists.
const EAGER_UNTAGGED_BASE = `
const log: string[] = [];
class Base {
  constructor() { this.start(); }
  start() {}
}
/** @asyncInit */
class Derived extends Base {
  declare whenReady: Promise<Derived>;
  start() { this.whenReady = (async () => await this)(); }
  async init() { log.push("Derived.init"); }
}
async function main() {
  const x = new Derived();
  const ready = await x.whenReady;
  await x;
  console.log((ready === x) + " " + (typeof (x as any).then) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
`;

// The same in one class: TypeScript runs a method decorator's instance initialisers
// (addInitializer) from the first field's initialiser, now the generated field's, so
// they run before that field exists. (ES2022 only: for ESNext TypeScript 5.9 leaves
// the decorators to the engine, and Node 24 does not parse them.)
const DECORATOR_INITIALIZER = `
const log: string[] = [];
function eager<T extends Db>(_method: unknown, context: ClassMethodDecoratorContext<T>) {
  context.addInitializer(function (this: T) { this.whenReady = (async () => await this)(); });
}
/** @asyncInit */
class Db {
  declare whenReady: Promise<Db>;
  async init() { log.push("init"); }
  @eager start() {}
}
async function main() {
  const x = new Db();
  const ready = await x.whenReady;
  await x;
  console.log((ready === x) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
`;

// A class decorator that makes and awaits an instance: TypeScript runs it before the
// static block that lends the field to the plumbing, so that instance's state starts
// in the map. (ES2022 only, as above.)
const CLASS_DECORATOR_AWAITS = `
const log: string[] = [];
let early: Promise<Db> | undefined;
function eager(cls: new () => Db, _context: ClassDecoratorContext) {
  const x = new cls();
  early = (async () => { await x; await x; return x; })();
}
/** @asyncInit */
@eager
class Db {
  async init() { log.push("init"); }
}
async function main() {
  const x = await early!;
  await x;
  console.log((typeof (x as any).then) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
`;

// Moving a ready instance to a tagged subclass's prototype: the state is looked up
// in the subclass's field, which the instance does not have, so it is found nowhere.
const SET_PROTOTYPE = `
let runs = 0;
/** @asyncInit */
class A { async init() { runs++; } }
/** @asyncInit */
class B extends A {}
async function main() {
  const a = await new A();
  Object.setPrototypeOf(a, B.prototype);
  const thenAfter = typeof (a as any).then;
  await a;
  console.log(thenAfter + " " + runs);
}
main().catch((error) => console.log("threw " + error.message));
`;

// A registry left under the previous version's key by other compiled code (without
// the storages the plumbing now needs): it must not be used, or disturb anything.
const OLD_REGISTRY = `
(globalThis as any)[Symbol.for("ts-async-init.v1")] = { states: new WeakMap(), ready: (value: unknown) => value };
async function main() {
  const { Db } = await import("./lib.js");
  const db = await new Db();
  console.log("then " + typeof (db as any).then);
}
main().catch((error) => console.log("threw " + error.message));
`;
const OLD_REGISTRY_LIB = `
/** @asyncInit */
export class Db { async init() {} }
`;

// A Proxy whose get trap drops the receiver runs the then getter on the target, then
// calls then on the proxy: awaiting it used to resolve with the (still thenable) proxy,
// again and again, until the process ran out of memory. It now rejects, saying why.
const PROXY_WITHOUT_RECEIVER = `
/** @asyncInit */
class Db {
  constructor() {
    return new Proxy(this, { get: (target, key) => Reflect.get(target, key) });
  }
  async init() {}
}
async function main() {
  const settled = await Promise.race([
    Promise.resolve(new Db() as unknown).then(() => "resolved", (error) => error.name + ": " + error.message.split(":")[0]),
    new Promise((resolve) => setTimeout(() => resolve("still pending"), 1000)),
  ]);
  console.log(settled);
}
main();
`;

for (const { name, compilerOptions } of [ES2017, ...FIELD_TARGETS]) {
  test(`${name}: awaiting a Proxy that drops the receiver rejects instead of looping`, (t) => {
    t.is(run(t, { "main.ts": PROXY_WITHOUT_RECEIVER }, compilerOptions), "TypeError: Db cannot be awaited");
  });
}

for (const { name, compilerOptions } of FIELD_TARGETS) {
  test(`${name}: a base constructor that returns an instance made before`, (t) => {
    t.is(run(t, { "main.ts": RETURN_OVERRIDE }, compilerOptions), "same instance");
  });

  test(`${name}: a tagged base constructor that awaits the instance, under a tagged subclass`, (t) => {
    t.is(run(t, { "main.ts": EAGER_BASE }, compilerOptions), "true Derived.init,Base.init");
  });

  test(`${name}: an untagged base constructor that has the subclass await the instance`, (t) => {
    const files = { "main.ts": EAGER_UNTAGGED_BASE };
    t.true(buildAndRun(files, { compilerOptions }).outputs["main.js"].includes("#asyncInit;"), "Derived has a field of its own");
    t.is(run(t, files, compilerOptions), "true undefined Derived.init");
  });

  if (compilerOptions.target === "ES2022") {
    test(`${name}: a method decorator's initialiser that awaits the instance`, (t) => {
      t.is(run(t, { "main.ts": DECORATOR_INITIALIZER }, compilerOptions), "true init");
    });
    test(`${name}: a class decorator that makes and awaits an instance`, (t) => {
      t.is(run(t, { "main.ts": CLASS_DECORATOR_AWAITS }, compilerOptions), "undefined init");
    });
  }

  test(`${name}: a ready instance moved to a tagged subclass's prototype stays ready`, (t) => {
    t.is(run(t, { "main.ts": SET_PROTOTYPE }, compilerOptions), "undefined 1");
  });

  test(`${name}: a registry left under the previous version's key is not used`, (t) => {
    t.is(run(t, { "main.ts": OLD_REGISTRY, "lib.ts": OLD_REGISTRY_LIB }, compilerOptions), "then undefined");
  });
}
