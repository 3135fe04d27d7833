// A `before` transformer that runs ahead of this one may wrap the file's statements in
// nodes of its own and give them a text range (for its source maps) narrower than what
// they hold. The rewrite must still reach every site inside them: it visits every node
// a transformer made or updated, and skips only the parse tree's nodes that hold
// nothing to rewrite. Compiled with ts.transpileModule (no checker) and run.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { runNode, tempDir, ts, tsAsyncInit } from "../support/project.mjs";

const SOURCE = `/** @asyncInit */
class Db {
  ready = false;
  async init() { this.ready = true; }
  async [Symbol.asyncDispose]() { console.log("disposed"); }
}
const x = 1;
async function main() {
  await using db = new Db();
  console.log("ready", db.ready, x);
}
main();
`;

/** Wraps every top-level statement after the first in one block, with the range of the first one it wraps. */
const wrapInBlock = (context) => (sourceFile) => {
  const [first, ...rest] = sourceFile.statements;
  const block = ts.setTextRange(context.factory.createBlock(rest, true), rest[0]);
  return context.factory.updateSourceFile(sourceFile, [first, block]);
};

test("a site inside a node that an earlier transformer made, with a narrower range, is rewritten", (t) => {
  const { outputText } = ts.transpileModule(SOURCE, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    transformers: { before: [wrapInBlock, tsAsyncInit()] },
  });
  const file = join(tempDir(), "main.js");
  writeFileSync(file, outputText);
  const ran = runNode(file);
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), "ready true 1\ndisposed");
});
