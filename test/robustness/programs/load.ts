// 100,000 concurrent awaits of one instance, 10,000 instances at once (and 10,000 failing),
// then the heap; run with --expose-gc, it prints what it saw as JSON (load.test.mjs).
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
  // The same load again, twice: what the first round left behind must be reused, not added to.
  // A leak grows the heap by as much in each round; code the JIT compiles late (on a busy
  // machine) grows it once: the smaller of the two growths tells them apart.
  await scenario(100_000, 10_000);
  const again = await heap();
  await scenario(100_000, 10_000);
  const third = await heap();
  out.unhandled = unhandled;
  out.heap = { baseline, after, grownBytes: after - baseline, grownAgainBytes: Math.min(again - after, third - again) };
  console.log(JSON.stringify(out));
}
main();
