// Scenario of test/exec/semantics/mixed-targets.test.mjs: an application that extends the tagged
// class of a library compiled for another target (library/, installed as node_modules/base-lib).
import { check, run, same, equal, reasonOf, awaiting, isDisposedError } from "../checks.js";
import { Base, log, open } from "base-lib";

/** @asyncInit */
class Mid extends Base {
  async init() {
    log.push("Mid.init start " + this.id);
    await super.init();
    log.push("Mid.init end " + this.id);
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose " + this.id);
    await super[Symbol.asyncDispose]();
  }
}

class Leaf extends Mid {}

const initLog = (id: string) => ["Mid.init start " + id, "Base.init " + id, "Mid.init end " + id];
const disposeLog = (id: string) => ["Mid.dispose " + id, "Base.dispose " + id];

check("each level's init runs once, whichever package awaits the instance", async () => {
  log.length = 0;
  const x = new Leaf("a");
  const [first, second] = await Promise.all([x, open(x)]);
  same(first, x, "await x");
  same(second, x, "the library's await x");
  same((x as any).then, undefined, "then of a ready instance");
  same(await open(x), x, "the library's await of a ready instance");
  equal(log, initLog("a"), "log");
});

check("each level's teardown runs once, and a disposed instance cannot be awaited", async () => {
  log.length = 0;
  const x = await new Leaf("b");
  const first = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), first, "a second dispose");
  await first;
  isDisposedError(await reasonOf(awaiting(x)), "Leaf", "await x after dispose");
  isDisposedError(await reasonOf(open(x)), "Leaf", "the library's await after dispose");
  equal(log, [...initLog("b"), ...disposeLog("b")], "log");
});

check("dispose requested while init runs: waiters in both packages are refused, teardown runs after init", async () => {
  log.length = 0;
  const x = new Mid("c");
  const mine = reasonOf(awaiting(x));
  const theirs = reasonOf(open(x));
  const disposal = x[Symbol.asyncDispose]();
  isDisposedError(await mine, "Mid", "await x");
  isDisposedError(await theirs, "Mid", "the library's await x");
  await disposal;
  equal(log, [...initLog("c"), ...disposeLog("c")], "log");
});

check("await using of an application subclass runs init and teardown once", async () => {
  log.length = 0;
  {
    await using x = new Leaf("d");
    log.push("body " + x.id);
  }
  equal(log, [...initLog("d"), "body d", ...disposeLog("d")], "log");
});

check("an instance of the library's own class, awaited by the application", async () => {
  log.length = 0;
  const x = new Base("e");
  same(await x, x, "await x");
  same((x as any).then, undefined, "then of a ready instance");
  equal(log, ["Base.init e"], "log");
});

check("reading then on a prototype, which is no instance, does not throw, and gives undefined", async () => {
  for (const proto of [Base.prototype, Mid.prototype, Leaf.prototype]) same(typeof (proto as any).then, "undefined", "typeof then");
});

run();
