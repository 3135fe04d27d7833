// Scenario of test/exec/semantics/shape.test.mjs: an instance and its class look the same as without the tag; sealed and frozen instances work.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, drain, same, equal, reasonOf, awaiting, returning, isDisposedError } from "../checks.js";
import * as T from "./tagged.js";
import * as P from "./plain.js";
import { mark } from "./mark.js";

/** A value, printable: functions by name and length. */
const show = (value: unknown): string =>
  typeof value === "function" ? "function " + value.name + "/" + value.length : typeof value === "symbol" ? String(value) : JSON.stringify(value) ?? "undefined";

/** Everything about an object's own properties that plain code can see. */
function instanceShape(x: object) {
  const forIn: string[] = [];
  for (const key in x) forIn.push(key);
  const spread: Record<PropertyKey, unknown> = { ...x };
  return {
    keys: Object.keys(x),
    names: Object.getOwnPropertyNames(x),
    ownKeys: Reflect.ownKeys(x).map(String),
    symbols: Object.getOwnPropertySymbols(x).map(String),
    descriptors: Reflect.ownKeys(x).map((key) => {
      const d = Object.getOwnPropertyDescriptor(x, key)!;
      return [String(key), d.enumerable, d.writable, d.configurable, "get" in d, show(d.value)];
    }),
    json: JSON.stringify(x),
    entries: Object.entries(x).map(([key, value]) => [key, show(value)]),
    spread: Reflect.ownKeys(spread).map((key) => [String(key), show(spread[key])]),
    forIn,
    extensible: Object.isExtensible(x),
    sealed: Object.isSealed(x),
    frozen: Object.isFrozen(x),
  };
}

/** Everything about a class itself that plain code can see (besides its prototype's methods). */
function classShape(c: Function) {
  return {
    name: c.name,
    length: c.length,
    names: Object.getOwnPropertyNames(c),
    symbols: Object.getOwnPropertySymbols(c).map(String),
    keys: Object.keys(c),
    statics: Object.getOwnPropertyNames(c)
      .filter((key) => key !== "prototype")
      .map((key) => {
        const d = Object.getOwnPropertyDescriptor(c, key)!;
        return [key, d.enumerable, d.writable, d.configurable, show(d.value)];
      }),
  };
}

type Pair = { name: string; tagged: new () => object; plain: new () => object };
const pair = (name: string, tagged: Function, plain: Function, ...args: unknown[]): Pair => ({
  name,
  tagged: class { constructor() { return Reflect.construct(tagged, args); } } as any,
  plain: class { constructor() { return Reflect.construct(plain, args); } } as any,
});
const pairs: Pair[] = [
  pair("Shape", T.Shape, P.Shape, "bee"),
  pair("NoConstructor", T.NoConstructor, P.NoConstructor),
  pair("DerivedNoConstructor", T.DerivedNoConstructor, P.DerivedNoConstructor),
  pair("PlainChild", T.PlainChild, P.PlainChild, "bee", 7),
  pair("WithArguments", T.WithArguments, P.WithArguments, 1, 2, 3),
  pair("StaticBlock", T.StaticBlock, P.StaticBlock),
];

/** The untagged instance goes through the same life by hand: init(), then the teardown. */
const initByHand = (x: object) => (x as any).init();
const disposeOf = (x: object): Promise<void> => (x as any)[Symbol.asyncDispose]();

check("a new instance looks the same as one of the untagged class", async () => {
  for (const { name, tagged, plain } of pairs) {
    equal(instanceShape(new tagged()), instanceShape(new plain()), name);
  }
});

check("looking at an instance does not start init", async () => {
  const before = T.counts.inits;
  const x = new T.Shape("bee");
  instanceShape(x);
  JSON.stringify(x);
  ({ ...x });
  Object.assign({}, x);
  await drain();
  same(T.counts.inits, before, "init calls");
});

check("an instance after init looks the same as the untagged one after init()", async () => {
  for (const { name, tagged, plain } of pairs) {
    const t = new tagged();
    const p = new plain();
    same(await t, t, name + ": await x");
    await initByHand(p);
    equal(instanceShape(t), instanceShape(p), name);
  }
});

check("an instance after dispose looks the same as the untagged one after its teardown", async () => {
  for (const { name, tagged, plain } of pairs) {
    const t = new tagged();
    const p = new plain();
    await t;
    await initByHand(p);
    await disposeOf(t);
    await disposeOf(p);
    equal(instanceShape(t), instanceShape(p), name);
  }
});

check("an instance disposed before init, or after a failed init, looks the same as a plain one", async () => {
  const t = new T.Shape("bee");
  await disposeOf(t);
  equal(instanceShape(t), instanceShape(new P.Shape("bee")), "disposed before init");
  const f = new T.Fails();
  await reasonOf(awaiting(f));
  const g = new P.Fails();
  await reasonOf(initByHand(g));
  equal(instanceShape(f), instanceShape(g), "failed init");
  await disposeOf(f);
  equal(instanceShape(f), instanceShape(g), "failed init, then disposed");
});

check("instanceof, prototype and constructor are those of the class", async () => {
  const x = new T.Shape("bee");
  same(x instanceof T.Shape, true, "x instanceof Shape");
  same(Object.getPrototypeOf(x), T.Shape.prototype, "prototype of x");
  same(x.constructor, T.Shape, "x.constructor");
  const child = new T.PlainChild("bee");
  same(child instanceof T.PlainChild && child instanceof T.Shape, true, "untagged subclass instanceof both");
  const derived = new T.DerivedNoConstructor();
  same(derived instanceof T.NoConstructor, true, "tagged subclass instanceof its base");
  same(Object.getPrototypeOf(T.DerivedNoConstructor), T.NoConstructor, "the subclass's parent");
  same(await derived, derived, "await the subclass");
  same(Object.getPrototypeOf(derived), T.DerivedNoConstructor.prototype, "prototype after init");
});

check("name, length and static members are those of the untagged class", async () => {
  const classes: [string, Function, Function][] = [
    ["Shape", T.Shape, P.Shape],
    ["NoConstructor", T.NoConstructor, P.NoConstructor],
    ["DerivedNoConstructor", T.DerivedNoConstructor, P.DerivedNoConstructor],
    ["PlainChild", T.PlainChild, P.PlainChild],
    ["WithArguments", T.WithArguments, P.WithArguments],
    ["StaticBlock", T.StaticBlock, P.StaticBlock],
  ];
  for (const [name, tagged, plain] of classes) {
    same(tagged.name, name, name + ".name");
    equal(classShape(tagged), classShape(plain), name);
  }
  same(T.WithArguments.length, 2, "WithArguments.length");
  same(T.Shape.describe(), "a shape", "a static method");
  same(T.StaticBlock.ready, true, "the static block ran");
});

check("methods, getters and private fields work before and after init", async () => {
  const x = new T.Shape("bee");
  same(x.secret, 42, "getter over a private field, before init");
  same(x.method(), 1, "method, before init");
  await x;
  same(x.secret, 42, "getter over a private field, after init");
  same(x.late, "set by init", "a field init set");
  same(x[mark], "marked", "a symbol-keyed field");
});

// ---- sealed and frozen instances

/** @asyncInit */
class SealedInConstructor {
  ready = false;
  teardowns = 0;
  constructor() {
    Object.seal(this);
  }
  async init() {
    await settle();
    this.ready = true;
  }
  async [Symbol.asyncDispose]() { this.teardowns++; }
}

/** @asyncInit */
class Unsealed {
  ready = false;
  teardowns = 0;
  async init() {
    await settle();
    this.ready = true;
  }
  async [Symbol.asyncDispose]() { this.teardowns++; }
}

/** @asyncInit */
class SealedSub extends Unsealed {
  more = 1;
  constructor() {
    super();
    Object.seal(this);
  }
}

check("an instance sealed in its constructor can be awaited and disposed", async () => {
  for (const x of [new SealedInConstructor(), new SealedSub()]) {
    same(Object.isSealed(x), true, "sealed");
    const [a, b] = await Promise.all([x, x]);
    same(a === x && b === x, true, "waiters got x");
    same(x.ready, true, "ready");
    same(await x, x, "a later await");
    same((x as any).then, undefined, "x.then after init");
    const disposal = x[Symbol.asyncDispose]();
    same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
    await disposal;
    same(x.teardowns, 1, "teardowns");
    isDisposedError(await reasonOf(awaiting(x)), x.constructor.name, "await after dispose");
  }
});

check("a sealed instance disposed before init: resolves, init never starts", async () => {
  const x = new SealedInConstructor();
  await x[Symbol.asyncDispose]();
  isDisposedError(await reasonOf(awaiting(x)), "SealedInConstructor", "await after dispose");
  same(x.ready, false, "ready");
  same(x.teardowns, 0, "teardowns");
});

const frozenLog: string[] = [];

/** @asyncInit */
class FrozenAfterInit {
  ready = false;
  async init() {
    await settle();
    this.ready = true;
  }
  async [Symbol.asyncDispose]() { frozenLog.push("teardown"); }
}

check("an instance frozen after init can be awaited again and disposed", async () => {
  const x = await new FrozenAfterInit();
  Object.freeze(x);
  same(await x, x, "await after freezing");
  same(await returning(x), x, "async return after freezing");
  same(await Promise.resolve(x), x, "Promise.resolve after freezing");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  equal(frozenLog, ["teardown"], "teardowns");
  isDisposedError(await reasonOf(awaiting(x)), "FrozenAfterInit", "await after dispose");
  same(Object.isFrozen(x), true, "still frozen");
});

run();
