// A file whose syntax tree is very deep (a chain of thousands of `+`, as generated code may
// have) beside a tagged class: TypeScript parses and emits it, and so must the rewrite,
// without overflowing the call stack. Before, the analysis overflowed from about 2,200
// terms (a raw RangeError from tsAsyncInit(program)) and the emit from about 1,800
// (error TS46099, the file emitted as written); the text back end from about 3,000.
// Each back end builds the program and runs it: init runs, and the chain's value is whole.
// The same inside a tagged class (its init, its constructor, a subclass's init), which the
// class's own checks walk: before, 3,000 terms there threw a RangeError from the program's
// diagnostics, and the text back end gave TS46099 (in a main thread: helpers/deep-class-chains.mjs).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";
import { BACK_ENDS, buildAndRun } from "../support/back-ends.mjs";
import { moduleOptions } from "../support/project.mjs";

const HELPER = fileURLToPath(new URL("helpers/deep-class-chains.mjs", import.meta.url));
/** Enough to overflow each back end before: the text back end's walks are less deep in the stack than a program's emit. */
const TERMS = { typed: 8_000, untyped: 8_000, text: 20_000 };
const program = (terms) => `/** @asyncInit */
class Db {
  ready = false;
  async init(): Promise<void> {
    this.ready = true;
  }
  async [Symbol.asyncDispose](): Promise<void> {
    console.log("disposed");
  }
}
export const chain: string = ${Array(terms).fill('"a"').join(" + ")};
{
  await using db = new Db();
  console.log("ready", db.ready, chain.length);
}
`;

for (const backEnd of BACK_ENDS) {
  const terms = TERMS[backEnd];
  test(`a chain of ${terms.toLocaleString("en")} + beside a tagged class is rewritten and runs (${backEnd})`, (t) => {
    const built = buildAndRun({ "main.ts": program(terms) }, { backEnd, compilerOptions: moduleOptions("ES2022", "nodenext") });
    t.deepEqual(built.problems, []);
    t.is(built.stderr, "");
    t.is(built.stdout.trim(), `ready true ${terms}\ndisposed`);
  });
}

/** Enough to overflow the class's walks before, in a main thread (typed and text; untyped has fewer of them). */
const CLASS_TERMS = 3_000;

for (const backEnd of BACK_ENDS) {
  test(`chains of ${CLASS_TERMS.toLocaleString("en")} + inside tagged classes are rewritten and run, in a main thread (${backEnd})`, (t) => {
    const child = spawnSync(process.execPath, [HELPER, backEnd, String(CLASS_TERMS)], { encoding: "utf8" });
    t.is(child.stderr, "");
    t.deepEqual(JSON.parse(child.stdout), { problems: [], stdout: `ready ${CLASS_TERMS} ${CLASS_TERMS} ${CLASS_TERMS}`, stderr: "" });
  });
}
