// Scenario of test/exec/semantics/class-forms.test.mjs: decorated classes (standard decorators).
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, same, equal } from "../checks.js";
import { disposeFirst, exercise, inBody } from "../class-forms/exercise.js";

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
class TagBeforeDecorator {
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
class TagAfterDecorator {
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
export @record class ExportedDecorated {
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
class Replaced {
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

const wrappedCalls: string[] = [];

/** Wraps each method of the prototype, as a tracing decorator does: it reads every own member there, the then getter too. */
function wrapEachMethod<T extends abstract new (...args: any) => any>(value: T, context: ClassDecoratorContext<T>) {
  const prototype = value.prototype;
  for (const key of Object.getOwnPropertyNames(prototype)) {
    const member = prototype[key];
    if (key === "constructor" || typeof member !== "function") continue;
    prototype[key] = function (this: unknown, ...args: unknown[]) {
      wrappedCalls.push(key);
      return member.apply(this, args);
    };
  }
}

/** @asyncInit */
@wrapEachMethod
class Traced {
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

check("a class decorator that wraps each method of the prototype: then is undefined there (no instance), so it wraps init only", async () => {
  same((Traced.prototype as any).then, undefined, "then of the prototype itself");
  await exercise(new Traced(), "Traced");
  equal(wrappedCalls, ["init"], "wrapped calls");
  await using x = new Traced();
  inBody(x, "Traced");
});

run();
