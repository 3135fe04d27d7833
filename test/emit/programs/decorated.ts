// Standard (TC39) decorators on a tagged class, its init and its teardown.
function registered(_value: abstract new (...args: any[]) => object, _context: ClassDecoratorContext): void {}

function traced<This, Args extends unknown[], R>(method: (this: This, ...args: Args) => R, _context: ClassMethodDecoratorContext<This>) {
  return method;
}

function field<This, V>(_value: undefined, _context: ClassFieldDecoratorContext<This, V>) {
  return (initial: V) => initial;
}

/** @asyncInit */
@registered
export class Service {
  @field retries = 3;

  @traced
  async init() {
    await null;
  }

  @traced
  async [Symbol.asyncDispose]() {
    await null;
  }
}

export const Anonymous = /** @asyncInit */ @registered class {
  @traced
  async init() {}
};

/** @asyncInit */
@registered
export default class {
  @traced
  async init() {}
}
