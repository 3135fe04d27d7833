// The Python pattern's reference run: constructor, async set-up, body, a method, teardown.
// Prints "init, await, context, a_method, exit".
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
