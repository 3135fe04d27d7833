// Every form a tagged class can take behaves the same at run time: class
// declarations, `export default class` (named or not), class expressions,
// classes nested in functions and namespaces, abstract classes whose init a
// subclass implements, and decorated classes (standard and legacy decorators).
//
// Each form's class has the same body (PROBE); `exercise` puts an instance
// through the whole contract with explicit awaits, and an `await using` block
// with the form's own static type checks that it is awaited on entry.
import { scenario, main } from "./scenario.mjs";

/** The members every probed class has: counters, an init that waits a turn, and a teardown. */
const PROBE = `
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
`;

/** Shared by the scenarios: the contract, run on one instance; and the body of an await using block. */
const EXERCISE = String.raw`
type Probe = { initCalls: number; teardowns: number; [Symbol.asyncDispose](): Promise<void> };

/** One instance through the contract: lazy init, once, identity, then undefined, shared dispose, no await after. */
async function exercise(x: Probe, what: string) {
  await drain();
  same(x.initCalls, 0, what + ": init calls after construction");
  const got = await Promise.all([awaiting(x), Promise.resolve(x), returning(x), awaiting(x)]);
  same(got.every((value) => value === x), true, what + ": every waiter got x itself");
  same(x.initCalls, 1, what + ": init calls");
  same((x as any).then, undefined, what + ": x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, what + ": a second dispose call's promise");
  await disposal;
  same(x.teardowns, 1, what + ": teardowns");
  const reason = await reasonOf(awaiting(x));
  same(reason instanceof ReferenceError, true, what + ": await after dispose rejects with a ReferenceError");
  same(x.initCalls, 1, what + ": init calls at the end");
}

/** Dispose before init: no teardown, and init never starts. */
async function disposeFirst(x: Probe, what: string) {
  await x[Symbol.asyncDispose]();
  await reasonOf(awaiting(x));
  same(x.initCalls + x.teardowns, 0, what + ": init calls and teardowns after dispose before init");
}

/** Inside an await using block: the instance must be ready. */
function inBody(x: Probe, what: string) {
  same(x.initCalls, 1, what + ": init calls in the body");
  same((x as any).then, undefined, what + ": x.then in the body");
}
`;

const ANONYMOUS_DEFAULT = `import { settle } from "./checks.js";

/** @asyncInit */
export default class {${PROBE}}
`;

const NAMED_DEFAULT = `import { settle } from "./checks.js";

/** @asyncInit */
export default class NamedDefault {${PROBE}}
`;

const FORMS = main(
  String.raw`
${EXERCISE}

/** @asyncInit */
class Declared {${PROBE}}

const Expression = /** @asyncInit */ class {${PROBE}};
const UntaggedExpression = class {${PROBE}};

const NamedExpression = /** @asyncInit */ class Inner {${PROBE}};

const identity = <T>(value: T) => value;
const Wrapped = identity(/** @asyncInit */ class {${PROBE}});

// A class expression made anew by each call.
const makeClass = () => /** @asyncInit */ class {${PROBE}};
const Made1 = makeClass();
const Made2 = makeClass();

// A class declared inside a function.
function makeNested() {
  /** @asyncInit */
  class Nested {${PROBE}}
  return new Nested();
}

namespace Outer {
  /** @asyncInit */
  export class InNamespace {${PROBE}}

  /** @asyncInit */
  class Hidden {${PROBE}}
  export const makeHidden = () => new Hidden();

  export namespace Inner {
    /** @asyncInit */
    export class Deep {${PROBE}}
  }
}

/** @asyncInit */
abstract class AbstractProbe {
  initCalls = 0;
  teardowns = 0;
  abstract init(): Promise<void>;
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

class Concrete extends AbstractProbe {
  async init() {
    await settle();
    this.initCalls++;
  }
}

/** @asyncInit */
class TaggedConcrete extends AbstractProbe {
  async init() {
    await settle();
    this.initCalls++;
  }
}

/** @asyncInit */
abstract class AbstractWithSignal {
  initCalls = 0;
  teardowns = 0;
  signal: AbortSignal | undefined = undefined;
  abstract init(signal: AbortSignal): Promise<void>;
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

class ConcreteWithSignal extends AbstractWithSignal {
  async init(signal: AbortSignal) {
    this.signal = signal;
    this.initCalls++;
  }
}

check("a class declaration", async () => {
  await exercise(new Declared(), "Declared");
  await disposeFirst(new Declared(), "Declared");
  await using x = new Declared();
  inBody(x, "Declared");
});

check("export default class (anonymous)", async () => {
  await exercise(new AnonymousDefault(), "anonymous default");
  await disposeFirst(new AnonymousDefault(), "anonymous default");
  await using x = new AnonymousDefault();
  inBody(x, "anonymous default");
});

check("export default class (named)", async () => {
  await exercise(new NamedDefault(), "NamedDefault");
  same(NamedDefault.name, "NamedDefault", "name");
  await using x = new NamedDefault();
  inBody(x, "NamedDefault");
});

check("const X = /** @asyncInit */ class {}", async () => {
  await exercise(new Expression(), "Expression");
  await disposeFirst(new Expression(), "Expression");
  // Below ES2015 TypeScript names an anonymous class expression with async methods class_1, tagged or not.
  if (UntaggedExpression.name === "UntaggedExpression") same(Expression.name, "Expression", "name");
  else same(/^class_\d+$/.test(Expression.name), true, "name lowered as an untagged class's: " + Expression.name);
  await using x = new Expression();
  inBody(x, "Expression");
});

check("const X = /** @asyncInit */ class Named {}", async () => {
  await exercise(new NamedExpression(), "NamedExpression");
  same(NamedExpression.name, "Inner", "name");
  await using x = new NamedExpression();
  inBody(x, "NamedExpression");
});

check("a class expression passed as an argument", async () => {
  await exercise(new Wrapped(), "Wrapped");
  await using x = new Wrapped();
  inBody(x, "Wrapped");
});

check("a class expression returned from a function, one class per call", async () => {
  same(Made1 === Made2, false, "two calls make two classes");
  await exercise(new Made1(), "Made1");
  await exercise(new Made2(), "Made2");
  await using x = new Made1();
  inBody(x, "Made1");
});

check("a class declared inside a function", async () => {
  await exercise(makeNested(), "Nested");
  await disposeFirst(makeNested(), "Nested");
  await using x = makeNested();
  inBody(x, "Nested");
});

check("a class declared inside a block of a check", async () => {
  /** @asyncInit */
  class InBlock {${PROBE}}
  await exercise(new InBlock(), "InBlock");
  await using x = new InBlock();
  inBody(x, "InBlock");
});

check("classes in namespaces (exported, not exported, nested)", async () => {
  await exercise(new Outer.InNamespace(), "Outer.InNamespace");
  await exercise(Outer.makeHidden(), "Outer.Hidden");
  await exercise(new Outer.Inner.Deep(), "Outer.Inner.Deep");
  await disposeFirst(new Outer.Inner.Deep(), "Outer.Inner.Deep");
  await using x = new Outer.InNamespace(), y = new Outer.Inner.Deep(), z = Outer.makeHidden();
  inBody(x, "Outer.InNamespace");
  inBody(y, "Outer.Inner.Deep");
  inBody(z, "Outer.Hidden");
});

check("an abstract class whose abstract init an untagged subclass implements", async () => {
  await exercise(new Concrete(), "Concrete");
  await disposeFirst(new Concrete(), "Concrete");
  await using x = new Concrete();
  inBody(x, "Concrete");
});

check("an abstract class whose abstract init a tagged subclass implements", async () => {
  await exercise(new TaggedConcrete(), "TaggedConcrete");
  await using x = new TaggedConcrete();
  inBody(x, "TaggedConcrete");
});

check("an abstract init with a parameter, implemented: the implementation gets the AbortSignal", async () => {
  const x = new ConcreteWithSignal();
  await exercise(x, "ConcreteWithSignal");
  same(x.signal instanceof AbortSignal, true, "init's argument is an AbortSignal");
});
`,
  `import AnonymousDefault from "./anonymous-default.js";
import NamedDefault from "./named-default.js";`,
);

scenario("every class form: declarations, default exports, expressions, nested, namespaces, abstract", {
  "main.ts": FORMS,
  "anonymous-default.ts": ANONYMOUS_DEFAULT,
  "named-default.ts": NAMED_DEFAULT,
});

// ---- decorated classes, standard (TC39) decorators

const STANDARD_DECORATORS = main(String.raw`
${EXERCISE}

const decorated: string[] = [];
const methodCalls: string[] = [];

function record<T extends abstract new (...args: any) => any>(value: T, context: ClassDecoratorContext<T>) {
  decorated.push(String(context.name));
}

function replace<T extends new (...args: any[]) => object>(value: T, context: ClassDecoratorContext<T>) {
  return class extends value {
    replaced = true;
  };
}

function countCalls<This, Args extends unknown[], R>(method: (this: This, ...args: Args) => R, context: ClassMethodDecoratorContext<This>) {
  return function (this: This, ...args: Args): R {
    methodCalls.push(String(context.name));
    return method.apply(this, args);
  };
}

function plusOne(value: undefined, context: ClassFieldDecoratorContext) {
  return (initial: number) => initial + 1;
}

/** @asyncInit */
@record
class TagBeforeDecorator {${PROBE}}

@record
/** @asyncInit */
class TagAfterDecorator {${PROBE}}

/** @asyncInit */
export @record class ExportedDecorated {${PROBE}}

/** @asyncInit */
@replace
class Replaced {${PROBE}}

/** @asyncInit */
class DecoratedMembers {
  initCalls = 0;
  teardowns = 0;
  @plusOne field = 1;
  @countCalls
  async init() {
    await settle();
    this.initCalls++;
  }
  @countCalls
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

check("the class decorators ran once each", () => {
  equal(decorated, ["TagBeforeDecorator", "TagAfterDecorator", "ExportedDecorated"], "decorated classes");
});

check("a decorated class with the tag before its decorator", async () => {
  await exercise(new TagBeforeDecorator(), "TagBeforeDecorator");
  await disposeFirst(new TagBeforeDecorator(), "TagBeforeDecorator");
  await using x = new TagBeforeDecorator();
  inBody(x, "TagBeforeDecorator");
});

check("a decorated class with the tag between its decorator and the class", async () => {
  await exercise(new TagAfterDecorator(), "TagAfterDecorator");
  await using x = new TagAfterDecorator();
  inBody(x, "TagAfterDecorator");
});

check("export @decorator class", async () => {
  await exercise(new ExportedDecorated(), "ExportedDecorated");
  await using x = new ExportedDecorated();
  inBody(x, "ExportedDecorated");
});

check("a class decorator that replaces the class with a subclass", async () => {
  const x = new Replaced();
  same((x as any).replaced, true, "the replacement's field");
  await exercise(x, "Replaced");
  await using y = new Replaced();
  inBody(y, "Replaced");
});

check("decorated init, teardown and field", async () => {
  const x = new DecoratedMembers();
  same(x.field, 2, "the field decorator's initializer");
  await exercise(x, "DecoratedMembers");
  same(methodCalls.filter((name) => name === "init").length, 1, "decorated init calls");
  await using y = new DecoratedMembers();
  inBody(y, "DecoratedMembers");
});
`);

scenario("decorated classes (standard decorators)", { "main.ts": STANDARD_DECORATORS }, {
  // Node cannot parse native decorators yet; with class fields as assignments
  // TypeScript lowers them at ESNext too, so the ESNext cells still run.
  compilerOptions: (cell) => (cell.compilerOptions.target === "ESNext" ? { useDefineForClassFields: false } : {}),
});

// ---- decorated classes, legacy decorators with metadata

/** Legacy-decorated classes from one template: `tagged` adds the tags, `prefix` names them. */
function legacyClasses(prefix, tagged) {
  const tag = tagged ? "/** @asyncInit */\n" : "";
  return `
${tag}@record
class ${prefix}TagBefore {
  constructor(@param readonly url: string, readonly port: number) {}
${PROBE}}

@record
${tag}class ${prefix}TagAfter {${PROBE}}

${tag}@replace
class ${prefix}Replaced {${PROBE}}

${tag}@record
class ${prefix}NoConstructor {${PROBE}}

${tag}class ${prefix}Members {
  initCalls = 0;
  teardowns = 0;
  @field count: number = 1;
  @countCalls
  async init() {
    await settle();
    this.initCalls++;
  }
  @countCalls
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
  @countCalls
  helper(@param value: string): number {
    return value.length;
  }
}
`;
}

const LEGACY_DECORATORS = main(String.raw`
${EXERCISE}

// A stand-in for reflect-metadata: keeps what TypeScript's emitted metadata calls
// store, per target and member. Installed before any class below is decorated.
const metadata = new Map<unknown, [string, string, string][]>();
(Reflect as any).metadata = (key: string, value: unknown) => (target: object, member?: string | symbol) => {
  const entries = metadata.get(target) ?? [];
  const shown = Array.isArray(value) ? value.map((v) => (typeof v === "function" ? v.name : String(v))).join(",") : typeof value === "function" ? value.name : String(value);
  entries.push([String(member), key, shown]);
  metadata.set(target, entries);
};
/** The metadata stored on a class and on its prototype. */
const metadataOf = (c: Function) => ({ own: metadata.get(c) ?? [], members: metadata.get(c.prototype) ?? [] });

const decorated: string[] = [];
const methodCalls: string[] = [];
const fields: string[] = [];
const params: string[] = [];

function record(target: Function) {
  decorated.push(target.name);
}
function replace<T extends new (...args: any[]) => object>(target: T) {
  return class extends target {
    replaced = true;
  };
}
function countCalls(target: object, key: string | symbol, descriptor: PropertyDescriptor) {
  const method = descriptor.value;
  descriptor.value = function (this: unknown, ...args: unknown[]) {
    methodCalls.push(String(key));
    return method.apply(this, args);
  };
}
function field(target: object, key: string) {
  fields.push(key);
}
function param(target: object, key: string | symbol | undefined, index: number) {
  params.push(String(key) + "#" + index);
}

${legacyClasses("Tagged", true)}
${legacyClasses("Plain", false)}

check("legacy class, member and parameter decorators ran as for the untagged classes", () => {
  equal(decorated, ["TaggedTagBefore", "TaggedTagAfter", "TaggedNoConstructor", "PlainTagBefore", "PlainTagAfter", "PlainNoConstructor"], "class decorators");
  equal(fields, ["count", "count"], "field decorators");
  // Both copies decorate one constructor parameter and one method parameter, in the same order.
  same(params.length, 4, "parameter decorator calls");
  equal(params.slice(0, 2), params.slice(2), "parameter decorators, tagged and plain");
  equal([...params.slice(0, 2)].sort(), ["helper#0", "undefined#0"], "parameters decorated");
});

check("legacy decorator metadata is the same as for the untagged classes", () => {
  const pairs: [string, Function, Function][] = [
    ["TagBefore", TaggedTagBefore, PlainTagBefore],
    ["TagAfter", TaggedTagAfter, PlainTagAfter],
    ["Replaced", TaggedReplaced, PlainReplaced],
    ["NoConstructor", TaggedNoConstructor, PlainNoConstructor],
    ["Members", TaggedMembers, PlainMembers],
  ];
  for (const [name, tagged, plain] of pairs) equal(metadataOf(tagged), metadataOf(plain), name);
  equal(metadataOf(TaggedTagBefore).own, [["undefined", "design:paramtypes", "String,Number"]], "TagBefore's constructor metadata");
});

check("a legacy-decorated class with the tag before its decorator", async () => {
  const x = new TaggedTagBefore("db://", 5432);
  same(x.url, "db://", "constructor parameter property");
  await exercise(x, "TagBefore");
  await disposeFirst(new TaggedTagBefore("db://", 1), "TagBefore");
  await using y = new TaggedTagBefore("db://", 1);
  inBody(y, "TagBefore");
});

check("a legacy-decorated class with the tag between its decorator and the class", async () => {
  await exercise(new TaggedTagAfter(), "TagAfter");
  await using x = new TaggedTagAfter();
  inBody(x, "TagAfter");
});

check("a legacy class decorator that replaces the class with a subclass", async () => {
  const x = new TaggedReplaced();
  same((x as any).replaced, true, "the replacement's field");
  await exercise(x, "Replaced");
  await using y = new TaggedReplaced();
  inBody(y, "Replaced");
});

check("a legacy-decorated class without a constructor", async () => {
  await exercise(new TaggedNoConstructor(), "NoConstructor");
  await using x = new TaggedNoConstructor();
  inBody(x, "NoConstructor");
});

check("legacy-decorated init and teardown", async () => {
  methodCalls.length = 0;
  const x = new TaggedMembers();
  await exercise(x, "Members");
  same(methodCalls.filter((name) => name === "init").length, 1, "decorated init calls");
  same(x.helper("abc"), 3, "a decorated method");
  await using y = new TaggedMembers();
  inBody(y, "Members");
});
`);

scenario("decorated classes (legacy decorators with emitDecoratorMetadata)", { "main.ts": LEGACY_DECORATORS }, {
  compilerOptions: () => ({ experimentalDecorators: true, emitDecoratorMetadata: true }),
});
