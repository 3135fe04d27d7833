// Runs one part of the compiled runtime cases (bench/runtime/cases.ts) and prints JSON.
//
//   node --expose-gc measure.mjs <compiled cases.js> <part> [roundMs] [rounds]
//
// part:
//   <workload>/<group>   e.g. noWait/await: ops/sec of each case of that group (median of
//                        rounds) and the per-round ratio against its baseline (median)
//   turns                microtask turns before each kind of site resumes (noWait workload)
//   burst                a typed await against the factory, fresh and then after 100,000
//                        instances were disposed at once and collected
//
// Each part runs in a fresh process (bench-runtime.mjs spawns them), so no row depends
// on what ran before it. Within a part, every round runs every case once, one after
// another in a balanced order (see balancedOrders), for roundMs each: the cases are measured side by side,
// so a slow patch of the machine hits them all alike; ratios are taken within a round.
import { pathToFileURL } from "node:url";

const [file, part, roundMsArg = "150", roundsArg = "15"] = process.argv.slice(2);
const ROUND_MS = Number(roundMsArg);
const ROUNDS = Number(roundsArg);
const { workloads, references } = await import(pathToFileURL(file).href);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `op` back to back for about `ms` milliseconds; returns operations per second. */
async function opsPerSecond(op, ms) {
  let count = 0;
  const start = now();
  let elapsed = 0;
  // Check the clock every 64 operations, so reading it costs (almost) nothing.
  while (elapsed < ms) {
    for (let i = 0; i < 64; i++) await op(count++);
    elapsed = now() - start;
  }
  return (count / elapsed) * 1000;
}

/**
 * The orders of the cases over the rounds: a Williams design, in which every case
 * comes right after every other case equally often. (A plain rotation put the same
 * neighbour before a case in most rounds, so one tagged case kept paying for the
 * garbage that the runtime library's case leaves behind.)
 *
 *     4 cases: 0 1 3 2 / 1 2 0 3 / 2 3 1 0 / 3 0 2 1
 */
function balancedOrders(n) {
  const first = [0];
  for (let j = 1; j < n; j++) first.push(j % 2 === 1 ? (j + 1) / 2 : n - j / 2);
  const rows = first.map((_, r) => first.map((k) => (k + r) % n));
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}

/** Rounds of side-by-side measurement; returns each case's median ops/sec and median ratio to its baseline. */
async function measure(cases) {
  for (const c of cases) await opsPerSecond(c.op, ROUND_MS); // warm up (JIT)
  const samples = new Map(cases.map((c) => [c.name, []]));
  const ratios = new Map(cases.map((c) => [c.name, []]));
  const orders = balancedOrders(cases.length);
  for (let round = 0; round < ROUNDS; round++) {
    const order = orders[round % orders.length].map((i) => cases[i]);
    const thisRound = new Map();
    for (const c of order) thisRound.set(c.name, await opsPerSecond(c.op, ROUND_MS));
    for (const c of cases) {
      samples.get(c.name).push(thisRound.get(c.name));
      if (c.baseline) ratios.get(c.name).push(thisRound.get(c.name) / thisRound.get(c.baseline));
    }
  }
  return cases.map((c) => ({
    name: c.name,
    group: c.group,
    site: c.site,
    baseline: c.baseline,
    opsPerSec: median(samples.get(c.name)),
    ratio: c.baseline ? median(ratios.get(c.name)) : undefined,
  }));
}

/**
 * How many microtask turns pass before `await op()` resumes: a self-requeuing
 * microtask counts its own runs while the operation is pending.
 */
async function microtaskTurns(op) {
  let turns = 0;
  let counting = true;
  const tick = () => {
    if (!counting) return;
    turns++;
    queueMicrotask(tick);
  };
  queueMicrotask(tick);
  await op(0);
  counting = false;
  return turns;
}

let result;
if (part === "turns") {
  result = {};
  for (const c of [...references, ...workloads.noWait]) {
    const counts = [];
    for (let i = 0; i < 5; i++) counts.push(await microtaskTurns(c.op));
    result[c.name] = median(counts);
  }
} else if (part === "burst") {
  const pick = (name) => workloads.noWait.find((c) => c.name === name);
  const pair = [pick("factory: await Foo.create()"), { ...pick("tagged, typed site: await new Foo()"), baseline: "factory: await Foo.create()" }];
  const fresh = await measure(pair);
  let pending = [];
  const usingTagged = pick("tagged, typed site: await using x = new Foo()");
  for (let i = 0; i < 100_000; i++) pending.push(usingTagged.op(i));
  await Promise.all(pending);
  pending = null;
  globalThis.gc?.();
  const after = await measure(pair);
  result = { fresh, after };
} else {
  const [workload, group] = part.split("/");
  result = await measure(workloads[workload].filter((c) => c.group === group));
}
process.stdout.write(JSON.stringify({ node: process.version, result }));
