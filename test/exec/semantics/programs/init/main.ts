// Scenario of test/exec/semantics/init.test.mjs: init starts on the first await, runs once, yields the instance; a failure is shared, memoised, never unhandled.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, drain, same, reasonOf, awaiting, returning } from "../checks.js";

// Counts its init calls; init finishes a macrotask later, so waiters really wait.
/** @asyncInit */
class Counter {
  initCalls = 0;
  ready = false;
  initThis: unknown = undefined;
  constructor(readonly label = "counter") {}
  async init() {
    this.initCalls++;
    this.initThis = this;
    await settle();
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {}
}

// A non-async init that returns nothing.
/** @asyncInit */
class SyncInit {
  initCalls = 0;
  init() {
    this.initCalls++;
  }
}

check("the constructor does not start init", async () => {
  const c = new Counter();
  await drain();
  same(c.initCalls, 0, "init calls after construction");
  same(c.ready, false, "ready after construction");
});

check("await x starts init, runs it once on x and yields x itself", async () => {
  const c = new Counter();
  const got = await c;
  same(got, c, "await x");
  same(c.initCalls, 1, "init calls");
  same(c.ready, true, "ready");
  same(c.initThis, c, "this inside init");
});

check("Promise.resolve(x) starts init and resolves to x itself", async () => {
  const c = new Counter();
  const promise = Promise.resolve(c);
  same(await promise, c, "Promise.resolve(x)");
  same(c.initCalls, 1, "init calls");
  same(c.ready, true, "ready");
});

check("returning x from an async function starts init and yields x itself", async () => {
  const c = new Counter();
  same(await returning(c), c, "async function returning x");
  same(c.initCalls, 1, "init calls");
  same(c.ready, true, "ready");
});

check("returning x from a then callback yields x itself", async () => {
  const c = new Counter();
  same(await Promise.resolve().then(() => c), c, "then(() => x)");
  same(c.initCalls, 1, "init calls");
});

check("x.then is a function before init and undefined once init succeeded", async () => {
  const c = new Counter();
  same(typeof (c as any).then, "function", "typeof x.then before init");
  await c;
  same((c as any).then, undefined, "x.then after init");
  same(typeof (c as any).then, "undefined", "typeof x.then after init");
});

check("awaiting or returning x again after init never re-enters init", async () => {
  const c = new Counter();
  await c;
  same(await c, c, "second await");
  same(await Promise.resolve(c), c, "Promise.resolve after init");
  same(await returning(c), c, "async return after init");
  same(await Promise.resolve().then(() => c), c, "then callback after init");
  const both = await Promise.all([c, c]);
  same(both[0] === c && both[1] === c, true, "Promise.all after init");
  same(c.initCalls, 1, "init calls");
});

check("1000 concurrent waiters of every kind: one init call, each gets x itself", async () => {
  const c = new Counter();
  const waiters: Promise<Counter>[] = [];
  for (let i = 0; i < 1000; i++) {
    const kind = i % 4;
    waiters.push(kind === 0 ? awaiting(c) : kind === 1 ? Promise.resolve(c) : kind === 2 ? returning(c) : Promise.resolve().then(() => c));
  }
  const got = await Promise.all(waiters);
  same(c.initCalls, 1, "init calls");
  same(got.length, 1000, "results");
  same(got.every((value) => value === c), true, "every waiter got x itself");
});

check("waiters arriving before, during and after init all share the one init call", async () => {
  const c = new Counter();
  const early = Array.from({ length: 300 }, () => awaiting(c));
  await Promise.resolve();
  const during = Array.from({ length: 300 }, () => returning(c));
  const all = await Promise.all([...early, ...during]);
  const late = await Promise.all(Array.from({ length: 300 }, () => Promise.resolve(c)));
  same(c.initCalls, 1, "init calls");
  same([...all, ...late].every((value) => value === c), true, "every waiter got x itself");
});

check("Promise.all([x, x, x]) runs init once", async () => {
  const c = new Counter();
  const got = await Promise.all([c, c, c]);
  same(c.initCalls, 1, "init calls");
  same(got.every((value) => value === c), true, "every element is x");
});

check("each instance runs its own init once", async () => {
  const a = new Counter("a");
  const b = new Counter("b");
  const [gotA, gotB] = await Promise.all([a, b]);
  same(gotA, a, "first instance");
  same(gotB, b, "second instance");
  same(a.initCalls, 1, "init calls of the first");
  same(b.initCalls, 1, "init calls of the second");
  await a;
  same(b.initCalls, 1, "awaiting one does not touch the other");
});

check("a non-async init that returns nothing works the same", async () => {
  const s = new SyncInit();
  same(s.initCalls, 0, "init calls after construction");
  same(await s, s, "await x");
  same(await s, s, "second await");
  same(s.initCalls, 1, "init calls");
  same((s as any).then, undefined, "x.then after init");
});

// ---- init fails
// init rejects, a macrotask later, with the value it was given.
/** @asyncInit */
class Rejects {
  initCalls = 0;
  constructor(readonly error: unknown) {}
  async init() {
    this.initCalls++;
    await settle();
    throw this.error;
  }
  async [Symbol.asyncDispose]() {}
}

// init is not async and throws before it returns anything.
/** @asyncInit */
class Throws {
  initCalls = 0;
  constructor(readonly error: unknown) {}
  init(): Promise<void> {
    this.initCalls++;
    throw this.error;
  }
}

// init returns a promise that is already rejected.
/** @asyncInit */
class ReturnsRejected {
  initCalls = 0;
  constructor(readonly error: unknown) {}
  init(): Promise<void> {
    this.initCalls++;
    return Promise.reject(this.error);
  }
}

// init declares a parameter (so it gets an AbortSignal) and rejects.
/** @asyncInit */
class RejectsWithSignal {
  initCalls = 0;
  constructor(readonly error: unknown) {}
  async init(signal: AbortSignal) {
    this.initCalls++;
    await settle();
    throw this.error;
  }
}

type Failing = { initCalls: number };

/** Many waiters of every kind, started together: each must reject with error itself. */
async function allRejectWith(x: Failing, error: unknown, what: string) {
  const waiters: Promise<unknown>[] = [];
  for (let i = 0; i < 100; i++) {
    const kind = i % 4;
    waiters.push(kind === 0 ? awaiting(x) : kind === 1 ? Promise.resolve(x) : kind === 2 ? returning(x) : Promise.resolve().then(() => x));
  }
  const reasons = await Promise.all(waiters.map(reasonOf));
  same(reasons.every((reason) => reason === error), true, what + ": every waiter rejects with that same error");
  same(x.initCalls, 1, what + ": init calls");
}

/** After the failure: later awaits reject with the same error, and init does not run again. */
async function laterAwaitsRejectWith(x: Failing, error: unknown, what: string) {
  await drain();
  same(await reasonOf(awaiting(x)), error, what + ": a later await");
  same(await reasonOf(Promise.resolve(x)), error, what + ": a later Promise.resolve");
  same(await reasonOf(returning(x)), error, what + ": a later async return");
  same(await reasonOf(awaiting(x)), error, what + ": yet another await");
  same(x.initCalls, 1, what + ": init calls after the later awaits");
}

check("init rejects: every concurrent waiter rejects with that same error", async () => {
  const error = new Error("init rejected");
  await allRejectWith(new Rejects(error), error, "rejects");
});

check("init rejects: later awaits reject with it again and init is not re-run", async () => {
  const error = new Error("init rejected");
  const x = new Rejects(error);
  same(await reasonOf(awaiting(x)), error, "first await");
  await laterAwaitsRejectWith(x, error, "rejects");
});

check("init throws synchronously: every concurrent waiter rejects with that same error", async () => {
  const error = new TypeError("init threw");
  await allRejectWith(new Throws(error), error, "throws");
});

check("init throws synchronously: later awaits reject with it again and init is not re-run", async () => {
  const error = new TypeError("init threw");
  const x = new Throws(error);
  same(await reasonOf(awaiting(x)), error, "first await");
  await laterAwaitsRejectWith(x, error, "throws");
});

check("init returns a rejected promise: waiters reject with its error, init runs once", async () => {
  const error = new RangeError("already rejected");
  const x = new ReturnsRejected(error);
  await allRejectWith(x, error, "returns rejected");
  await laterAwaitsRejectWith(x, error, "returns rejected");
});

check("init that takes a signal rejects: waiters reject with its error, init runs once", async () => {
  const error = new Error("rejected with a signal");
  const x = new RejectsWithSignal(error);
  await allRejectWith(x, error, "with signal");
  await laterAwaitsRejectWith(x, error, "with signal");
});

check("init rejects with a value that is not an Error (undefined, a string)", async () => {
  const u = new Rejects(undefined);
  same(await reasonOf(awaiting(u)), undefined, "rejects with undefined");
  same(await reasonOf(awaiting(u)), undefined, "again with undefined");
  const s = new Throws("plain string");
  same(await reasonOf(awaiting(s)), "plain string", "throws a string");
  same(await reasonOf(returning(s)), "plain string", "again a string");
  same(u.initCalls + s.initCalls, 2, "init calls");
});

check("a failed init raises no unhandled rejection, even with a single caught waiter", async () => {
  // The runner fails this check if an unhandledRejection event fires while it drains.
  const a = new Rejects(new Error("caught once"));
  await awaiting(a).catch(() => undefined);
  const b = new Throws(new Error("caught once, sync"));
  await Promise.resolve(b).catch(() => undefined);
  const c = new RejectsWithSignal(new Error("caught once, signal"));
  await returning(c).catch(() => undefined);
  await drain(10);
});

check("to retry, make a new instance: the failure belongs to the old one", async () => {
  let attempts = 0;
  /** @asyncInit */
  class Flaky {
    async init() {
      attempts++;
      if (attempts === 1) throw new Error("first attempt fails");
    }
  }
  const first = new Flaky();
  await reasonOf(awaiting(first));
  const second = new Flaky();
  same(await second, second, "the new instance initialises");
  same(attempts, 2, "init calls in all");
  await reasonOf(awaiting(first));
  same(attempts, 2, "the failed one does not retry");
});

run();
