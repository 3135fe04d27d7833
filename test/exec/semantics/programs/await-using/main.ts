// Scenario of test/exec/semantics/await-using.test.mjs: await using awaits tagged instances on entry and disposes them in reverse.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, same, equal, reasonOf, awaiting, isDisposedError } from "../checks.js";
import { Resource, TaggedChild, openResource, log } from "./resources.js";

// The same as Resource, declared in this module.
/** @asyncInit */
class Local {
  ready = false;
  constructor(readonly name: string) {
    log.push("new " + name);
  }
  async init() {
    await settle();
    log.push("init " + this.name);
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {
    log.push("dispose " + this.name);
  }
}

// Untagged subclasses: of the imported class, and of the local one.
class PlainChild extends Resource {}
class LocalChild extends Local {}

const localFactory = (name: string) => new Local(name);

/** What the body sees: the instance is ready (init done, no longer thenable). */
function enter(x: { name: string; ready: boolean }) {
  log.push("body " + x.name + (x.ready && (x as any).then === undefined ? "" : " NOT READY"));
}

check("await using new of a class in the same module: init on entry, teardown on exit", async () => {
  log.length = 0;
  {
    await using x = new Local("a");
    enter(x);
  }
  equal(log, ["new a", "init a", "body a", "dispose a"], "log");
});

check("await using new of an imported class", async () => {
  log.length = 0;
  {
    await using x = new Resource("b");
    enter(x);
  }
  equal(log, ["new b", "init b", "body b", "dispose b"], "log");
});

check("await using a factory call (imported, and local)", async () => {
  log.length = 0;
  {
    await using x = openResource("c");
    enter(x);
  }
  {
    await using y = localFactory("d");
    enter(y);
  }
  equal(log, ["new c", "init c", "body c", "dispose c", "new d", "init d", "body d", "dispose d"], "log");
});

check("await using an existing instance: the body gets that instance itself", async () => {
  log.length = 0;
  const made = new Resource("e");
  {
    await using x = made;
    same(x, made, "the declared variable");
    enter(x);
  }
  equal(log, ["new e", "init e", "body e", "dispose e"], "log");
});

check("await using an initializer that is already awaited runs init once", async () => {
  log.length = 0;
  {
    await using x = await new Resource("f");
    enter(x);
  }
  equal(log, ["new f", "init f", "body f", "dispose f"], "log");
});

check("await using subclasses: untagged and tagged, imported and local bases", async () => {
  log.length = 0;
  {
    await using x = new PlainChild("g");
    enter(x);
  }
  {
    await using y = new TaggedChild("h");
    enter(y);
  }
  {
    await using z = new LocalChild("i");
    enter(z);
  }
  equal(log, [
    "new g", "init g", "body g", "dispose g",
    "new h", "child init h", "init h", "body h", "dispose h",
    "new i", "init i", "body i", "dispose i",
  ], "log");
});

check("await using in loops: each iteration inits, runs its body, then disposes", async () => {
  log.length = 0;
  for (let i = 0; i < 3; i++) {
    await using x = new Resource("l" + i);
    enter(x);
  }
  for (const name of ["m0", "m1"]) {
    await using x = openResource(name);
    enter(x);
  }
  let n = 0;
  while (n < 2) {
    await using x = new Local("w" + n++);
    enter(x);
  }
  equal(log, [
    "new l0", "init l0", "body l0", "dispose l0",
    "new l1", "init l1", "body l1", "dispose l1",
    "new l2", "init l2", "body l2", "dispose l2",
    "new m0", "init m0", "body m0", "dispose m0",
    "new m1", "init m1", "body m1", "dispose m1",
    "new w0", "init w0", "body w0", "dispose w0",
    "new w1", "init w1", "body w1", "dispose w1",
  ], "log");
});

check("several declarators in one statement: each awaited in turn, disposed in reverse", async () => {
  log.length = 0;
  {
    await using a = new Resource("a"), b = openResource("b"), c = new Local("c");
    enter(a);
    enter(b);
    enter(c);
  }
  equal(log, [
    "new a", "init a", "new b", "init b", "new c", "init c",
    "body a", "body b", "body c",
    "dispose c", "dispose b", "dispose a",
  ], "log");
});

check("several await using statements in one block: disposed in reverse", async () => {
  log.length = 0;
  {
    await using a = new Resource("a");
    await using b = new Local("b");
    enter(a);
    enter(b);
  }
  equal(log, ["new a", "init a", "new b", "init b", "body a", "body b", "dispose b", "dispose a"], "log");
});

check("for (await using x of xs) awaits each element on entry and disposes it after its body", async () => {
  log.length = 0;
  const xs = [new Resource("x1"), new Resource("x2")];
  for (await using x of xs) {
    enter(x);
  }
  equal(log, ["new x1", "new x2", "init x1", "body x1", "dispose x1", "init x2", "body x2", "dispose x2"], "log");
});

check("for (await using x of a generator) of tagged instances", async () => {
  log.length = 0;
  function* resources() {
    yield new Local("g1");
    yield new Local("g2");
  }
  for (await using x of resources()) {
    enter(x);
  }
  equal(log, ["new g1", "init g1", "body g1", "dispose g1", "new g2", "init g2", "body g2", "dispose g2"], "log");
});

check("init fails: the body does not run and nothing is disposed", async () => {
  log.length = 0;
  const error = new Error("init failed");
  let reached = false;
  const reason = await reasonOf((async () => {
    await using x = new Resource("bad", error);
    reached = true;
    enter(x);
  })());
  same(reason, error, "the block throws init's error");
  same(reached, false, "the body ran");
  equal(log, ["new bad", "init bad"], "log");
});

check("init of the second declarator fails: the first is disposed, the second is not", async () => {
  log.length = 0;
  const error = new Error("second fails");
  let reached = false;
  const reason = await reasonOf((async () => {
    await using a = new Resource("a"), b = openResource("bad", error);
    reached = true;
    enter(a);
    enter(b);
  })());
  same(reason, error, "the block throws init's error");
  same(reached, false, "the body ran");
  equal(log, ["new a", "init a", "new bad", "init bad", "dispose a"], "log");
});

check("for (await using x of xs) whose second element fails: its body does not run, it is not disposed", async () => {
  log.length = 0;
  const error = new Error("element fails");
  const xs = [new Resource("ok"), new Resource("bad", error)];
  const reason = await reasonOf((async () => {
    for (await using x of xs) {
      enter(x);
    }
  })());
  same(reason, error, "the loop throws init's error");
  equal(log, ["new ok", "new bad", "init ok", "body ok", "dispose ok", "init bad"], "log");
});

// ---- a class with no teardown of its own: its declared type has no
// [Symbol.asyncDispose], so await using it is a type error (TS2851) until the
// declared types gain one; the emitted code must still await and dispose it.

/** @asyncInit */
class Bare {
  ready = false;
  async init() {
    await settle();
    log.push("init");
    this.ready = true;
  }
}

check("await using a class without its own teardown: awaited on entry, disposed on exit", async () => {
  log.length = 0;
  const bare = new Bare();
  {
    await using x = bare;
    log.push("body " + (x.ready && (x as any).then === undefined ? "ready" : "NOT READY"));
  }
  equal(log, ["init", "body ready"], "log");
  // The generated dispose ran on exit: the instance can no longer be awaited.
  isDisposedError(await reasonOf(awaiting(bare)), "Bare", "await after the block");
});

check("await using new of a class without its own teardown, init failing: the body does not run", async () => {
  const error = new Error("bare init failed");
  /** @asyncInit */
  class BareFailing {
    async init() { throw error; }
  }
  let reached = false;
  const reason = await reasonOf((async () => {
    await using x = new BareFailing();
    reached = true;
  })());
  same(reason, error, "the block throws init's error");
  same(reached, false, "the body ran");
});

check("await using of a tagged instance whose static type is not its class (any, unknown, AsyncDisposable, an interface, an untagged base, a type parameter): awaited on entry, disposed on exit", async () => {
  interface Named extends AsyncDisposable { readonly name: string }
  /** An untagged base of a tagged class. */
  class Base {
    constructor(readonly name: string) {}
    async [Symbol.asyncDispose]() { log.push("dispose " + this.name); }
  }
  /** @asyncInit */
  class Derived extends Base {
    ready = false;
    async init() { await settle(); log.push("init " + this.name); this.ready = true; }
  }
  const asAny = (): any => new Derived("any");
  const asUnknown = (): unknown => new Derived("unknown");
  const asDisposable = (): AsyncDisposable => new Derived("disposable");
  const asNamed = (): Named => new Derived("named");
  const asBase = (): Base => new Derived("base");
  async function generic<T extends AsyncDisposable>(make: () => T) {
    await using x = make();
    enter(x as unknown as Derived);
  }
  log.length = 0;
  {
    await using a = asAny();
    enter(a);
  }
  {
    await using u = asUnknown() as AsyncDisposable;
    enter(u as unknown as Derived);
  }
  {
    await using d = asDisposable(), n = asNamed();
    enter(d as unknown as Derived);
    enter(n as unknown as Derived);
  }
  for (await using b of [asBase()]) enter(b as Derived);
  await generic(() => new Derived("generic"));
  equal(
    log,
    [
      "init any", "body any", "dispose any",
      "init unknown", "body unknown", "dispose unknown",
      "init disposable", "init named", "body disposable", "body named", "dispose named", "dispose disposable",
      "init base", "body base", "dispose base",
      "init generic", "body generic", "dispose generic",
    ],
    "log",
  );
});

check("await using of a tagged instance behind a generic interface, an intersection with a type parameter, a class it implements, a conditional type: awaited on entry, disposed on exit", async () => {
  interface Holder<V> extends AsyncDisposable { readonly value: V }
  /** A class used as an interface. */
  class Shape {
    async [Symbol.asyncDispose]() {}
  }
  /** @asyncInit */
  class Box<T> implements Shape {
    ready = false;
    constructor(readonly name: string, readonly value: T) {}
    async init() { await settle(); log.push("init " + this.name); this.ready = true; }
    async [Symbol.asyncDispose]() { log.push("dispose " + this.name); }
  }
  type Settled<T> = T extends object ? T : never;
  const holder = (): Holder<string> => new Box("holder", "v");
  const shape = (): Shape => new Box("shape", 1);
  const settled = (): Settled<AsyncDisposable> => new Box("conditional", true);
  async function tagged<T extends AsyncDisposable>(value: T & { readonly tag?: 1 }) {
    await using x = value;
    enter(x as unknown as Derived);
  }
  type Derived = { name: string; ready: boolean };
  log.length = 0;
  {
    await using h = holder();
    enter(h as unknown as Derived);
  }
  {
    await using s = shape();
    enter(s as unknown as Derived);
  }
  {
    await using c = settled();
    enter(c as unknown as Derived);
  }
  await tagged(new Box("intersection", 0));
  equal(
    log,
    [
      "init holder", "body holder", "dispose holder",
      "init shape", "body shape", "dispose shape",
      "init conditional", "body conditional", "dispose conditional",
      "init intersection", "body intersection", "dispose intersection",
    ],
    "log",
  );
});

run();
