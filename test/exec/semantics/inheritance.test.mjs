// Runtime semantics, the subclass row: subclasses (tagged or not, in the same
// module or across modules) that override init and [Symbol.asyncDispose] and
// call super behave as plain JavaScript would: each level runs once per
// instance, in the order the same classes without the tag would run them.
//
// Every hierarchy below is written twice from one template: once with the tags
// and once without (its "twin"). The check runs the twin by hand
// (`await twin.init(); await twin[Symbol.asyncDispose]()`), then the tagged one
// the tagged way (`await x; await x[Symbol.asyncDispose]()`), and compares logs.
import { scenario, main } from "./scenario.mjs";

const TAG = "/** @asyncInit */\n";

/** A base class whose constructor, init and teardown log each step. */
function base(name, { tagged, exported = false }) {
  return `${tagged ? TAG : ""}${exported ? "export " : ""}class ${name} {
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
`;
}

/** A subclass; `role` names it in the log; `overrides` adds init and teardown that call super. */
function derived(name, parent, { tagged, role, overrides = true, constructor = false, exported = false }) {
  const ctor = constructor
    ? `  extra = log.push("${role} field");
  constructor(id: string) {
    super(id);
    log.push("${role} constructor");
  }
`
    : "";
  const methods = overrides
    ? `  async init() {
    log.push("${role}.init start");
    await super.init();
    log.push("${role}.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("${role}.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("${role}.dispose end");
  }
`
    : "";
  return `${tagged ? TAG : ""}${exported ? "export " : ""}class ${name} extends ${parent} {
${ctor}${methods}}
`;
}

// The bases in another module: a tagged one, its untagged twin (which is also
// "an untagged base with its own teardown"), and a tagged class derived from the
// tagged base, for a three-level chain across modules.
const BASES = `import { settle } from "./checks.js";

export const log: string[] = [];

${base("TaggedBase", { tagged: true, exported: true })}
${base("PlainBase", { tagged: false, exported: true })}
${derived("TaggedMid", "TaggedBase", { tagged: true, role: "Mid", exported: true })}
${derived("PlainMid", "PlainBase", { tagged: false, role: "Mid", exported: true })}
`;

/**
 * The hierarchies: for each, the classes (tagged, and twin) and what to check.
 * `leaf` is the tagged class; `twin` the same without tags.
 * `sharedDispose`: the leaf's dispose is the generated one (the leaf is tagged,
 * or inherits a tagged level's dispose unchanged), so calling it twice returns
 * the same promise and runs each teardown once.
 */
function hierarchies(where, TaggedB, PlainB) {
  const p = where === "imported" ? "Imp" : "Loc";
  const cases = [];
  const add = (title, classes, leaf, twin, sharedDispose) => cases.push({ title: `${title} (${where} base)`, classes, leaf, twin, sharedDispose });

  add("untagged subclass of a tagged base, overriding init and teardown",
    derived(`${p}UntaggedSub`, TaggedB, { tagged: false, role: "Sub", constructor: true }) +
      derived(`${p}UntaggedSubTwin`, PlainB, { tagged: false, role: "Sub", constructor: true }),
    `${p}UntaggedSub`, `${p}UntaggedSubTwin`, false);

  add("tagged subclass of a tagged base, overriding init and teardown",
    derived(`${p}TaggedSub`, TaggedB, { tagged: true, role: "Sub", constructor: true }) +
      derived(`${p}TaggedSubTwin`, PlainB, { tagged: false, role: "Sub", constructor: true }),
    `${p}TaggedSub`, `${p}TaggedSubTwin`, true);

  add("tagged subclass of a tagged base, overriding nothing",
    derived(`${p}TaggedEmpty`, TaggedB, { tagged: true, role: "Sub", overrides: false }) +
      derived(`${p}TaggedEmptyTwin`, PlainB, { tagged: false, role: "Sub", overrides: false }),
    `${p}TaggedEmpty`, `${p}TaggedEmptyTwin`, true);

  add("untagged subclass of a tagged base, overriding nothing",
    derived(`${p}UntaggedEmpty`, TaggedB, { tagged: false, role: "Sub", overrides: false }) +
      derived(`${p}UntaggedEmptyTwin`, PlainB, { tagged: false, role: "Sub", overrides: false }),
    `${p}UntaggedEmpty`, `${p}UntaggedEmptyTwin`, true);

  add("tagged subclass of an untagged base with its own teardown, overriding both",
    derived(`${p}OverPlain`, PlainB, { tagged: true, role: "Sub", constructor: true }) +
      derived(`${p}OverPlainTwin`, PlainB, { tagged: false, role: "Sub", constructor: true }),
    `${p}OverPlain`, `${p}OverPlainTwin`, true);

  add("tagged subclass of an untagged base with its own teardown, overriding nothing",
    derived(`${p}OverPlainEmpty`, PlainB, { tagged: true, role: "Sub", overrides: false }) +
      derived(`${p}OverPlainEmptyTwin`, PlainB, { tagged: false, role: "Sub", overrides: false }),
    `${p}OverPlainEmpty`, `${p}OverPlainEmptyTwin`, true);

  add("tagged base, untagged middle, tagged leaf",
    derived(`${p}Mid1`, TaggedB, { tagged: false, role: "Mid" }) +
      derived(`${p}Leaf1`, `${p}Mid1`, { tagged: true, role: "Leaf", constructor: true }) +
      derived(`${p}Mid1Twin`, PlainB, { tagged: false, role: "Mid" }) +
      derived(`${p}Leaf1Twin`, `${p}Mid1Twin`, { tagged: false, role: "Leaf", constructor: true }),
    `${p}Leaf1`, `${p}Leaf1Twin`, true);

  add("tagged base, tagged middle, tagged leaf",
    derived(`${p}Mid2`, TaggedB, { tagged: true, role: "Mid" }) +
      derived(`${p}Leaf2`, `${p}Mid2`, { tagged: true, role: "Leaf" }) +
      derived(`${p}Mid2Twin`, PlainB, { tagged: false, role: "Mid" }) +
      derived(`${p}Leaf2Twin`, `${p}Mid2Twin`, { tagged: false, role: "Leaf" }),
    `${p}Leaf2`, `${p}Leaf2Twin`, true);

  add("untagged base, tagged middle, untagged leaf overriding both",
    derived(`${p}Mid3`, PlainB, { tagged: true, role: "Mid" }) +
      derived(`${p}Leaf3`, `${p}Mid3`, { tagged: false, role: "Leaf", constructor: true }) +
      derived(`${p}Mid3Twin`, PlainB, { tagged: false, role: "Mid" }) +
      derived(`${p}Leaf3Twin`, `${p}Mid3Twin`, { tagged: false, role: "Leaf", constructor: true }),
    `${p}Leaf3`, `${p}Leaf3Twin`, false);

  return cases;
}

/** The check for one hierarchy. */
function hierarchyCheck({ title, leaf, twin, sharedDispose }) {
  return `
check("${title}: each level runs once, in plain-JavaScript order", async () => {
  log.length = 0;
  const twin = new ${twin}("twin");
  await twin.init();
  await twin[Symbol.asyncDispose]();
  const expected = log.splice(0);
  if (new Set(expected).size !== expected.length) fail("the twin's log repeats a step: " + expected.join(", "));

  const x = new ${leaf}("x");
  const [a, b] = await Promise.all([x, x]);
  same(a, x, "first waiter");
  same(b, x, "second waiter");
  same(await x, x, "a later await");
  same((x as any).then, undefined, "x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  ${sharedDispose ? `same(x[Symbol.asyncDispose](), disposal, "a second dispose call's promise");` : ""}
  await disposal;
  ${sharedDispose ? `same(x[Symbol.asyncDispose](), disposal, "a dispose call after the teardown");` : ""}
  await drain();
  equal(log, expected, "log");
  isDisposedError(await reasonOf(awaiting(x)), "${leaf}", "await after dispose");
});
`;
}

const local = hierarchies("local", "LocalTaggedBase", "LocalPlainBase");
const imported = hierarchies("imported", "TaggedBase", "PlainBase");

const INHERITANCE = main(
  `${base("LocalTaggedBase", { tagged: true })}
${base("LocalPlainBase", { tagged: false })}
${[...local, ...imported].map((c) => c.classes).join("\n")}
// A chain across modules: TaggedMid (tagged, in bases.ts) extends TaggedBase; the leaf is here.
${derived("CrossLeaf", "TaggedMid", { tagged: true, role: "Leaf", constructor: true })}
${derived("CrossLeafTwin", "PlainMid", { tagged: false, role: "Leaf", constructor: true })}
${[...local, ...imported].map(hierarchyCheck).join("")}
${hierarchyCheck({ title: "tagged leaf here, tagged middle and base in another module", leaf: "CrossLeaf", twin: "CrossLeafTwin", sharedDispose: true })}

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
`,
  `import { log, TaggedBase, PlainBase, TaggedMid, PlainMid } from "./bases.js";`,
);

scenario("subclasses overriding init and teardown run each level once, in plain-JavaScript order", {
  "main.ts": INHERITANCE,
  "bases.ts": BASES,
});
