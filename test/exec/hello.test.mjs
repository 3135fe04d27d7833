import test from "ava";
import { MATRIX, buildAndRun } from "../helpers/build.mjs";

// The Python pattern's reference run: constructor, async set-up, body, a method, teardown.
const HELLO = `
const log: string[] = [];
/** @asyncInit */
class Hello {
  constructor() { log.push("init"); }
  async init() { await new Promise((r) => setTimeout(r, 1)); log.push("await"); }
  aMethod() { log.push("a_method"); }
  async [Symbol.asyncDispose]() { log.push("exit"); }
}
async function main() {
  {
    await using h = new Hello();
    log.push("context");
    h.aMethod();
  }
  console.log(log.join(", "));
}
main();
`;

for (const { name, compilerOptions } of MATRIX) {
  test(`await using runs init, body and teardown in order (${name})`, (t) => {
    const { code, stdout, stderr } = buildAndRun({ "main.ts": HELLO }, { compilerOptions });
    t.is(stderr, "");
    t.is(code, 0);
    t.is(stdout.trim(), "init, await, context, a_method, exit");
  });
}
