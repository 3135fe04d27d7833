// Scenario of test/exec/semantics/reentrancy.test.mjs: re-entrancy: awaiting, disposing and failing from inside init and inside the teardown.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, drain, fail, same, equal, awaiting, isDisposedError, watch, describe } from "../checks.js";

const sleep = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
const ITSELF = /was awaited from inside its own init/;

/** A TypeError that names the class and matches the reason. */
function isReentrancyError(error: unknown, className: string, reason: RegExp, what: string): void {
  if (!(error instanceof TypeError)) fail(what + ": expected a TypeError, got " + describe(error));
  if (!error.message.startsWith(className + " ")) fail(what + ": the message does not start with " + className + ": " + error.message);
  if (!reason.test(error.message)) fail(what + ": the message does not say " + reason + ": " + error.message);
}

/** Awaits x (a promise of the outcome) and fails if nothing settles within a second. */
function outcome<T>(x: Promise<T>, what: string): Promise<{ value?: T; reason?: unknown; ok: boolean }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(what + ": still pending after a second (a deadlock)")), 1000);
    x.then(
      (value) => { clearTimeout(timer); resolve({ value, ok: true }); },
      (reason) => { clearTimeout(timer); resolve({ reason, ok: false }); },
    );
  });
}

// One class for the ways init can await its own instance; "how" picks one.
type How = "typed now" | "then now" | "typed later" | "then later" | "method now" | "method later" | "untyped method later" | "helper later" | "returns now" | "returns later" | "returns after its await" | "arrow returns after its await" | "no";

async function ensureReady(x: unknown) {
  await x;
}

/** @asyncInit */
class Self {
  initCalls = 0;
  caught: unknown = undefined;
  constructor(readonly how: How, readonly rethrow = true) {}
  async init() {
    this.initCalls++;
    try {
      await this.reenter();
    } catch (error) {
      this.caught = error;
      if (this.rethrow) throw error;
    }
  }
  // The await of the instance, in the way "how" says.
  async reenter() {
    switch (this.how) {
      case "typed now": return await this;
      case "then now": return await (this as any);
      case "typed later": await sleep(); return await this;
      case "then later": await sleep(); return await (this as any);
      case "method now": return await this.query();
      case "method later": await sleep(); return await this.query();
      case "untyped method later": await sleep(); return await this.untypedQuery();
      case "helper later": await sleep(); return await ensureReady(this);
      case "returns now": return await this.connect(false);
      case "returns later": await sleep(); return await this.connect(true);
      case "returns after its await": return await this.reconnect();
      case "arrow returns after its await": return await this.refresh();
    }
  }
  // The same, where the value returned awaits before it is known.
  async reconnect() {
    return (await this.cached()) ?? this;
  }
  refresh = async () => (await this.cached()) ?? this;
  async cached(): Promise<Self | undefined> {
    await sleep();
    return undefined;
  }
  // A "fluent" method: returning the instance from an async function awaits it, after its own await too.
  async connect(later: boolean) {
    if (later) await sleep();
    return this;
  }
  // The usual "make sure I am ready" first line of a public method.
  async query() {
    await this;
    return "rows";
  }
  async untypedQuery() {
    await (this as any);
    return "rows";
  }
}

// init awaits its own instance directly in its body (not through reenter).
/** @asyncInit */
class Direct {
  initCalls = 0;
  async init() {
    this.initCalls++;
    await sleep();
    await this;
  }
}

async function awaitedItself(how: How) {
  const x = new Self(how);
  const first = await outcome(awaiting(x), how);
  same(first.ok, false, how + ": the await of x fulfilled");
  isReentrancyError(first.reason, "Self", ITSELF, how);
  same(x.initCalls, 1, how + ": init calls");
  same(x.caught, first.reason, how + ": init saw the same error");
  const again = await outcome(awaiting(x), how + " (again)");
  same(again.reason, first.reason, how + ": a later await rejects with init's error again");
  same(x.initCalls, 1, how + ": init calls after a second await");
}

check("awaiting the instance at a typed site in init's synchronous part rejects, init runs once", () => awaitedItself("typed now"));
check("awaiting the instance through its then in init's synchronous part rejects, init runs once", () => awaitedItself("then now"));
check("awaiting the instance at a typed site after init's first await rejects", () => awaitedItself("typed later"));
check("awaiting the instance through its then after init's first await rejects", () => awaitedItself("then later"));
check("a method that begins with await this, called by init at once, rejects", () => awaitedItself("method now"));
check("a method that begins with await this, called by init after an await, rejects", () => awaitedItself("method later"));
check("a method that awaits the instance through its then, called by init, rejects", () => awaitedItself("untyped method later"));
check("a helper function that awaits the instance, called by init, rejects", () => awaitedItself("helper later"));
check("a method that returns the instance, awaited by init at once, rejects", () => awaitedItself("returns now"));
check("a method that returns the instance after an await of its own, awaited by init, rejects", () => awaitedItself("returns later"));
check("a method whose returned value awaits before it is the instance, (await …) ?? this, awaited by init, rejects", () => awaitedItself("returns after its await"));
check("an async arrow whose expression body awaits before it is the instance, awaited by init, rejects", () => awaitedItself("arrow returns after its await"));

check("the typed site and the then site reject with the same kind of error and message", async () => {
  const typed = await outcome(awaiting(new Self("typed later")), "typed");
  const untyped = await outcome(awaiting(new Self("then later")), "then");
  same((typed.reason as Error).constructor, (untyped.reason as Error).constructor, "error class");
  same((typed.reason as Error).message, (untyped.reason as Error).message, "message");
});

check("await this written in init's own body rejects", async () => {
  const x = new Direct();
  const result = await outcome(awaiting(x), "direct");
  isReentrancyError(result.reason, "Direct", ITSELF, "direct");
  same(x.initCalls, 1, "init calls");
});

check("an init that catches the rejection goes on and succeeds: every waiter gets the instance", async () => {
  const x = new Self("method later", false);
  const a = watch(x);
  const b = watch(x);
  await a.done;
  await b.done;
  same(a.value, x, "first waiter");
  same(b.value, x, "second waiter");
  isReentrancyError(x.caught, "Self", ITSELF, "the error init caught");
  same(x.initCalls, 1, "init calls");
  same((x as any).then, undefined, "then once ready");
});

check("outside waiters and a method that awaits the instance from outside still wait for init", async () => {
  const x = new Self("no");
  same(await x.query(), "rows", "query before init");
  same(x.initCalls, 1, "init calls");
  same(await x.query(), "rows", "query after init");
  const y = new Self("no");
  const waiters = [watch(y), watch(y as any), watch(y.query())];
  for (const w of waiters) await w.done;
  same(waiters.map((w) => w.status).join(), "fulfilled,fulfilled,fulfilled", "waiters");
  same(y.initCalls, 1, "init calls");
  const z = new Self("no");
  same(await z.connect(true), z, "a method that returns the instance, called from outside before init");
  same(z.initCalls, 1, "init calls");
  same(await z.connect(true), z, "the same after init");
});

// ---- inits that await each other

/** @asyncInit */
class Node {
  initCalls = 0;
  next: Node | undefined = undefined;
  constructor(readonly name: string, readonly later: boolean, readonly untyped = false) {}
  async init() {
    this.initCalls++;
    if (this.later) await sleep();
    if (this.next) await (this.untyped ? (this.next as any) : this.next);
  }
}

/** Builds a ring (or a chain, open = true) of nodes and awaits the first. */
async function ring(names: string[], later: boolean, untyped: boolean, open = false) {
  const nodes = names.map((name) => new Node(name, later, untyped));
  nodes.forEach((node, i) => { node.next = i + 1 < nodes.length ? nodes[i + 1] : open ? undefined : nodes[0]; });
  const result = await outcome(awaiting(nodes[0]), names.join("-"));
  return { nodes, result };
}

check("two instances whose inits await each other at once (typed): a rejection, each init once", async () => {
  const { nodes, result } = await ring(["A", "B"], false, false);
  same(result.ok, false, "the await fulfilled");
  isReentrancyError(result.reason, "Node", /inside the init of Node/, "cycle");
  same(nodes.map((n) => n.initCalls).join(), "1,1", "init calls");
});

check("two instances whose inits await each other later, through then: a rejection, no deadlock", async () => {
  const { nodes, result } = await ring(["A", "B"], true, true);
  isReentrancyError(result.reason, "Node", /the inits would wait for each other/, "cycle");
  same(nodes.map((n) => n.initCalls).join(), "1,1", "init calls");
});

check("three instances in a ring: the message names the whole ring", async () => {
  const { nodes, result } = await ring(["A", "B", "C"], true, false);
  isReentrancyError(result.reason, "Node", /\(Node -> Node -> Node -> Node\)/, "ring of three");
  same(nodes.map((n) => n.initCalls).join(), "1,1,1", "init calls");
  const again = await outcome(awaiting(nodes[1]), "B again");
  same(again.reason, result.reason, "the other members of the ring reject with the same error");
});

check("a chain of inits that await other instances, with no ring, succeeds", async () => {
  for (const [later, untyped] of [[false, false], [true, false], [false, true], [true, true]]) {
    const { nodes, result } = await ring(["A", "B", "C"], later, untyped, true);
    same(result.ok, true, "chain (later " + later + ", untyped " + untyped + ")");
    same(result.value, nodes[0], "the first node");
    same(nodes.map((n) => n.initCalls).join(), "1,1,1", "init calls");
  }
});

check("an init that awaits another instance of its own class, and an outside waiter of that one, succeed", async () => {
  const b = new Node("B", true);
  const a = new Node("A", true);
  a.next = b;
  const outside = watch(b);
  same(await a, a, "a");
  await outside.done;
  same(outside.value, b, "the outside waiter of b");
});

// ---- dispose from inside init

/** @asyncInit */
class Disposer {
  steps: string[] = [];
  signal: AbortSignal | undefined = undefined;
  disposal: Promise<void> | undefined = undefined;
  constructor(readonly when: "now" | "later" | "await own", readonly failAfter = false) {}
  async init(signal: AbortSignal) {
    this.signal = signal;
    this.steps.push("init");
    if (this.when === "now") this.requestDispose();
    await sleep();
    if (this.when === "later") this.requestDispose();
    if (this.when === "await own") await this[Symbol.asyncDispose]();
    if (this.failAfter) throw new Error("init failed");
    this.steps.push("init done");
  }
  requestDispose() {
    this.disposal = this[Symbol.asyncDispose]();
  }
  async [Symbol.asyncDispose]() {
    this.steps.push("teardown");
  }
}

async function disposedFromInit(when: "now" | "later") {
  const x = new Disposer(when);
  const waiter = await outcome(awaiting(x), when);
  isDisposedError(waiter.reason, "Disposer", "the waiter");
  const disposal = await outcome(x.disposal!, "the dispose init requested");
  same(disposal.ok, true, "the dispose init requested resolves");
  equal(x.steps, ["init", "init done", "teardown"], "steps");
  same(x.signal!.aborted, true, "init's signal was aborted");
  same(x[Symbol.asyncDispose](), x.disposal, "a later dispose gets the same promise");
}

check("dispose requested in init's synchronous part waits for init, then tears down", () => disposedFromInit("now"));
check("dispose requested after init's first await waits for init, then tears down", () => disposedFromInit("later"));

check("dispose requested from init, then init fails: no teardown, waiters get init's error", async () => {
  const x = new Disposer("now", true);
  const waiter = await outcome(awaiting(x), "waiter");
  same((waiter.reason as Error).message, "init failed", "the waiter's reason");
  same((await outcome(x.disposal!, "disposal")).ok, true, "the dispose resolves");
  equal(x.steps, ["init"], "steps");
});

check("init that awaits its own dispose rejects instead of waiting forever; no teardown", async () => {
  const x = new Disposer("await own");
  const waiter = await outcome(awaiting(x), "waiter");
  isReentrancyError(waiter.reason, "Disposer", /awaited its own dispose from inside its init/, "the waiter");
  equal(x.steps, ["init"], "steps");
  same((await outcome(x[Symbol.asyncDispose](), "dispose")).ok, true, "dispose resolves");
});

check("dispose called again from the signal's abort listener gets the same promise", async () => {
  /** @asyncInit */
  class Listener {
    inner: Promise<void> | undefined = undefined;
    opened: (() => void) | undefined = undefined;
    init(signal: AbortSignal) {
      signal.addEventListener("abort", () => { this.inner = this[Symbol.asyncDispose](); });
      return new Promise<void>((resolve) => { this.opened = resolve; });
    }
    async [Symbol.asyncDispose]() {}
  }
  const x = new Listener();
  const waiter = watch(x);
  await drain();
  const outer = x[Symbol.asyncDispose]();
  same(x.inner, outer, "the listener's dispose and the outer one");
  x.opened!();
  same((await outcome(outer, "dispose")).ok, true, "dispose resolves");
  await waiter.done;
});

// ---- inside the teardown

/** @asyncInit */
class Teardown {
  steps: string[] = [];
  inner: Promise<void> | undefined = undefined;
  constructor(readonly does: "await self" | "dispose again" | "await own now" | "await own later" | "fail") {}
  async init() {}
  async [Symbol.asyncDispose]() {
    this.steps.push("teardown");
    if (this.does === "dispose again") this.inner = this[Symbol.asyncDispose]();
    if (this.does === "await own now") await this[Symbol.asyncDispose]();
    await sleep();
    if (this.does === "await self") {
      try {
        await this;
      } catch (error) {
        isDisposedError(error, "Teardown", "await inside the teardown");
        this.steps.push("rejected");
      }
    }
    if (this.does === "await own later") await this[Symbol.asyncDispose]();
    if (this.does === "fail") throw new Error("teardown failed");
    this.steps.push("teardown done");
  }
}

check("awaiting the instance inside its teardown rejects with the disposed error", async () => {
  const x = await new Teardown("await self");
  same((await outcome(x[Symbol.asyncDispose](), "dispose")).ok, true, "dispose resolves");
  equal(x.steps, ["teardown", "rejected", "teardown done"], "steps");
});

check("dispose called again inside the teardown gets the same promise, and the teardown runs once", async () => {
  const x = await new Teardown("dispose again");
  const outer = x[Symbol.asyncDispose]();
  same(x.inner, outer, "the inner and the outer dispose");
  same((await outcome(outer, "dispose")).ok, true, "dispose resolves");
  equal(x.steps, ["teardown", "teardown done"], "steps");
});

async function teardownAwaitsOwnDispose(does: "await own now" | "await own later") {
  const x = await new Teardown(does);
  const disposal = await outcome(x[Symbol.asyncDispose](), does);
  isReentrancyError(disposal.reason, "Teardown", /awaited its own dispose from inside its teardown/, does);
  equal(x.steps, ["teardown"], "steps");
  same((await outcome(x[Symbol.asyncDispose](), "again")).reason, disposal.reason, "a later dispose rejects the same way");
}

check("a teardown that awaits its own dispose at once rejects instead of waiting forever", () => teardownAwaitsOwnDispose("await own now"));
check("a teardown that awaits its own dispose later rejects instead of waiting forever", () => teardownAwaitsOwnDispose("await own later"));

check("a teardown that fails: every dispose call rejects with its error; awaiting the instance rejects as disposed", async () => {
  const x = await new Teardown("fail");
  const first = await outcome(x[Symbol.asyncDispose](), "first");
  const second = await outcome(x[Symbol.asyncDispose](), "second");
  same((first.reason as Error).message, "teardown failed", "first");
  same(second.reason, first.reason, "second");
  isDisposedError((await outcome(awaiting(x), "await")).reason, "Teardown", "await after dispose");
});

run();
