// Scenario of test/exec/semantics/teardown-keys.test.mjs: a teardown keyed by an alias of Symbol.asyncDispose is recognised and run by the plumbing.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, drain, same, equal, isDisposedError, watch } from "../checks.js";
import { kDispose, keys, kOther } from "./keys.js";

// The checker types k (and Keys.dispose) as plain symbol: the analysis follows them to their value.
const k = Symbol.asyncDispose;
class Keys { static readonly dispose = Symbol.asyncDispose; }
const S = Symbol;

/** A class whose init waits until the check opens it, and whose teardown logs. */
function gated(log: string[]) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => { open = resolve; });
  return { open: () => open(), gate, log };
}

/** @asyncInit */
class LocalAlias {
  steps: string[] = [];
  opened = gated(this.steps);
  async init() { await this.opened.gate; this.steps.push("init"); }
  async [k]() { this.steps.push("teardown"); }
}

/** @asyncInit */
class ImportedAlias {
  steps: string[] = [];
  opened = gated(this.steps);
  async init() { await this.opened.gate; this.steps.push("init"); }
  async [kDispose]() { this.steps.push("teardown"); }
  [kOther]() { return "other"; }
}

/** @asyncInit */
class PropertyAlias {
  steps: string[] = [];
  opened = gated(this.steps);
  async init() { await this.opened.gate; this.steps.push("init"); }
  async [keys.dispose]() { this.steps.push("teardown"); }
}

/** @asyncInit */
class StaticReadonlyAlias {
  steps: string[] = [];
  opened = gated(this.steps);
  async init() { await this.opened.gate; this.steps.push("init"); }
  async [Keys.dispose]() { this.steps.push("teardown"); }
}

/** @asyncInit */
class RenamedSymbol {
  steps: string[] = [];
  opened = gated(this.steps);
  async init() { await this.opened.gate; this.steps.push("init"); }
  async [S.asyncDispose]() { this.steps.push("teardown"); }
}

type Gated = { steps: string[]; opened: { open(): void }; [Symbol.asyncDispose](): Promise<void> };

/** Dispose requested while init is pending: waits for init, then runs the user's teardown once. */
async function teardownWaitsForInit(x: Gated, what: string) {
  const waiter = watch(x);
  await drain();
  const first = x[Symbol.asyncDispose]();
  const second = x[Symbol.asyncDispose]();
  same(second, first, what + ": every dispose call gets the same promise");
  await drain();
  equal(x.steps, [], what + ": nothing ran before init finished");
  x.opened.open();
  await first;
  equal(x.steps, ["init", "teardown"], what + ": steps");
  await waiter.done;
  isDisposedError(waiter.reason, x.constructor.name, what + ": the waiter");
}

// (The checker itself does not know that [k] is [Symbol.asyncDispose], hence the casts.)
check("a teardown keyed by a const of the module waits for init and runs once", () => teardownWaitsForInit(new LocalAlias() as unknown as Gated, "LocalAlias"));
check("a teardown keyed by a static readonly property waits for init and runs once", () => teardownWaitsForInit(new StaticReadonlyAlias() as unknown as Gated, "StaticReadonlyAlias"));
check("a teardown keyed by a const imported from another module waits for init and runs once", () => teardownWaitsForInit(new ImportedAlias(), "ImportedAlias"));
check("a teardown keyed by a property that holds Symbol.asyncDispose waits for init and runs once", () => teardownWaitsForInit(new PropertyAlias(), "PropertyAlias"));
check("a teardown keyed through Symbol under another name waits for init and runs once", () => teardownWaitsForInit(new RenamedSymbol(), "RenamedSymbol"));

check("await using runs the aliased teardown on exit; other symbol keys stay as written", async () => {
  let seen: ImportedAlias | undefined;
  {
    const x = new ImportedAlias();
    x.opened.open();
    await using y = x;
    seen = y;
    same(y[kOther](), "other", "a member keyed by another symbol");
    equal(y.steps, ["init"], "steps in the block");
  }
  equal(seen!.steps, ["init", "teardown"], "steps after the block");
});

const kTag = Symbol.for("app.tag");

/** Keys made by Symbol() and Symbol.for("name") are other keys: the class is rewritten, and those members stay as written. */
/** @asyncInit */
class RegistryKeys {
  steps: string[] = [];
  async init() { await null; this.steps.push("init"); }
  [Symbol.for("nodejs.util.inspect.custom")]() { return "RegistryKeys <" + this.steps.join(",") + ">"; }
  [kTag]() { return "tag"; }
  [Symbol("own")]() { return "own"; }
  async [Symbol.asyncDispose]() { this.steps.push("teardown"); }
}

check("members keyed by Symbol.for of a name and by Symbol() stay as written, and init and the teardown run", async () => {
  let seen: RegistryKeys | undefined;
  {
    await using x = new RegistryKeys();
    seen = x;
    equal(x.steps, ["init"], "init ran on entry");
    same((x as any)[Symbol.for("nodejs.util.inspect.custom")](), "RegistryKeys <init>", "the Symbol.for member");
    same(x[kTag](), "tag", "the member keyed by a const holding Symbol.for");
    same(Object.getOwnPropertySymbols(RegistryKeys.prototype).filter((k) => k.description === "own").length, 1, "the Symbol() member");
  }
  equal(seen!.steps, ["init", "teardown"], "steps after the block");
});

check("disposing an instance never awaited skips the aliased teardown", async () => {
  const x = new LocalAlias() as unknown as Gated;
  await x[Symbol.asyncDispose]();
  equal(x.steps, [], "steps");
});

run();
