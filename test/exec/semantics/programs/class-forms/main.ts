// Scenario of test/exec/semantics/class-forms.test.mjs: every class form: declarations, default exports, expressions, nested, namespaces, abstract.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, same } from "../checks.js";
import AnonymousDefault from "./anonymous-default.js";
import NamedDefault from "./named-default.js";
import { disposeFirst, exercise, inBody } from "./exercise.js";

/** @asyncInit */
class Declared {
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

const Expression = /** @asyncInit */ class {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
};
const UntaggedExpression = class {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
};

const NamedExpression = /** @asyncInit */ class Inner {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
};

const identity = <T>(value: T) => value;
const Wrapped = identity(/** @asyncInit */ class {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
});

// A class expression made anew by each call.
const makeClass = () => /** @asyncInit */ class {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
};
const Made1 = makeClass();
const Made2 = makeClass();

// A class declared inside a function.
function makeNested() {
  /** @asyncInit */
  class Nested {
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
  return new Nested();
}

namespace Outer {
  /** @asyncInit */
  export class InNamespace {
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
  class Hidden {
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
  export const makeHidden = () => new Hidden();

  export namespace Inner {
    /** @asyncInit */
    export class Deep {
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
  // Below ES2015 TypeScript names an anonymous class expression with async methods class_1, tagged or not;
  // SWC below ES2022 puts a class with computed keys in a comma expression, which gives it no name.
  if (UntaggedExpression.name === "UntaggedExpression") same(Expression.name, "Expression", "name");
  else if (UntaggedExpression.name === "") same(Expression.name, "", "name lost as an untagged class's");
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
  class InBlock {
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

run();
