// Measures the retained heap per instance for one phase of bench/memory/instances.ts.
//
//   node --expose-gc measure.mjs <compiled instances.js> <phase> [count]
//
// Full GC, read heapUsed, build `count` instances and keep them, full GC, read
// heapUsed again: the difference over `count` is what each instance keeps alive
// (its own object plus whatever the plumbing keeps for it). Then drops them and
// reads the heap once more, to show that nothing stays behind. Prints JSON.
// Each phase runs in a fresh process, so no phase inherits another's garbage.
import { pathToFileURL } from "node:url";

if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
const [file, phase, countArg = "100000"] = process.argv.slice(2);
const COUNT = Number(countArg);
const { phases } = await import(pathToFileURL(file).href);
const build = phases[phase];
if (!build) throw new Error(`no phase ${phase}`);

async function heap() {
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

// Warm up the code path (and the plumbing's table) with a few instances, dropped before measuring.
await build(new Array(1000), 1000);
let kept = new Array(COUNT).fill(null); // allocated before measuring, so only the instances count
const before = await heap();
await build(kept, COUNT);
const after = await heap();
if (kept.some((x) => x === null)) throw new Error(`${phase} did not build ${COUNT} instances`);
kept.fill(null);
const dropped = await heap();
kept = null;

process.stdout.write(JSON.stringify({ node: process.version, bytesPerInstance: (after - before) / COUNT, leftAfterDrop: dropped - before }));
