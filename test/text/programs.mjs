// Programs that reach each form the text back end generates, beyond the fixtures:
// type-checked by typecheck.test.mjs (their inputs compile under strict with
// noImplicitOverride and exactOptionalPropertyTypes, lib esnext and DOM) and run by
// semantics.test.mjs.

/** Tagged classes that need nothing of lib esnext or DOM: derived, generic, a class expression, init with a signal, awaited. */
export const CLASSES = `export const log: string[] = [];

/** @asyncInit */
export class Base {
  constructor(readonly name: string) {}

  async init(signal?: unknown): Promise<void> {
    await Promise.resolve();
    log.push(\`init \${this.name} \${typeof signal}\`);
  }

  // A returned comma list whose value is known after an await of its own.
  async named(): Promise<string> {
    return await Promise.resolve(), this.name;
  }
}

/** @asyncInit */
export class Derived extends Base {
  override async init(signal?: unknown): Promise<void> {
    await super.init(signal);
    log.push(\`init derived \${this.name}\`);
  }
}

/** @asyncInit */
export class Box<T> {
  value: T | undefined;
  constructor(private readonly make: () => Promise<T>) {}
  async init() {
    this.value = await this.make();
    const twice = async () => await this.make();
    log.push(\`box \${String(this.value)} \${String(await twice())}\`);
  }
}

export const Anonymous = /** @asyncInit */ class {
  ready = false;
  async init() { this.ready = (await { then: undefined, ok: true }).ok; }
};

export async function awaitAll(): Promise<string[]> {
  const base = await new Derived("d");
  const [box, anonymous] = await Promise.all([new Box(async () => 1), new Anonymous()]);
  return [await base.named(), String(box.value), String(anonymous.ready)];
}
`;

/** Teardowns: of a subclass of a tagged class, overriding one, abstract, with overloads. */
export const DISPOSABLES = `import { Base, log } from "./classes.js";

/** @asyncInit */
export class Child extends Base {
  async [Symbol.asyncDispose](): Promise<void> {
    log.push(\`dispose \${this.name}\`);
  }
}

/** @asyncInit */
export class Grandchild extends Child {
  override async [Symbol.asyncDispose]() {
    log.push(\`dispose grandchild \${this.name}\`);
    await super[Symbol.asyncDispose]();
  }
}

/** @asyncInit */
export abstract class Resource {
  abstract readonly kind: string;
  abstract init(): Promise<void>;
  abstract [Symbol.asyncDispose](): Promise<void>;
}

export class File extends Resource {
  readonly kind = "file";
  override async init() {
    log.push("open file");
  }
  override async [Symbol.asyncDispose]() {
    log.push("close file");
  }
}

/** @asyncInit */
export class Overloaded {
  async init(signal: AbortSignal) {
    log.push(\`overloaded \${signal.aborted}\`);
  }
  [Symbol.asyncDispose](): Promise<void>;
  async [Symbol.asyncDispose](): Promise<void> {
    log.push("overloaded teardown");
  }
}
`;

/** A module that uses them: every form of \`await using\` without a checker. */
export const USAGE = `import { Anonymous, Box, log } from "./classes.js";
import { Child, File, Grandchild, Overloaded } from "./disposables.js";

export async function main(names: string[]): Promise<string[]> {
  {
    await using a: Child = new Child("a"),
      b = await new Child("b"),
      c = new Grandchild("c")
    log.push(\`body \${a.name} \${b.name} \${c.name}\`);
  }
  const [x, y] = await Promise.all([new Child("x"), new Box(async () => 1)]);
  log.push(\`all \${x.name} \${String(y.value)}\`);
  for (await using d of names.map((name) => new Child(name))) log.push(\`loop \${d.name}\`);
  outer: for (await using e = new Child("e"); ; ) {
    log.push(\`head \${e.name}\`);
    break outer;
  }
  {
    await using f = new File(), g = new Overloaded();
    await using plain = { async [Symbol.asyncDispose]() { log.push("plain"); } };
    log.push(\`ready \${(await new Anonymous()).ready} \${typeof f} \${typeof g} \${typeof plain}\`);
  }
  return log;
}

export async function generic<T extends AsyncDisposable>(make: () => T): Promise<T> {
  await using t = make();
  return t;
}
`;

/** A module that declares globals the plumbing uses, as a value and as a type. */
export const SHADOWS = `class Promise<T> {
  constructor(readonly value: T) {}
}
const globalThis = { name: "mine" };
export const mine = new Promise(globalThis.name).value;

/** @asyncInit */
export class Db {
  ready = false;
  async init() {
    this.ready = true;
  }
}
`;

/** A classic script (no import or export): the plumbing is a \`var\` with a name of its own. */
export const SCRIPT = `/** @asyncInit */
class ScriptDb {
  async init() {}
}
async function useScriptDb() {
  const db = await new ScriptDb();
  return db;
}
`;
