// The rewrite without a type checker (ts.transpileModule: ts-loader's and ts-node's
// transpileOnly, ts-jest's isolatedModules): each module is compiled alone, so the
// module that uses the tagged classes of another cannot know its `await using`
// values are tagged instances. Every such value is tested when it runs: tagged
// instances are awaited on entry, every other value is used as written, with no
// added microtask turn and no `then` read. The program is test/exec/programs/no-checker.

import { join } from "node:path";
import test from "ava";
import { buildWith, formatProblems } from "../support/back-ends.mjs";
import { isTypeScript, moduleOptions, nodeFor, ROOT, readFolder, runNode } from "../support/project.mjs";

const SOURCES = readFolder(join(ROOT, "test/exec/programs/no-checker"), isTypeScript);

const EXPECTED = {
  imported: ["init new", "init factory", "body", "dispose factory", "dispose new"],
  noTeardown: ["init no-teardown", "body"],
  loop: ["init one", "body one", "dispose one", "init two", "body two", "dispose two"],
  loopHead: ["init head", "body head", "body head", "dispose head"],
  failing: ["init failing", "caught boom"],
  noAddedTurn: ["plain: body first", "thenable: body first", "ready: body first"],
  thenRead: false,
  strictProxy: ["body", "disposed"],
};

/** Each file through ts.transpileModule with the plugin (unless `plugin: false`) and no program, as the single-file tools do. */
const transpileAll = (compilerOptions, plugin = {}) => buildWith("untyped", SOURCES, { compilerOptions, plugin });

for (const [target, module] of [
  ["ES2017", "commonjs"],
  ["ES2022", "nodenext"],
  ["ESNext", "nodenext"],
]) {
  test(`without a checker, every await using value that is a tagged instance is awaited on entry, and no other (${target}/${module})`, (t) => {
    const { outDir, problems } = transpileAll(moduleOptions(target, module));
    t.is(formatProblems(problems), "");
    const result = runNode(join(outDir, "main.js"), { node: nodeFor(target) });
    t.is(result.stderr, "");
    t.deepEqual(JSON.parse(result.stdout), EXPECTED);
  });
}

test("without the plugin the same program runs the bodies before init (so the test above can fail)", (t) => {
  const { outDir } = transpileAll(moduleOptions("ES2022", "nodenext"), false);
  const result = runNode(join(outDir, "main.js"));
  t.notDeepEqual(result.stdout.trim() && JSON.parse(result.stdout).imported, EXPECTED.imported, result.stderr);
});

test("a labelled for head keeps its label on the loop (ESNext)", (t) => {
  const { outDir } = transpileAll(moduleOptions("ESNext", "nodenext"));
  const result = runNode(join(outDir, "labelled.js"), { node: nodeFor("ESNext") });
  t.is(result.stderr, "");
  t.deepEqual(JSON.parse(result.stdout), ["init labelled", "body labelled", "body labelled", "dispose labelled"]);
});

test("TS46022: without a checker, only the first await using of a for (…; …; …) head is tested", (t) => {
  const source = "export async function f(a: AsyncDisposable, b: AsyncDisposable) {\n  for (await using x = a, y = b; ; ) break;\n}\n";
  const { outputs, problems } = buildWith("untyped", { "loop.ts": source }, { compilerOptions: { target: "ESNext", module: "esnext" } });
  t.deepEqual(
    problems.map((p) => `${p.code} ${p.line}:${p.column}`),
    ["46022 2:27"],
  );
  t.regex(outputs["loop.js"], /const x_1 = a;/);
});

// Keys made by an operator, without a checker: what `+`, `*` or `typeof` make is never a symbol, so such a
// member is another method, with no TS46021; `,` gives its right operand, so `[(0, Symbol.asyncDispose)]` is
// the teardown; a conditional that may be Symbol.asyncDispose is still TS46021.
const OPERATOR_KEYS = {
  "main.ts": `const log: string[] = [];
/** @asyncInit */
class Named { async init() { log.push("init named"); } async ["comp" + "uted"]() { log.push("computed"); } }
/** @asyncInit */
class Comma { async init() { log.push("init comma"); } async [(0, Symbol.asyncDispose)]() { log.push("teardown comma"); } }
/** @asyncInit */
class Either { async init() { log.push("init either"); } async [(globalThis as any).flag ? Symbol.asyncDispose : "x"]() { log.push("x"); } }
for (const C of [Named, Comma, Either]) {
  await using x = new C();
  log.push("body");
}
await (new Named() as any).computed();
console.log(JSON.stringify(log));
`,
};

for (const backEnd of ["untyped", "text"]) {
  test(`without a checker, a key made by an operator that makes no symbol ("comp" + "uted") is another method, with no TS46021; (0, Symbol.asyncDispose) is the teardown (${backEnd})`, (t) => {
    const built = buildWith(backEnd, OPERATOR_KEYS, { compilerOptions: moduleOptions("ES2022", "nodenext") });
    t.deepEqual(
      built.problems.map((p) => `${p.file}:${p.line} ${p.code}`),
      ["main.ts:7 46021"],
    );
    const result = runNode(join(built.outDir, "main.js"));
    t.is(result.stderr, "");
    t.deepEqual(JSON.parse(result.stdout), ["init named", "body", "init comma", "body", "teardown comma", "init either", "body", "computed"]);
  });
}

// A teardown keyed by what only a checker can follow (a const of another module): warning TS46021, and the
// generated dispose goes before it, so that where the key is Symbol.asyncDispose the teardown takes its place
// and runs as written (it was replaced by the generated one and never ran). Keys that only type
// Symbol.asyncDispose (`!`, `as`) are seen for what they are.
const KEYS = {
  "keys.ts": "export const DISPOSE = Symbol.asyncDispose;\n",
  "main.ts": `import { DISPOSE } from "./keys.js";
const log: string[] = [];
/** @asyncInit */
class Imported { async init() { log.push("init imported"); } async [DISPOSE]() { log.push("teardown imported"); } }
/** @asyncInit */
class NonNull { async init() { log.push("init non-null"); } async [Symbol.asyncDispose!]() { log.push("teardown non-null"); } }
/** @asyncInit */
class Cast { async init() { log.push("init cast"); } async [Symbol.asyncDispose as typeof Symbol.asyncDispose]() { log.push("teardown cast"); } }
for (const C of [Imported, NonNull, Cast]) {
  await using x = new C();
  log.push("body");
}
console.log(JSON.stringify(log));
`,
};

for (const backEnd of ["untyped", "text"]) {
  test(`without a checker, a teardown keyed by a const of another module runs (warning TS46021); one keyed by Symbol.asyncDispose! or a cast is the teardown (${backEnd})`, (t) => {
    const built = buildWith(backEnd, KEYS, { compilerOptions: moduleOptions("ES2022", "nodenext") });
    t.deepEqual(
      built.problems.map((p) => `${p.file}:${p.line} ${p.code}`),
      ["main.ts:4 46021"],
    );
    const result = runNode(join(built.outDir, "main.js"));
    t.is(result.stderr, "");
    t.deepEqual(JSON.parse(result.stdout), [
      "init imported",
      "body",
      "teardown imported",
      "init non-null",
      "body",
      "teardown non-null",
      "init cast",
      "body",
      "teardown cast",
    ]);
  });
}
