// Scenario of test/exec/semantics/dispose.test.mjs: dispose waits for init, tears down once, shares one promise; the signal aborts.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, drain, fail, same, equal, reasonOf, awaiting, returning, isDisposedError, watch } from "../checks.js";

// init waits until the check opens or breaks it; it records the signal it got
// and each step. With abortable, init fails with the signal's reason on abort.
/** @asyncInit */
class Gate {
  initCalls = 0;
  teardowns = 0;
  signal: AbortSignal | undefined = undefined;
  steps: string[] = [];
  opener: (() => void) | undefined = undefined;
  breaker: ((error: unknown) => void) | undefined = undefined;
  constructor(readonly abortable = false) {}
  init(signal: AbortSignal): Promise<void> {
    this.initCalls++;
    this.signal = signal;
    this.steps.push("init");
    return new Promise<void>((resolve, reject) => {
      this.opener = () => { this.steps.push("init done"); resolve(); };
      this.breaker = (error) => { this.steps.push("init failed"); reject(error); };
      if (this.abortable) signal.addEventListener("abort", () => this.breaker!(signal.reason));
    });
  }
  open() { (this.opener ?? fail("init has not started"))(); }
  break(error: unknown) { (this.breaker ?? fail("init has not started"))(error); }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
    this.steps.push("teardown");
  }
}

/** A Gate whose init has started (one waiter is awaiting it). */
async function started(abortable = false) {
  const gate = new Gate(abortable);
  const waiter = watch(gate);
  await drain();
  same(gate.initCalls, 1, "init started");
  return { gate, waiter };
}

/** A Gate whose init succeeded. */
async function ready() {
  const { gate, waiter } = await started();
  gate.open();
  await waiter.done;
  same(waiter.value, gate, "the waiter got the instance");
  return gate;
}

// ---- the AbortSignal

check("an init with a parameter gets an AbortSignal, not aborted while init runs", async () => {
  const { gate, waiter } = await started();
  same(gate.signal instanceof AbortSignal, true, "init's argument is an AbortSignal");
  same(gate.signal!.aborted, false, "aborted while init runs");
  gate.open();
  await waiter.done;
  same(gate.signal!.aborted, false, "aborted after init succeeded");
});

check("dispose requested before init settled aborts the signal", async () => {
  const { gate } = await started();
  const disposal = gate[Symbol.asyncDispose]();
  await drain();
  same(gate.signal!.aborted, true, "aborted after dispose was requested");
  gate.open();
  await disposal;
});

check("dispose requested after init settled does not abort the signal", async () => {
  const gate = await ready();
  await gate[Symbol.asyncDispose]();
  await drain();
  same(gate.signal!.aborted, false, "aborted after dispose");
  same(gate.teardowns, 1, "teardowns");
});

check("an init that honours the abort fails with its reason: waiters reject with it, no teardown", async () => {
  const { gate, waiter } = await started(true);
  same(await gate[Symbol.asyncDispose](), undefined, "dispose resolves");
  await waiter.done;
  same(gate.signal!.aborted, true, "aborted");
  same(waiter.status, "rejected", "the waiter");
  same(waiter.reason, gate.signal!.reason, "the waiter's reason is init's own error");
  same(await reasonOf(awaiting(gate)), gate.signal!.reason, "a later await rejects with init's error");
  same(gate.teardowns, 0, "teardowns");
  same(gate.initCalls, 1, "init calls");
});

check("an init without a parameter gets no argument", async () => {
  /** @asyncInit */
  class NoParameter {
    args = -1;
    init() {
      this.args = arguments.length;
      return Promise.resolve();
    }
  }
  const x = await new NoParameter();
  same(x.args, 0, "arguments passed to init");
});

check("an init with an optional parameter gets an AbortSignal that dispose aborts", async () => {
  /** @asyncInit */
  class Optional {
    signal: AbortSignal | undefined = undefined;
    opener: (() => void) | undefined = undefined;
    init(signal?: AbortSignal) {
      this.signal = signal;
      return new Promise<void>((resolve) => { this.opener = resolve; });
    }
  }
  const x = new Optional();
  const waiter = watch(x);
  await drain();
  same(x.signal instanceof AbortSignal, true, "init's argument is an AbortSignal");
  const disposal = (x as any)[Symbol.asyncDispose]();
  await drain();
  same(x.signal!.aborted, true, "aborted after dispose was requested");
  x.opener!();
  await disposal;
  await waiter.done;
});

check("an init whose parameter has a default value still gets the AbortSignal", async () => {
  const fallback = new AbortController().signal;
  /** @asyncInit */
  class Defaulted {
    signal: AbortSignal | undefined = undefined;
    async init(signal: AbortSignal = fallback) { this.signal = signal; }
  }
  const x = await new Defaulted();
  same(x.signal instanceof AbortSignal, true, "init's argument is an AbortSignal");
  same(x.signal === fallback, false, "init got the plumbing's signal, not its default");
});

// ---- dispose while init is in flight

check("dispose while init is in flight waits for init, then runs the teardown once", async () => {
  const { gate, waiter } = await started();
  let disposed = false;
  const disposal = gate[Symbol.asyncDispose]().then(() => { disposed = true; });
  await drain();
  same(disposed, false, "dispose finished before init settled");
  same(gate.teardowns, 0, "teardowns before init settled");
  gate.open();
  await disposal;
  same(gate.teardowns, 1, "teardowns");
  equal(gate.steps, ["init", "init done", "teardown"], "steps");
  await waiter.done;
});

check("dispose while init is in flight, and init then fails: no teardown, dispose resolves", async () => {
  const { gate, waiter } = await started();
  const error = new Error("init failed");
  const disposal = gate[Symbol.asyncDispose]();
  gate.break(error);
  same(await disposal, undefined, "dispose resolves");
  same(gate.teardowns, 0, "teardowns");
  await waiter.done;
  same(waiter.reason, error, "the pending waiter rejects with init's error");
  same(await reasonOf(awaiting(gate)), error, "a later await rejects with init's error");
  same(gate.initCalls, 1, "init calls");
});

// ---- dispose twice, or concurrently

check("dispose twice after init: the same promise, the teardown runs once", async () => {
  const gate = await ready();
  const first = gate[Symbol.asyncDispose]();
  const second = gate[Symbol.asyncDispose]();
  same(second, first, "the second call's promise");
  await first;
  const third = gate[Symbol.asyncDispose]();
  same(third, first, "a call after the teardown finished");
  await third;
  same(gate.teardowns, 1, "teardowns");
});

check("concurrent dispose while init is in flight: the same promise, the teardown runs once", async () => {
  const { gate, waiter } = await started();
  const calls = Array.from({ length: 10 }, () => gate[Symbol.asyncDispose]());
  same(calls.every((call) => call === calls[0]), true, "every call returns the same promise");
  gate.open();
  await Promise.all(calls);
  same(gate[Symbol.asyncDispose](), calls[0], "a later call");
  same(gate.teardowns, 1, "teardowns");
  await waiter.done;
});

check("a teardown that rejects: every caller gets the same promise and sees its error", async () => {
  const error = new Error("teardown failed");
  /** @asyncInit */
  class BadTeardown {
    teardowns = 0;
    async init() {}
    async [Symbol.asyncDispose]() {
      this.teardowns++;
      await settle();
      throw error;
    }
  }
  const x = await new BadTeardown();
  const first = x[Symbol.asyncDispose]();
  const second = x[Symbol.asyncDispose]();
  same(second, first, "the second call's promise");
  same(await reasonOf(first), error, "the first caller's error");
  same(await reasonOf(second), error, "the second caller's error");
  same(await reasonOf(x[Symbol.asyncDispose]()), error, "a later caller's error");
  same(x.teardowns, 1, "teardowns");
});

check("a teardown that throws synchronously: dispose returns a promise that rejects with its error", async () => {
  const error = new Error("teardown threw");
  /** @asyncInit */
  class ThrowingTeardown {
    teardowns = 0;
    async init() {}
    [Symbol.asyncDispose](): Promise<void> {
      this.teardowns++;
      throw error;
    }
  }
  const x = await new ThrowingTeardown();
  let first: Promise<void> | undefined;
  try {
    first = x[Symbol.asyncDispose]();
  } catch {
    fail("dispose threw instead of returning a rejected promise");
  }
  same(first instanceof Promise, true, "dispose returns a promise");
  same(x[Symbol.asyncDispose](), first, "the second call's promise");
  same(await reasonOf(first!), error, "the caller's error");
  same(x.teardowns, 1, "teardowns");
});

check("a teardown that fails while init was in flight: each caller sees its error", async () => {
  const error = new Error("teardown failed after init");
  /** @asyncInit */
  class LateBadTeardown {
    teardowns = 0;
    async init() { await settle(); }
    async [Symbol.asyncDispose]() { this.teardowns++; throw error; }
  }
  const x = new LateBadTeardown();
  const waiter = watch(x);
  await Promise.resolve();
  const first = x[Symbol.asyncDispose]();
  const second = x[Symbol.asyncDispose]();
  same(second, first, "the second call's promise");
  same(await reasonOf(first), error, "the first caller's error");
  same(await reasonOf(second), error, "the second caller's error");
  same(x.teardowns, 1, "teardowns");
  await waiter.done;
});

// ---- dispose of an instance never initialised, or whose init failed

check("dispose of a never-initialised instance: no teardown, resolves, and init never starts", async () => {
  const gate = new Gate();
  const disposal = gate[Symbol.asyncDispose]();
  same(await disposal, undefined, "dispose resolves");
  same(gate[Symbol.asyncDispose](), disposal, "a second call's promise");
  same(gate.teardowns, 0, "teardowns");
  isDisposedError(await reasonOf(awaiting(gate)), "Gate", "await after dispose");
  isDisposedError(await reasonOf(Promise.resolve(gate)), "Gate", "Promise.resolve after dispose");
  isDisposedError(await reasonOf(returning(gate)), "Gate", "async return after dispose");
  await drain();
  same(gate.initCalls, 0, "init calls");
  same(gate.teardowns, 0, "teardowns at the end");
});

check("dispose of an instance whose init failed: no teardown, resolves; awaits reject with init's error", async () => {
  const { gate, waiter } = await started();
  const error = new Error("init failed first");
  gate.break(error);
  await waiter.done;
  same(waiter.reason, error, "the waiter's reason");
  const disposal = gate[Symbol.asyncDispose]();
  same(await disposal, undefined, "dispose resolves");
  same(gate[Symbol.asyncDispose](), disposal, "a second call's promise");
  same(gate.teardowns, 0, "teardowns");
  same(await reasonOf(awaiting(gate)), error, "await after dispose rejects with init's error");
  same(gate.initCalls, 1, "init calls");
});

// ---- awaiting once dispose has been requested

check("awaiting an initialised instance after dispose rejects with a ReferenceError naming the class", async () => {
  const gate = await ready();
  await gate[Symbol.asyncDispose]();
  isDisposedError(await reasonOf(awaiting(gate)), "Gate", "await after dispose");
  isDisposedError(await reasonOf(Promise.resolve(gate)), "Gate", "Promise.resolve after dispose");
  isDisposedError(await reasonOf(returning(gate)), "Gate", "async return after dispose");
  same(gate.initCalls, 1, "init calls");
  same(gate.teardowns, 1, "teardowns");
});

check("awaiting while the teardown runs rejects too", async () => {
  const gate = await ready();
  const disposal = gate[Symbol.asyncDispose]();
  isDisposedError(await reasonOf(awaiting(gate)), "Gate", "await during dispose");
  await disposal;
});

check("waiters pending when dispose was requested reject, and so do new ones; init succeeded", async () => {
  const { gate, waiter } = await started();
  const disposal = gate[Symbol.asyncDispose]();
  const late = watch(gate);
  gate.open();
  await disposal;
  await waiter.done;
  await late.done;
  same(waiter.status, "rejected", "the pending waiter");
  isDisposedError(waiter.reason, "Gate", "the pending waiter");
  same(late.status, "rejected", "the waiter that came after dispose");
  isDisposedError(late.reason, "Gate", "the waiter that came after dispose");
  same(gate.teardowns, 1, "teardowns");
  same(gate.initCalls, 1, "init calls");
});

check("init settled but its waiters not yet resumed when dispose is requested: they reject", async () => {
  const { gate, waiter } = await started();
  gate.open();
  const disposal = gate[Symbol.asyncDispose]();
  await disposal;
  await waiter.done;
  same(waiter.status, "rejected", "the waiter");
  isDisposedError(waiter.reason, "Gate", "the waiter");
  same(gate.teardowns, 1, "teardowns");
});

// ---- a class without its own teardown

/** @asyncInit */
class Bare {
  initCalls = 0;
  opener: (() => void) | undefined = undefined;
  init() {
    this.initCalls++;
    return new Promise<void>((resolve) => { this.opener = resolve; });
  }
}

/** Bare declares no [Symbol.asyncDispose]; the generated one is called through any. */
const disposeOf = (x: object): Promise<void> => (x as any)[Symbol.asyncDispose]();

check("a class without its own teardown gets [Symbol.asyncDispose]", async () => {
  same(typeof (new Bare() as any)[Symbol.asyncDispose], "function", "typeof x[Symbol.asyncDispose]");
});

check("a class without its own teardown: dispose waits for a pending init", async () => {
  const bare = new Bare();
  const waiter = watch(bare);
  await drain();
  let disposed = false;
  const disposal = disposeOf(bare);
  same(disposeOf(bare), disposal, "a second call's promise");
  const finished = disposal.then(() => { disposed = true; });
  await drain();
  same(disposed, false, "dispose finished before init settled");
  bare.opener!();
  await finished;
  await waiter.done;
  isDisposedError(waiter.reason, "Bare", "the pending waiter");
  isDisposedError(await reasonOf(awaiting(bare)), "Bare", "await after dispose");
  same(bare.initCalls, 1, "init calls");
});

check("a class without its own teardown: dispose of a never-initialised one resolves, init never starts", async () => {
  const bare = new Bare();
  same(await disposeOf(bare), undefined, "dispose resolves");
  isDisposedError(await reasonOf(awaiting(bare)), "Bare", "await after dispose");
  same(bare.initCalls, 0, "init calls");
});

check("a class without its own teardown: dispose after init resolves, awaits then reject", async () => {
  const bare = new Bare();
  const waiter = watch(bare);
  await drain();
  bare.opener!();
  await waiter.done;
  same(waiter.value, bare, "the waiter got the instance");
  same(await disposeOf(bare), undefined, "dispose resolves");
  isDisposedError(await reasonOf(awaiting(bare)), "Bare", "await after dispose");
});

// A class whose only teardown is [Symbol.dispose] (its own, or a base's): `await using`
// calls it when there is no [Symbol.asyncDispose], and the generated one does the same,
// after init, once, only if init succeeded; its result is not awaited, as `await using`'s.
/** @asyncInit */
class SyncTeardown {
  steps: string[] = [];
  initCalls = 0;
  opener: (() => void) | undefined = undefined;
  init() {
    this.initCalls++;
    return new Promise<void>((resolve) => { this.opener = resolve; });
  }
  [Symbol.dispose]() {
    this.steps.push("dispose");
    return new Promise<void>(() => {}); // never settles: not awaited
  }
}

class SyncBase {
  steps: string[] = [];
  [Symbol.dispose]() { this.steps.push(`dispose of ${this.constructor.name}`); }
}

/** @asyncInit */
class SyncDerived extends SyncBase {
  async init() { this.steps.push("init"); }
}

/** @asyncInit */
class SyncFails {
  steps: string[] = [];
  async init() { throw new Error("init failed"); }
  [Symbol.dispose]() { this.steps.push("dispose"); }
}

/** @asyncInit */
class SyncThrows {
  async init() {}
  [Symbol.dispose]() { throw new Error("sync teardown failed"); }
}

/** @asyncInit */
class BothTeardowns {
  steps: string[] = [];
  async init() {}
  [Symbol.dispose]() { this.steps.push("sync"); }
  async [Symbol.asyncDispose]() { this.steps.push("async"); }
}

check("a class whose only teardown is [Symbol.dispose]: dispose waits for init, calls it once, and does not await what it returns", async () => {
  const sync = new SyncTeardown();
  const waiter = watch(sync);
  await drain();
  const disposal = disposeOf(sync);
  same(disposeOf(sync), disposal, "a second call's promise");
  await drain();
  equal(sync.steps, [], "nothing before init settled");
  sync.opener!();
  same(await disposal, undefined, "dispose resolves, though [Symbol.dispose] returned a promise that never settles");
  equal(sync.steps, ["dispose"], "steps");
  await waiter.done;
  isDisposedError(waiter.reason, "SyncTeardown", "the pending waiter");
  same(sync.initCalls, 1, "init calls");
});

check("an inherited [Symbol.dispose] is the teardown of a tagged subclass that has none of its own", async () => {
  const derived = new SyncDerived();
  {
    await using entered = derived;
    same(entered, derived, "the instance");
    equal(derived.steps, ["init"], "inside the block");
  }
  equal(derived.steps, ["init", "dispose of SyncDerived"], "after the block");
});

check("[Symbol.dispose] does not run after a failed init; one that throws rejects dispose with its error", async () => {
  const fails = new SyncFails();
  same(((await reasonOf(awaiting(fails))) as Error).message, "init failed", "the await");
  same(await disposeOf(fails), undefined, "dispose resolves");
  equal(fails.steps, [], "no teardown");
  const throws = await new SyncThrows();
  same(((await reasonOf(disposeOf(throws))) as Error).message, "sync teardown failed", "dispose rejects");
});

check("a class with both: [Symbol.asyncDispose] is the teardown, [Symbol.dispose] is not called", async () => {
  const both = new BothTeardowns();
  {
    await using _ = both;
  }
  equal(both.steps, ["async"], "steps");
});

run();
