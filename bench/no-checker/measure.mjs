// Runs one part of the no-checker benchmark and prints JSON.
//
//   node --expose-gc measure.mjs <dir> <part> [roundMs] [rounds]
//
// <dir> holds what bench-no-checker.mjs compiled: typed/out/cases.js (bench/runtime/cases.ts
// with a checker), transpiled/cases.js (the same file through ts.transpileModule and the
// plugin, no checker), and untagged/ (bench/no-checker/untagged.ts three ways).
//
// part:
//   noWait, oneStep   `await using` of a tagged instance: the factory, the typed site and
//                     the site compiled without a checker, side by side
//   untagged          `await using` of an untagged disposable: no plugin, an identical copy
//                     of it (the noise control), and compiled without a checker
//   turns             microtask turns of each of those sites (noWait workload)
//
// Each part runs in a fresh process; within a part, the rounds of bench/lib/rounds.mjs.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { measure, median, microtaskTurns } from "../lib/rounds.mjs";

const [dir, part, roundMsArg = "120", roundsArg = "12"] = process.argv.slice(2);
const options = { roundMs: Number(roundMsArg), rounds: Number(roundsArg) };
const load = (file) => import(pathToFileURL(join(dir, file)).href);

const FACTORY = "factory: await using x = await Foo.create()";
const TYPED = "tagged, typed site: await using x = new Foo()";
const NO_CHECKER = "tagged, no checker: await using x = new Foo()";
const PLAIN = "no plugin: await using x = new Plain()";
const PLAIN_COPY = "no plugin, an identical second build (noise control)";
const PLAIN_TESTED = "no checker, with the plugin: await using x = new Plain()";

const typed = await load("typed/out/cases.js");

/** The three `await using` sites of one workload. */
async function taggedCases(workload) {
  const transpiled = await load("transpiled/cases.js");
  const pick = (module, name) => {
    const found = module.workloads[workload].find((c) => c.name === name);
    if (!found) throw new Error(`no case ${JSON.stringify(name)} in ${workload}`);
    return found;
  };
  return [
    pick(typed, FACTORY),
    { ...pick(typed, TYPED), baseline: FACTORY },
    { ...pick(transpiled, TYPED), name: NO_CHECKER, site: "noChecker", baseline: FACTORY },
  ];
}

async function untaggedCases() {
  // A program compiled without a checker that uses this package has tagged classes: make
  // sure the shared registry exists (it does once one tagged instance was awaited), so
  // the run-time test is measured as such a program pays it.
  await typed.workloads.noWait.find((c) => c.name === "tagged, typed site: await new Foo()").op(0);
  const none = await load("untagged/none.js");
  const copy = await load("untagged/none-copy.js");
  const tested = await load("untagged/plugin.js");
  return [
    { name: PLAIN, op: none.op },
    { name: PLAIN_COPY, op: copy.op, baseline: PLAIN, control: true },
    { name: PLAIN_TESTED, op: tested.op, baseline: PLAIN },
  ];
}

let result;
if (part === "turns") {
  result = {};
  for (const c of [...(await taggedCases("noWait")), ...(await untaggedCases())]) {
    if (c.control) continue;
    const counts = [];
    for (let i = 0; i < 5; i++) counts.push(await microtaskTurns(c.op));
    result[c.name] = median(counts);
  }
} else if (part === "untagged") {
  result = await measure(await untaggedCases(), options);
} else {
  result = await measure(await taggedCases(part), options);
}
process.stdout.write(JSON.stringify({ node: process.version, result }));
