// Found by the corpus test (rxjs, effect): comments of the user's file appear inside
// the generated plumbing. The plumbing is parsed from a template and rebuilt with the
// factory, but a token that the rebuild keeps (the `=>` of an arrow function) still
// carries its offset in the template; the printer then emits whatever comment the
// *user's* file has at that offset, here between `)` and `=>`, which breaks the syntax.
// A file whose first lines are comments at every offset shows it.
import test from "ava";
import { buildAndRun } from "../support/back-ends.mjs";

const padding = (line) => line.repeat(Math.ceil(8000 / line.length));

for (const [name, line] of [
  ["JSDoc blocks", "/** @internal */\n"],
  ["line comments", "// note\n"],
]) {
  test(`comments of the user's file (${name}) do not leak into the generated code`, (t) => {
    const main = `${padding(line)}
/** @asyncInit */
class Db {
  ready = false;
  async init() { this.ready = true; }
}
(async () => { const db = await new Db(); console.log(db.ready); })();
`;
    const { code, stdout, stderr, outputs } = buildAndRun(
      { "main.ts": main },
      { compilerOptions: { target: "ES2022", module: "commonjs", removeComments: false } },
    );
    const generated = outputs["main.js"].slice(outputs["main.js"].indexOf("ts-async-init"));
    const leaked = generated
      .split("\n")
      .filter((l) => l.includes(line.trim()) && !/^\s*\/\/ note$|^\/\*\* @internal \*\/$/.test(l) && !l.startsWith(line.trim()));
    t.deepEqual(leaked, [], "lines of the generated code that carry the user's comments");
    t.is(stderr, "");
    t.is(code, 0);
    t.is(stdout.trim(), "true");
  });
}
