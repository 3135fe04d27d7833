// Scenario of test/exec/semantics/class-forms.test.mjs: decorated classes (legacy decorators with emitDecoratorMetadata).
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, same, equal } from "../checks.js";
import { disposeFirst, exercise, inBody } from "../class-forms/exercise.js";

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

/** @asyncInit */
@record
class TaggedTagBefore {
  constructor(@param readonly url: string, readonly port: number) {}

  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

@record
/** @asyncInit */
class TaggedTagAfter {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

/** @asyncInit */
@replace
class TaggedReplaced {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

/** @asyncInit */
@record
class TaggedNoConstructor {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

/** @asyncInit */
class TaggedMembers {
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

@record
class PlainTagBefore {
  constructor(@param readonly url: string, readonly port: number) {}

  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

@record
class PlainTagAfter {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

@replace
class PlainReplaced {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

@record
class PlainNoConstructor {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}

class PlainMembers {
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
  // That there is metadata to compare: TypeScript emits this entry alone, SWC a design:type entry too.
  const own = metadataOf(TaggedTagBefore).own;
  same(own.some(([, key, types]) => key === "design:paramtypes" && types === "String,Number"), true, "TagBefore's constructor metadata: " + JSON.stringify(own));
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

run();
