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
// another in a balanced order (bench/lib/rounds.mjs), for roundMs each: the cases are measured side by side,
// so a slow patch of the machine hits them all alike; ratios are taken within a round.
import { pathToFileURL } from "node:url";
import { measure as measureRounds, median, microtaskTurns } from "../lib/rounds.mjs";

const [file, part, roundMsArg = "150", roundsArg = "15"] = process.argv.slice(2);
const ROUND_MS = Number(roundMsArg);
const ROUNDS = Number(roundsArg);
const { workloads, references } = await import(pathToFileURL(file).href);

const options = { roundMs: ROUND_MS, rounds: ROUNDS };

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
  const fresh = await measureRounds(pair, options);
  let pending = [];
  const usingTagged = pick("tagged, typed site: await using x = new Foo()");
  for (let i = 0; i < 100_000; i++) pending.push(usingTagged.op(i));
  await Promise.all(pending);
  pending = null;
  globalThis.gc?.();
  const after = await measureRounds(pair, options);
  result = { fresh, after };
} else {
  const [workload, group] = part.split("/");
  result = await measureRounds(
    workloads[workload].filter((c) => c.group === group),
    options,
  );
}
process.stdout.write(JSON.stringify({ node: process.version, result }));
