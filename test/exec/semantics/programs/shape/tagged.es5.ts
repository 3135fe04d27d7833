// The classes main.ts compares: tagged.ts has the tags, plain.ts is the same without them
// (shape.test.mjs checks it); the .es5.ts pair stands in below ES2015, with no #secret.
import { settle } from "../checks.js";
import { mark } from "./mark.js";

// Counted outside the class, so that the static members of both copies stay equal.
export const counts = { inits: 0 };

/** @asyncInit */
export class Shape {
  static created = 0;
  static readonly label = "shape";
  static describe() { return "a shape"; }
  a = 1;
  b: string;
  declared!: number;
  [mark] = "marked";
  private secret_ = 42;
  late?: string;
  constructor(b: string, readonly c: number = 3) {
    this.b = b;
  }
  async init() {
    counts.inits++;
    await settle();
    this.late = "set by init";
  }
  get secret() { return this.secret_; }
  method() { return this.a; }
  async [Symbol.asyncDispose]() { this.a = 0; }
}

/** @asyncInit */
export class NoConstructor {
  x = 1;
  async init() {}
  async [Symbol.asyncDispose]() {}
}

/** @asyncInit */
export class DerivedNoConstructor extends NoConstructor {
  y = 2;
}

// Untagged in both files: a plain subclass of Shape.
export class PlainChild extends Shape {
  z = 3;
}

/** @asyncInit */
export class WithArguments {
  constructor(readonly first: number, second: number, ...rest: number[]) {}
  async init() {}
  async [Symbol.asyncDispose]() {}
}

/** @asyncInit */
export class StaticBlock {
  static ready = false;
  static {
    StaticBlock.ready = true;
  }
  async init() {}
  async [Symbol.asyncDispose]() {}
}

/** @asyncInit */
export class Fails {
  a = 1;
  async init() {
    throw new Error("init fails");
  }
  async [Symbol.asyncDispose]() {}
}
