// No instance is kept alive by the plumbing: instances that the program drops are
// collected whatever state they were left in. Each is registered with a
// FinalizationRegistry; the child Node (--expose-gc) drops them, forces GC, and
// reports which ones were finalized.
import test from "ava";
import { join } from "node:path";
import { MATRIX, build, format, nodeFor, runNode, ts } from "../helpers/build.mjs";

const PROGRAM = `
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
`;

const EXPECTED = ["disposed", "disposed before init", "disposed while init ran", "failed", "init still pending", "never awaited", "ready"];

// ES2017 keeps the state in the shared WeakMap, ES2022 and ESNext in a private field.
for (const { name, compilerOptions } of MATRIX.filter((m) => /ES2017|ES2022|ESNext/.test(m.name))) {
  test(`dropped instances are collected in every state: ready, disposed, failed, never awaited… (${name})`, (t) => {
    const built = build({ "main.ts": PROGRAM }, { compilerOptions: { ...compilerOptions, types: ["node"] } });
    const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    t.deepEqual(errors.map((d) => format([d])), []);
    const run = runNode(join(built.outDir, "main.js"), { nodeArgs: ["--expose-gc"], node: nodeFor(compilerOptions.target) });
    t.is(run.stderr, "");
    t.is(run.code, 0);
    t.deepEqual(JSON.parse(run.stdout), { collected: EXPECTED, kept: "object" });
  });
}
