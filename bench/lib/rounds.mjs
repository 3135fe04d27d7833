// Side-by-side measurement of async operations, shared by the run-time benchmarks
// (bench/runtime/measure.mjs, bench/no-checker/measure.mjs): every round runs every
// case once, one after another in a balanced order, for roundMs each, so a slow patch
// of the machine hits them all alike; ratios are taken within a round.

const now = () => Number(process.hrtime.bigint()) / 1e6;

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `op` back to back for about `ms` milliseconds; returns operations per second. */
export async function opsPerSecond(op, ms) {
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
export function balancedOrders(n) {
  const first = [0];
  for (let j = 1; j < n; j++) first.push(j % 2 === 1 ? (j + 1) / 2 : n - j / 2);
  const rows = first.map((_, r) => first.map((k) => (k + r) % n));
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}

/**
 * Rounds of side-by-side measurement; returns each case's median ops/sec, its median
 * ratio to its baseline (the case named by `baseline`), and every per-round ratio.
 */
export async function measure(cases, { roundMs, rounds }) {
  for (const c of cases) await opsPerSecond(c.op, roundMs); // warm up (JIT)
  const samples = new Map(cases.map((c) => [c.name, []]));
  const ratios = new Map(cases.map((c) => [c.name, []]));
  const orders = balancedOrders(cases.length);
  for (let round = 0; round < rounds; round++) {
    const order = orders[round % orders.length].map((i) => cases[i]);
    const thisRound = new Map();
    for (const c of order) thisRound.set(c.name, await opsPerSecond(c.op, roundMs));
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
    ratios: c.baseline ? ratios.get(c.name) : undefined,
  }));
}

/**
 * How many microtask turns pass before `await op()` resumes: a self-requeuing
 * microtask counts its own runs while the operation is pending.
 */
export async function microtaskTurns(op) {
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
