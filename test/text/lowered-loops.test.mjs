// TS46023, in-process: which `await using` declarations esbuild and Bun.build lower wrongly, the ones
// in a loop whose body catches what the declaration's block throws (their lowering keeps the caught
// error in vars that the next pass does not reset). Said only when a front end names the tool that
// lowers (`transformFor`'s awaitUsingLoweredBy); `transform` never says it. The bundlers' own builds
// are in test/tools/bundlers (esbuild.test.mjs, bun.test.mjs).
import { createRequire } from "node:module";
import test from "ava";

const require = createRequire(import.meta.url);
const { transform, transformFor } = require("../../dist/frontends/api.js");

const DB = "declare class Db implements AsyncDisposable { [Symbol.asyncDispose](): Promise<void> }\ndeclare const urls: string[];\n";

/** The 1-based lines of TS46023 in `body`, with esbuild named as the tool that lowers. */
const warnedLines = (body) =>
  transformFor(DB + body, "loops.ts", {}, { awaitUsingLoweredBy: "esbuild" })
    .diagnostics.filter((d) => d.code === 46023)
    .map((d) => d.line - 2);

const CAUGHT = "try {\n  await using db = new Db();\n} catch {}\n";

/** @type {[string, (body: string) => string][]} */
const LOOPS = [
  ["for…of", (body) => `for (const url of urls) {\n${body}}\n`],
  ["for…in", (body) => `for (const key in {}) {\n${body}}\n`],
  ["for (;;)", (body) => `for (let i = 0; i < 2; i++) {\n${body}}\n`],
  ["while", (body) => `while (urls.length) {\n${body}}\n`],
  ["do…while", (body) => `do {\n${body}} while (urls.length);\n`],
  ["for await…of", (body) => `for await (const url of urls) {\n${body}}\n`],
];
for (const [name, loop] of LOOPS) {
  test(`a ${name} loop whose body catches an await using's errors: TS46023 at the declaration`, (t) => {
    t.deepEqual(warnedLines(loop(CAUGHT)), [3]);
  });
}

test("found through nested blocks, labels, a switch and an inner loop's head; the warning names the tool and says what to do", (t) => {
  const body = `outer: for (const url of urls) {
  try {
    switch (url) {
      case "a": {
        await using db = new Db();
      }
    }
    for (await using db of [new Db()]) {}
  } catch {}
}
`;
  t.deepEqual(warnedLines(body), [5, 8]);
  const [said] = transformFor(DB + body, "loops.ts", {}, { awaitUsingLoweredBy: "Bun" }).diagnostics;
  t.like(said, { code: 46023, category: "warning", file: "loops.ts", line: 7, column: 9 });
  t.regex(
    said.message,
    /^Bun lowers this 'await using' wrongly in a loop that catches its errors: .* Move the block into a function that each pass calls, or build for a target that keeps 'await using'\.$/,
  );
});

test("a finally that goes on to the next pass (continue, a labelled continue or break) discards the block's error as a catch does: TS46023; not a finally whose continue is its own loop's, nor one that breaks out of the loop or returns", (t) => {
  const finallyWith = (jump) => `outer: for (const url of urls) {\n  try {\n    await using db = new Db();\n  } finally {\n    ${jump}\n  }\n}\n`;
  for (const jump of ["if (url) continue;", "continue outer;", "{ for (const x of urls) {} continue; }"])
    t.deepEqual(warnedLines(finallyWith(jump)), [3], jump);
  const bodyBlock = `for (const url of urls) {\n  pass: {\n    try {\n      await using db = new Db();\n    } finally {\n      break pass;\n    }\n  }\n}\n`;
  t.deepEqual(warnedLines(bodyBlock), [4], "a break to a block of the loop's body");
  for (const jump of [
    "for (const x of urls) { if (x) continue; }",
    "inner: for (const x of urls) { continue inner; }",
    "inner: { break inner; }",
    "break;",
    "return;",
    "const f = () => { for (;;) { continue; } };",
  ])
    t.deepEqual(warnedLines(finallyWith(jump)), [], jump);
});

test("not found: a try outside the loop (the first error ends it), a try with only finally, a catch block's own await using, a function or a static block between the loop and the declaration, no loop", (t) => {
  const bodies = [
    `try {\n  for (const url of urls) {\n    await using db = new Db();\n  }\n} catch {}\n`,
    `for (const url of urls) {\n  try {\n    await using db = new Db();\n  } finally {}\n}\n`,
    `for (const url of urls) {\n  try {} catch {\n    await using db = new Db();\n  }\n}\n`,
    `for (const url of urls) {\n  await (async () => {\n    try {\n      await using db = new Db();\n    } catch {}\n  })();\n}\n`,
    `for (const url of urls) {\n  class C {\n    static {\n      try {\n        const f = async () => { await using db = new Db(); };\n      } catch {}\n    }\n  }\n}\n`,
    CAUGHT,
    `for (const url of urls) {\n  try {\n    using db = { [Symbol.dispose]() {} };\n  } catch {}\n}\n`,
  ];
  for (const body of bodies) t.deepEqual(warnedLines(body), [], body);
});

test("transform (ts-async-init/api) never says it: the tool that takes its output is the caller's", (t) => {
  const code = `${DB}for (const url of urls) {\n${CAUGHT}}\n`;
  t.deepEqual(transform(code, "loops.ts").diagnostics, []);
});
