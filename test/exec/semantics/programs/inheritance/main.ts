// Scenario of test/exec/semantics/inheritance.test.mjs: subclasses overriding init and teardown run each level once, in plain-JavaScript order.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, drain, fail, same, equal, reasonOf, awaiting, isDisposedError } from "../checks.js";
import { log, TaggedBase, PlainBase, TaggedMid, PlainMid } from "./bases.js";

/** @asyncInit */
class LocalTaggedBase {
  constructor(readonly id: string) {
    log.push("Base constructor");
  }
  async init() {
    log.push("Base.init start");
    await settle();
    log.push("Base.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Base.dispose start");
    await settle();
    log.push("Base.dispose end");
  }
}

class LocalPlainBase {
  constructor(readonly id: string) {
    log.push("Base constructor");
  }
  async init() {
    log.push("Base.init start");
    await settle();
    log.push("Base.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Base.dispose start");
    await settle();
    log.push("Base.dispose end");
  }
}

class LocUntaggedSub extends LocalTaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}
class LocUntaggedSubTwin extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}

/** @asyncInit */
class LocTaggedSub extends LocalTaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}
class LocTaggedSubTwin extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}

/** @asyncInit */
class LocTaggedEmpty extends LocalTaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}
class LocTaggedEmptyTwin extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}

class LocUntaggedEmpty extends LocalTaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}
class LocUntaggedEmptyTwin extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}

/** @asyncInit */
class LocOverPlain extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}
class LocOverPlainTwin extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}

/** @asyncInit */
class LocOverPlainEmpty extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}
class LocOverPlainEmptyTwin extends LocalPlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}

class LocMid1 extends LocalTaggedBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
/** @asyncInit */
class LocLeaf1 extends LocMid1 {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}
class LocMid1Twin extends LocalPlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class LocLeaf1Twin extends LocMid1Twin {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

/** @asyncInit */
class LocMid2 extends LocalTaggedBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
/** @asyncInit */
class LocLeaf2 extends LocMid2 {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}
class LocMid2Twin extends LocalPlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class LocLeaf2Twin extends LocMid2Twin {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

/** @asyncInit */
class LocMid3 extends LocalPlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class LocLeaf3 extends LocMid3 {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}
class LocMid3Twin extends LocalPlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class LocLeaf3Twin extends LocMid3Twin {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

class ImpUntaggedSub extends TaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}
class ImpUntaggedSubTwin extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}

/** @asyncInit */
class ImpTaggedSub extends TaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}
class ImpTaggedSubTwin extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}

/** @asyncInit */
class ImpTaggedEmpty extends TaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}
class ImpTaggedEmptyTwin extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}

class ImpUntaggedEmpty extends TaggedBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}
class ImpUntaggedEmptyTwin extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}

/** @asyncInit */
class ImpOverPlain extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}
class ImpOverPlainTwin extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
  async init() {
    log.push("Sub.init start");
    await super.init();
    log.push("Sub.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Sub.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Sub.dispose end");
  }
}

/** @asyncInit */
class ImpOverPlainEmpty extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}
class ImpOverPlainEmptyTwin extends PlainBase {
  extra = log.push("Sub field");
  constructor(id: string) {
    super(id);
    log.push("Sub constructor");
  }
}

class ImpMid1 extends TaggedBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
/** @asyncInit */
class ImpLeaf1 extends ImpMid1 {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}
class ImpMid1Twin extends PlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class ImpLeaf1Twin extends ImpMid1Twin {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

/** @asyncInit */
class ImpMid2 extends TaggedBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
/** @asyncInit */
class ImpLeaf2 extends ImpMid2 {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}
class ImpMid2Twin extends PlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class ImpLeaf2Twin extends ImpMid2Twin {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

/** @asyncInit */
class ImpMid3 extends PlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class ImpLeaf3 extends ImpMid3 {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}
class ImpMid3Twin extends PlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}
class ImpLeaf3Twin extends ImpMid3Twin {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

// A chain across modules: TaggedMid (tagged, in bases.ts) extends TaggedBase; the leaf is here.
/** @asyncInit */
class CrossLeaf extends TaggedMid {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

class CrossLeafTwin extends PlainMid {
  extra = log.push("Leaf field");
  constructor(id: string) {
    super(id);
    log.push("Leaf constructor");
  }
  async init() {
    log.push("Leaf.init start");
    await super.init();
    log.push("Leaf.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Leaf.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Leaf.dispose end");
  }
}

check("untagged subclass of a tagged base, overriding init and teardown (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocUntaggedSubTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocUntaggedSub("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  
  await disposal;
  
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocUntaggedSub", "await after dispose");
});

check("tagged subclass of a tagged base, overriding init and teardown (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocTaggedSubTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocTaggedSub("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocTaggedSub", "await after dispose");
});

check("tagged subclass of a tagged base, overriding nothing (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocTaggedEmptyTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocTaggedEmpty("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocTaggedEmpty", "await after dispose");
});

check("untagged subclass of a tagged base, overriding nothing (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocUntaggedEmptyTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocUntaggedEmpty("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocUntaggedEmpty", "await after dispose");
});

check("tagged subclass of an untagged base with its own teardown, overriding both (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocOverPlainTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocOverPlain("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocOverPlain", "await after dispose");
});

check("tagged subclass of an untagged base with its own teardown, overriding nothing (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocOverPlainEmptyTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocOverPlainEmpty("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocOverPlainEmpty", "await after dispose");
});

check("tagged base, untagged middle, tagged leaf (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocLeaf1Twin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocLeaf1("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocLeaf1", "await after dispose");
});

check("tagged base, tagged middle, tagged leaf (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocLeaf2Twin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocLeaf2("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocLeaf2", "await after dispose");
});

check("untagged base, tagged middle, untagged leaf overriding both (local base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new LocLeaf3Twin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new LocLeaf3("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  
  await disposal;
  
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "LocLeaf3", "await after dispose");
});

check("untagged subclass of a tagged base, overriding init and teardown (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpUntaggedSubTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpUntaggedSub("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  
  await disposal;
  
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpUntaggedSub", "await after dispose");
});

check("tagged subclass of a tagged base, overriding init and teardown (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpTaggedSubTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpTaggedSub("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpTaggedSub", "await after dispose");
});

check("tagged subclass of a tagged base, overriding nothing (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpTaggedEmptyTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpTaggedEmpty("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpTaggedEmpty", "await after dispose");
});

check("untagged subclass of a tagged base, overriding nothing (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpUntaggedEmptyTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpUntaggedEmpty("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpUntaggedEmpty", "await after dispose");
});

check("tagged subclass of an untagged base with its own teardown, overriding both (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpOverPlainTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpOverPlain("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpOverPlain", "await after dispose");
});

check("tagged subclass of an untagged base with its own teardown, overriding nothing (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpOverPlainEmptyTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpOverPlainEmpty("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpOverPlainEmpty", "await after dispose");
});

check("tagged base, untagged middle, tagged leaf (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpLeaf1Twin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpLeaf1("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpLeaf1", "await after dispose");
});

check("tagged base, tagged middle, tagged leaf (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpLeaf2Twin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpLeaf2("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpLeaf2", "await after dispose");
});

check("untagged base, tagged middle, untagged leaf overriding both (imported base): each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ImpLeaf3Twin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ImpLeaf3("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  
  await disposal;
  
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "ImpLeaf3", "await after dispose");
});

check("tagged leaf here, tagged middle and base in another module: each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new CrossLeafTwin("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new CrossLeaf("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "CrossLeaf", "await after dispose");
});

check("a hard-coded order: tagged subclass of a tagged base in another module", async () => {
  log.length = 0;
  const x = await new ImpTaggedSub("x");
  await x[Symbol.asyncDispose]();
  equal(log, [
    "Base constructor", "Sub field", "Sub constructor",
    "Sub.init start", "Base.init start", "Base.init end", "Sub.init end",
    "Sub.dispose start", "Base.dispose start", "Base.dispose end", "Sub.dispose end",
  ], "log");
});

check("dispose of a never-initialised subclass instance runs no level's teardown", async () => {
  log.length = 0;
  await new LocTaggedSub("a")[Symbol.asyncDispose]();
  await new ImpOverPlain("b")[Symbol.asyncDispose]();
  await new ImpOverPlainEmpty("c")[Symbol.asyncDispose]();
  await new ImpLeaf2("d")[Symbol.asyncDispose]();
  await new CrossLeaf("e")[Symbol.asyncDispose]();
  await drain();
  same(log.some((step) => /init|dispose/.test(step)), false, "init or teardown ran: " + log.join(", "));
});

check("a subclass's init that fails: every level's waiters reject with it, no teardown runs", async () => {
  const error = new Error("subclass init failed");
  /** @asyncInit */
  class Failing extends TaggedBase {
    initCalls = 0;
    async init() {
      this.initCalls++;
      await super.init();
      throw error;
    }
  }
  log.length = 0;
  const x = new Failing("f");
  same(await reasonOf(awaiting(x)), error, "await");
  same(await reasonOf(awaiting(x)), error, "a later await");
  await x[Symbol.asyncDispose]();
  same(x.initCalls, 1, "init calls");
  same(log.includes("Base.dispose start"), false, "the base teardown ran");
});

check("an init with a parameter, overridden: the signal reaches the subclass and, through super, the base", async () => {
  /** @asyncInit */
  class SignalBase {
    baseSignal: AbortSignal | undefined = undefined;
    async init(signal: AbortSignal) { this.baseSignal = signal; }
  }
  /** @asyncInit */
  class SignalSub extends SignalBase {
    subSignal: AbortSignal | undefined = undefined;
    async init(signal: AbortSignal) {
      this.subSignal = signal;
      await super.init(signal);
    }
  }
  class PlainSignalSub extends SignalBase {
    async init(signal: AbortSignal) { await super.init(signal); }
  }
  const x = await new SignalSub();
  same(x.subSignal instanceof AbortSignal, true, "the subclass's init got an AbortSignal");
  same(x.baseSignal, x.subSignal, "the base got the same signal");
  const y = await new PlainSignalSub();
  same(y.baseSignal instanceof AbortSignal, true, "an untagged subclass's init got an AbortSignal");
});

// @asyncInit setup: the init method is setup; a method that happens to be called init is left alone.
/** @asyncInit setup */
class Setup {
  initCalls = 0;
  constructor(readonly id: string) {}
  init() { this.initCalls++; }
  async setup() {
    log.push("Setup.setup start");
    await settle();
    log.push("Setup.setup end");
  }
  async [Symbol.asyncDispose]() { log.push("Setup.dispose"); }
}
class SetupSub extends Setup {
  async setup() {
    log.push("SetupSub.setup start");
    await super.setup();
    log.push("SetupSub.setup end");
  }
}
/** @asyncInit setup */
class TaggedSetupSub extends Setup {
  async setup() {
    log.push("TaggedSetupSub.setup start");
    await super.setup();
    log.push("TaggedSetupSub.setup end");
  }
  async [Symbol.asyncDispose]() {
    log.push("TaggedSetupSub.dispose");
    await super[Symbol.asyncDispose]();
  }
}

check("@asyncInit setup: await runs setup once, never init", async () => {
  log.length = 0;
  const x = new Setup("s");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  await x[Symbol.asyncDispose]();
  same(x.initCalls, 0, "init calls");
  equal(log, ["Setup.setup start", "Setup.setup end", "Setup.dispose"], "log");
});

check("@asyncInit setup: subclasses overriding setup and calling super run each level once", async () => {
  log.length = 0;
  const x = await new SetupSub("s");
  await x[Symbol.asyncDispose]();
  const y = await new TaggedSetupSub("t");
  const disposal = y[Symbol.asyncDispose]();
  same(y[Symbol.asyncDispose](), disposal, "a second dispose call's promise");
  await disposal;
  same(x.initCalls + y.initCalls, 0, "init calls");
  equal(log, [
    "SetupSub.setup start", "Setup.setup start", "Setup.setup end", "SetupSub.setup end", "Setup.dispose",
    "TaggedSetupSub.setup start", "Setup.setup start", "Setup.setup end", "TaggedSetupSub.setup end",
    "TaggedSetupSub.dispose", "Setup.dispose",
  ], "log");
});

check("untagged subclass overriding the teardown: its own code runs at each call, at once (plain JavaScript); its super call waits for init and runs the base's teardown once", async () => {
  log.length = 0;
  const x = new LocUntaggedSub("x");
  const settled = new Promise((resolve) => (x as any).then(resolve, resolve)); // init starts now
  const first = x[Symbol.asyncDispose]();
  const second = x[Symbol.asyncDispose]();
  if (first === second) fail("the override made one promise for two calls");
  await Promise.all([first, second, settled]);
  await drain();
  equal(log, [
    "Base constructor", "Sub field", "Sub constructor",
    "Sub.init start", "Base.init start", "Sub.dispose start", "Sub.dispose start", "Base.init end", "Sub.init end",
    "Base.dispose start", "Base.dispose end", "Sub.dispose end", "Sub.dispose end",
  ], "log");
  log.length = 0;
  await new LocUntaggedSub("never awaited")[Symbol.asyncDispose]();
  equal(log, ["Base constructor", "Sub field", "Sub constructor", "Sub.dispose start", "Sub.dispose end"], "never initialised: the base's teardown does not run");
});

run();
