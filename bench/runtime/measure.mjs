// Runs the compiled runtime cases (bench/runtime/cases.ts) and prints one JSON
// object: ops/sec per case (median of rounds), the per-round ratio against each
// case's baseline (median), and the microtask turns each kind of site costs.
//
//   node measure.mjs <compiled cases.js> [roundMs] [rounds]
//
// Every round runs every case of a workload once, one after another in a
// rotating order, for roundMs each: the cases are measured side by side, so a
// slow patch of the machine hits them all alike; ratios are taken within a round.
import { pathToFileURL } from "node:url";

const [file, roundMsArg = "150", roundsArg = "15"] = process.argv.slice(2);
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
 * How many microtask turns pass before `await op()` resumes: a self-requeuing
 * microtask counts its own runs while the operation is pending. A bare `await`
 * of a plain value counts 1.
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

const result = { node: process.version, workloads: {}, turns: {} };

for (const [workload, cases] of Object.entries(workloads)) {
  // Warm up every case (JIT), then measure in rounds.
  for (const c of cases) await opsPerSecond(c.op, ROUND_MS);
  const samples = new Map(cases.map((c) => [c.name, []]));
  const ratios = new Map(cases.map((c) => [c.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = cases.map((_, i) => cases[(i + round) % cases.length]);
    const thisRound = new Map();
    for (const c of order) thisRound.set(c.name, await opsPerSecond(c.op, ROUND_MS));
    for (const c of cases) {
      samples.get(c.name).push(thisRound.get(c.name));
      if (c.baseline) ratios.get(c.name).push(thisRound.get(c.name) / thisRound.get(c.baseline));
    }
  }
  result.workloads[workload] = cases.map((c) => ({
    name: c.name,
    group: c.group,
    site: c.site,
    baseline: c.baseline,
    opsPerSec: median(samples.get(c.name)),
    samples: samples.get(c.name),
    ratio: c.baseline ? median(ratios.get(c.name)) : undefined,
  }));
}

// Microtask turns, with the init that does no real waiting (any real wait would swamp the count).
for (const c of [...references, ...workloads.noWait]) {
  const counts = [];
  for (let i = 0; i < 5; i++) counts.push(await microtaskTurns(c.op));
  result.turns[c.name] = median(counts);
}

// The same typed await and factory, measured again after the program once held many
// instances that it dropped without them becoming ready (100,000 disposed by `await using`,
// then collected): shows whether the plumbing's bookkeeping makes later awaits slower.
{
  const pick = (name) => workloads.noWait.find((c) => c.name === name);
  const pair = [pick("factory: await Foo.create()"), pick("tagged, typed site: await new Foo()")];
  const usingTagged = pick("tagged, typed site: await using x = new Foo()");
  const measurePair = async () => {
    const ratios = [];
    const ops = [[], []];
    for (let round = 0; round < 5; round++) {
      const a = await opsPerSecond(pair[0].op, ROUND_MS);
      const b = await opsPerSecond(pair[1].op, ROUND_MS);
      ops[0].push(a);
      ops[1].push(b);
      ratios.push(b / a);
    }
    return { factory: median(ops[0]), tagged: median(ops[1]), ratio: median(ratios) };
  };
  const fresh = await measurePair();
  let pending = [];
  for (let i = 0; i < 100_000; i++) pending.push(usingTagged.op(i));
  await Promise.all(pending);
  pending = null;
  if (globalThis.gc) globalThis.gc();
  const after = await measurePair();
  result.afterBurst = { fresh, after };
}

process.stdout.write(JSON.stringify(result));
