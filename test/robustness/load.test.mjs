// Load: 100,000 concurrent awaits of one instance, 10,000 instances initialising at
// once (and 10,000 whose init fails), in a child Node with --expose-gc: one init
// each, every waiter settled with the right value, no unhandled rejection, and the
// heap back near its baseline once everything is dropped.
import test from "ava";
import { join } from "node:path";
import { build, format, runNode, ts } from "../helpers/build.mjs";

const PROGRAM = `
const proc = process;
let unhandled = 0;
proc.on("unhandledRejection", () => unhandled++);

let inits = 0;
/** @asyncInit */
class Db {
  ready = false;
  constructor(readonly id: number, readonly fails = false) {}
  async init() {
    inits++;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.fails) throw new Error("init failed " + this.id);
    this.ready = true;
  }
}

async function heap() {
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 3; i++) global.gc!();
  return proc.memoryUsage().heapUsed;
}

async function scenario(waiterCount: number, instanceCount: number) {
  const out: Record<string, unknown> = {};

  // 100,000 concurrent awaits of one instance, through await, Promise.resolve and an async return.
  {
    inits = 0;
    const x = new Db(0);
    const waiters: Promise<unknown>[] = [];
    for (let i = 0; i < waiterCount; i++) {
      waiters.push(i % 3 === 0 ? (async () => await x)() : i % 3 === 1 ? Promise.resolve(x) : (async (): Promise<unknown> => x)());
    }
    const values = await Promise.all(waiters);
    out.oneInstance = { inits, waiters: values.length, allSame: values.every((v) => v === x), ready: x.ready, then: typeof (x as any).then };
  }

  // 10,000 instances initialising at once, each awaited twice.
  {
    inits = 0;
    const xs = Array.from({ length: instanceCount }, (_, i) => new Db(i));
    const values = await Promise.all(xs.flatMap((x) => [x, (async () => await x)()]));
    out.manyInstances = { inits, waiters: values.length, allOwn: values.every((v, i) => v === xs[i >> 1]), allReady: xs.every((x) => x.ready) };
  }

  // 10,000 instances whose init fails, each awaited three times: every waiter rejects with its instance's error.
  {
    inits = 0;
    const xs = Array.from({ length: instanceCount }, (_, i) => new Db(i, true));
    const settled = await Promise.allSettled(xs.flatMap((x) => [x, Promise.resolve(x), (async () => await x)()]));
    out.failingInstances = {
      inits,
      waiters: settled.length,
      allRejectedWithOwnError: settled.every((s, i) => s.status === "rejected" && (s.reason as Error).message === "init failed " + xs[Math.floor(i / 3)].id),
      sameErrorObject: settled.every((s, i) => i % 3 !== 0 || ((s as PromiseRejectedResult).reason === (settled[i + 1] as PromiseRejectedResult).reason && (s as PromiseRejectedResult).reason === (settled[i + 2] as PromiseRejectedResult).reason)),
    };
  }

  // 10,000 instances initialised and disposed at once.
  {
    inits = 0;
    const xs = Array.from({ length: instanceCount }, (_, i) => new Db(i));
    await Promise.all(xs);
    await Promise.all(xs.map((x) => (x as any)[Symbol.asyncDispose]()));
    out.disposed = { inits };
  }

  return out;
}

async function main() {
  // A small run first, so that compiled code and caches exist before the baseline is read.
  await scenario(300, 30);
  const baseline = await heap();
  const out = await scenario(100_000, 10_000);
  const after = await heap();
  // The same load again: what the first round left behind must be reused, not added to.
  await scenario(100_000, 10_000);
  const again = await heap();
  out.unhandled = unhandled;
  out.heap = { baseline, after, grownBytes: after - baseline, grownAgainBytes: again - after };
  console.log(JSON.stringify(out));
}
main();
`;

// ES2017 keeps the state in the shared WeakMap, ES2022 in a private field.
for (const target of ["ES2017", "ES2022"]) test(`load: 100,000 waiters on one instance and 10,000 instances at once settle correctly and leave the heap near its baseline (${target})`, (t) => {
  const built = build({ "main.ts": PROGRAM }, { compilerOptions: { target, module: "commonjs", types: ["node"] } });
  const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  t.deepEqual(errors.map((d) => format([d])), []);
  const run = runNode(join(built.outDir, "main.js"), { nodeArgs: ["--expose-gc"] });
  t.is(run.stderr, "");
  t.is(run.code, 0);
  const out = JSON.parse(run.stdout);
  t.log(`heap after everything was dropped: ${(out.heap.grownBytes / 1024).toFixed(0)} KiB over the baseline`);
  t.deepEqual(out.oneInstance, { inits: 1, waiters: 100_000, allSame: true, ready: true, then: "undefined" });
  t.deepEqual(out.manyInstances, { inits: 10_000, waiters: 20_000, allOwn: true, allReady: true });
  t.deepEqual(out.failingInstances, { inits: 10_000, waiters: 30_000, allRejectedWithOwnError: true, sameErrorObject: true });
  t.deepEqual(out.disposed, { inits: 10_000 });
  t.is(out.unhandled, 0);
  // 10,000 live instances with their pending state take several MiB. Once they are dropped,
  // only the shared WeakMap's table (below ES2022) stays at its high-water mark (about 32
  // bytes for each entry that was live at the peak: the plumbing never deletes, see
  // plumbing/plumbing.ts), and a second round of the same load reuses it instead of growing
  // the heap.
  t.log(`heap after a second round: ${(out.heap.grownAgainBytes / 1024).toFixed(0)} KiB over the first`);
  t.true(out.heap.grownBytes < 2 * 1024 * 1024, `heap grew by ${out.heap.grownBytes} bytes`);
  t.true(out.heap.grownAgainBytes < 256 * 1024, `the second round grew the heap by ${out.heap.grownAgainBytes} bytes`);
});
