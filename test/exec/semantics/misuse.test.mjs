// Misuse that compiled and then misbehaved is now an error (TS46002, TS46007, see
// test/diagnostics.test.mjs), and the class with the error is emitted as written,
// so what runs is what the checker saw:
// - a tagged class whose base class has a `then`: `await new Db()` goes through the
//   base's then, as the checker types it (before: the generated then yielded the
//   instance, against the types);
// - an init that resolves with the instance although its type does not say so
//   (`Promise<unknown>`, `Promise<any>`, `new Promise` resolved with `this`): nothing
//   waits for itself any more (before: the program hung forever).
import { scenario, main } from "./scenario.mjs";

const MISUSE = main(String.raw`
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
`);

scenario("misuse that compiled and then misbehaved is an error, and runs as written", { "main.ts": MISUSE }, {
  allowErrors: (d) => d.code === 46002 || d.code === 46007,
});
