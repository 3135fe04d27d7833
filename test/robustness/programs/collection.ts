// Instances left in every state and dropped, each registered with a FinalizationRegistry;
// run with --expose-gc, it prints which were collected (collection.test.mjs).
/** @asyncInit */
class Db {
  constructor(readonly fails = false) {}
  async init(signal?: AbortSignal) {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.fails) throw new Error("init failed");
  }
  async [Symbol.asyncDispose]() {}
}

/** @asyncInit */
class NeverSettles {
  async init() {
    await new Promise(() => {}); // a pending promise that nothing references
  }
}

const collected = new Set<string>();
const registry = new FinalizationRegistry((name: string) => collected.add(name));

/** Each builds an instance, leaves it in one state, registers it, and drops it on return. */
const states: Record<string, () => Promise<void>> = {
  async ready() { const x = await new Db(); registry.register(x, "ready"); },
  async disposed() { const x = await new Db(); await x[Symbol.asyncDispose](); registry.register(x, "disposed"); },
  async failed() { const x = new Db(true); registry.register(x, "failed"); await Promise.resolve(x).catch(() => {}); },
  async "never awaited"() { registry.register(new Db(), "never awaited"); },
  async "disposed before init"() { const x = new Db(); registry.register(x, "disposed before init"); await x[Symbol.asyncDispose](); },
  async "disposed while init ran"() { const x = new Db(); registry.register(x, "disposed while init ran"); const p = Promise.resolve(x).catch(() => {}); await x[Symbol.asyncDispose](); await p; },
  async "init still pending"() { const x = new NeverSettles(); registry.register(x, "init still pending"); Promise.resolve(x); },
};

// A control: an instance the program still holds must not be reported, or the test proves nothing.
const kept = new Db();
registry.register(kept, "kept alive");

async function main() {
  for (const make of Object.values(states)) await make();
  for (let i = 0; i < 50 && collected.size < Object.keys(states).length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    (globalThis as any).gc();
  }
  console.log(JSON.stringify({ collected: [...collected].sort(), kept: typeof kept }));
}
main();
