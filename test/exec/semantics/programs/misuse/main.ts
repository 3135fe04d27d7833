// Scenario of test/exec/semantics/misuse.test.mjs: misuse that compiled and then misbehaved is an error, and runs as written.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, same, awaiting } from "../checks.js";

/** Awaits x and fails if nothing settles within a second. */
function settled<T>(x: PromiseLike<T> | T, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(what + ": still pending after a second")), 1000);
    Promise.resolve(x).then((value) => { clearTimeout(timer); resolve(value); }, (reason) => { clearTimeout(timer); reject(reason); });
  });
}

class Base {
  then(resolve: (value: string) => void) { resolve("from the base's then"); }
}
/** @asyncInit */
class WithBaseThen extends Base {
  async init() {}
}

/** @asyncInit */
class ReturnsThisUnknown {
  initCalls = 0;
  async init(): Promise<unknown> { this.initCalls++; return this; }
}
/** @asyncInit */
class ReturnsThisAny {
  initCalls = 0;
  async init(): Promise<any> { this.initCalls++; return this as any; }
}
/** @asyncInit */
class ResolvesWithThis {
  initCalls = 0;
  init(): Promise<unknown> { this.initCalls++; return new Promise((resolve) => setTimeout(() => resolve(this))); }
}

check("a tagged class whose base has a then is awaited through the base's then, as the checker types it", async () => {
  const value: string = await new WithBaseThen();
  same(value, "from the base's then", "await new WithBaseThen()");
  same(await settled(awaiting(new WithBaseThen() as unknown), "untyped"), "from the base's then", "an untyped await");
});

check("an init that resolves with the instance behind Promise<unknown> or Promise<any> no longer hangs", async () => {
  for (const x of [new ReturnsThisUnknown(), new ReturnsThisAny()]) {
    same(await settled(awaiting(x as unknown), "await " + x.constructor.name), x, "await " + x.constructor.name);
    same(x.initCalls, 0, x.constructor.name + ": emitted as written, awaiting does not run init");
  }
});

check("an init that returns a new Promise resolved with this no longer hangs", async () => {
  const x = new ResolvesWithThis();
  same(await settled(awaiting(x as unknown), "await"), x, "await");
  same(x.initCalls, 0, "emitted as written, awaiting does not run init");
});

run();
