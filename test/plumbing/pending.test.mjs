// pending(value) and the tagged marker: the run-time rule of `await using` in code
// compiled without a type checker,
//
//     const x_1 = e; await using x = asyncInit_1.pending(x_1) ? await asyncInit_1.ready(x_1) : x_1;
//
// awaits only instances of tagged classes that are not ready, and leaves every
// other value exactly as it was: it reads nothing of it but the marker, never
// `then`, and makes no promise.

import vm from "node:vm";
import test from "ava";
import { AWAIT_ONLY_JS, createAwaitOnlyPlumbing, createPlumbing, deferred, outcome, PLUMBING_JS, STORAGES, settle, taggedClass } from "./classes.mjs";

const p = createPlumbing();
const MARKER = Symbol.for("ts-async-init.tagged");

test("the marker is the global symbol ts-async-init.tagged, so classes of every module share it", (t) => {
  t.is(p.tagged, MARKER);
  t.is(createPlumbing().tagged, MARKER);
});

/** A Proxy that throws a RangeError when asked for a key its target does not have (as a strict mock does). */
function strictProxy(target) {
  return new Proxy(target, {
    get(object, key) {
      if (!(key in object)) throw new RangeError(`unknown key ${String(key)}`);
      return object[key];
    },
  });
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Values that are not instances of a tagged class, by what they are. */
function others() {
  const Db = taggedClass(p);
  return [
    ["undefined", undefined],
    ["null", null],
    ["a number", 1],
    ["a bigint", 1n],
    ["a string", "text"],
    ["a boolean", true],
    ["a symbol", Symbol("s")],
    ["a plain object", { a: 1 }],
    ["an object without a prototype", Object.create(null)],
    ["an array", [1]],
    ["a function", () => {}],
    ["a tagged class itself", Db],
    ["a promise", Promise.resolve(1)],
    [
      "a foreign thenable",
      {
        then(resolve) {
          resolve(1);
        },
      },
    ],
    ["an async disposable", { async [Symbol.asyncDispose]() {} }],
    ["an instance of an untagged class", new (class Plain {})()],
    ["a Proxy whose get trap throws for a key it does not know", strictProxy({ async [Symbol.asyncDispose]() {} })],
    ["a revoked Proxy", revokedProxy()],
  ];
}

for (const [what, value] of others()) {
  test(`pending is false for ${what}`, (t) => {
    t.false(p.pending(value));
    t.false(createAwaitOnlyPlumbing().pending(value));
  });
}

/** A Proxy of `target` that records every trap it sees (and the key, for the traps that have one). */
function recording(target) {
  const traps = [];
  const handler = {};
  for (const trap of Object.getOwnPropertyNames(Reflect)) {
    handler[trap] = (...args) => {
      traps.push(typeof args[1] === "string" || typeof args[1] === "symbol" ? [trap, args[1]] : [trap]);
      return Reflect[trap](...args);
    };
  }
  return { proxy: new Proxy(target, handler), traps };
}

for (const [what, make] of /** @type {[string, () => object][]} */ ([
  ["a plain object", () => ({})],
  [
    "a foreign thenable",
    () => ({
      then() {
        throw new Error("then was called");
      },
    }),
  ],
  ["a function", () => function f() {}],
  ["a promise", () => Promise.resolve(1)],
  [
    "an untagged class instance",
    () =>
      new (class Plain {
        get then() {
          throw new Error("then was read");
        }
      })(),
  ],
])) {
  test(`of ${what} that is not an instance of a tagged class, pending reads the marker and nothing else`, (t) => {
    const { proxy, traps } = recording(make());
    t.false(p.pending(proxy));
    t.deepEqual(traps, [["get", MARKER]]);
  });
}

for (const storage of STORAGES) {
  test(`${storage}: pending is true until the instance is ready, then false: not awaited yet, being initialised, being awaited`, async (t) => {
    const started = deferred();
    let insideInit;
    const Db = taggedClass(p, {
      storage,
      init() {
        insideInit = p.pending(this);
        return started.promise;
      },
    });
    const x = new Db();
    t.true(p.pending(x), "not awaited yet");
    const first = p.ready(x);
    t.true(insideInit, "being initialised");
    t.true(p.pending(x), "being awaited");
    const second = p.ready(x);
    t.true(second instanceof Promise, "a second waiter waits too");
    started.resolve();
    t.is(await first, x);
    t.is(await second, x);
    t.false(p.pending(x), "ready");
    t.is(x.inits, 1);
  });

  test(`${storage}: pending reads no then of a tagged instance, and makes no state for it`, (t) => {
    const Db = taggedClass(p, { storage });
    const x = new Db();
    t.true(p.pending(x));
    t.is(Db.thenReads, 0);
    t.false(globalThis[Symbol.for("ts-async-init.v3")].states.has(x));
  });

  test(`${storage}: pending is true for an instance whose init failed, and ready gives init's error again`, async (t) => {
    const error = new Error("no connection");
    const Db = taggedClass(p, {
      storage,
      init: async () => {
        throw error;
      },
    });
    const x = new Db();
    t.is((await outcome(x)).reason, error);
    t.true(p.pending(x));
    t.is((await outcome(p.ready(x))).reason, error);
    t.is(x.inits, 1);
  });

  for (const when of ["before the instance was awaited", "once it was ready"]) {
    test(`${storage}: pending is true once dispose was requested ${when}, and ready rejects with the ReferenceError`, async (t) => {
      const Db = taggedClass(p, { storage, teardown: async () => {} });
      const x = when === "once it was ready" ? await new Db() : new Db();
      const disposal = x[Symbol.asyncDispose]();
      t.true(p.pending(x));
      const { reason } = await outcome(p.ready(x));
      t.true(reason instanceof ReferenceError);
      t.regex(reason.message, /^Db cannot be awaited/);
      await disposal;
      t.true(p.pending(x));
    });
  }

  test(`${storage}: an instance of an untagged subclass of a tagged class is pending too`, async (t) => {
    const Db = taggedClass(p, { storage });
    class Sub extends Db {}
    const x = new Sub();
    t.true(p.pending(x));
    t.is(await p.ready(x), x);
    t.false(p.pending(x));
  });
}

test("a class made with one module's plumbing is pending for another module's plumbing, and for the await-only plumbing", async (t) => {
  const Db = taggedClass(createPlumbing());
  const x = new Db();
  const other = createPlumbing();
  const awaitOnly = createAwaitOnlyPlumbing();
  t.true(other.pending(x));
  t.true(awaitOnly.pending(x));
  t.is(await awaitOnly.ready(x), x);
  t.false(other.pending(x));
  t.false(awaitOnly.pending(x));
});

test("pending makes no promise and queues no job, for any kind of value", async (t) => {
  const failing = taggedClass(p, {
    init: async () => {
      throw new Error("no");
    },
  });
  const failed = new failing();
  await outcome(failed);
  const values = [...others().map(([, value]) => value), new (taggedClass(p))(), await new (taggedClass(p))(), failed];
  const calls = [];
  const { Promise: RealPromise, queueMicrotask: realQueueMicrotask } = globalThis;
  const realThen = RealPromise.prototype.then;
  globalThis.Promise = new Proxy(RealPromise, {
    construct: (target, args, newTarget) => (calls.push("new Promise"), Reflect.construct(target, args, newTarget)),
    get: (target, key, receiver) => (calls.push(`Promise.${String(key)}`), Reflect.get(target, key, receiver)),
  });
  globalThis.queueMicrotask = (job) => (calls.push("queueMicrotask"), realQueueMicrotask(job));
  RealPromise.prototype.then = function (...args) {
    calls.push("then");
    return Reflect.apply(realThen, this, args);
  };
  let results;
  try {
    results = values.map((value) => p.pending(value));
  } finally {
    globalThis.Promise = RealPromise;
    globalThis.queueMicrotask = realQueueMicrotask;
    RealPromise.prototype.then = realThen;
  }
  t.deepEqual(calls, []);
  t.deepEqual(results.slice(-3), [true, false, true]);
  t.true(results.slice(0, -3).every((result) => result === false));
});

// A fresh realm (node:vm) has its own global object, so its own registry: nothing
// there has run the plumbing of a module with tagged classes of this version yet.
test("in a program where no module with tagged classes of this version has run, the await-only plumbing finds pending only instances of tagged classes (of another version), and awaiting one runs its init", async (t) => {
  const realm = vm.createContext({ AbortController });
  const awaitOnly = vm.runInContext(AWAIT_ONLY_JS, realm);
  t.false(awaitOnly.pending({}));
  t.false(awaitOnly.pending(vm.runInContext("new (class Plain {})()", realm)));

  // A library compiled by another version of the plumbing: another registry, the same marker.
  const key = /ts-async-init\.v\d+/;
  t.regex(PLUMBING_JS, key);
  realm.other = vm.runInContext(PLUMBING_JS.replace(key, "ts-async-init.v999"), realm);
  const x = vm.runInContext(
    `new (class Db { log = []; async init() { this.log.push("init"); } [other.tagged]() {} get then() { return other.then(this, "init"); } })()`,
    realm,
  );
  t.true(awaitOnly.pending(x));
  // What `await using x = pending(x_1) ? await ready(x_1) : x_1` does with it: ready leaves it to await, which runs init.
  t.is(await awaitOnly.ready(x), x);
  t.deepEqual([...x.log], ["init"]);
  // Ready now: still awaited (the marker cannot tell), and awaiting it gives it at once, with no second init.
  t.is(await awaitOnly.ready(x), x);
  t.deepEqual([...x.log], ["init"]);

  // Once a module with tagged classes of this version has run there, the registry's own pending decides.
  realm.p = vm.runInContext(PLUMBING_JS, realm);
  const y = vm.runInContext(`new (class Db { init() {} [p.tagged]() {} get then() { return p.then(this, "init"); } })()`, realm);
  t.true(awaitOnly.pending(y));
  t.is(await awaitOnly.ready(y), y);
  t.false(awaitOnly.pending(y));
});

test("the JavaScript text is the module's body: evaluated, it shares the registry and has the same members", async (t) => {
  const fromText = new Function(`return ${PLUMBING_JS.trim()};`)();
  t.deepEqual(Object.keys(fromText), Object.keys(p));
  const Db = taggedClass(fromText);
  const x = new Db();
  t.true(p.pending(x));
  t.is(await p.ready(x), x);
  t.false(fromText.pending(x));
  await settle();
});
