// Legacy decorators with emitDecoratorMetadata on tagged classes: class,
// method, property and parameter decorators, with and without a constructor.
function registered(_target: Function): void {}
function traced(_target: object, _key: string | symbol, _descriptor: PropertyDescriptor): void {}
function field(_target: object, _key: string | symbol): void {}
function inject(_target: object, _key: string | symbol | undefined, _index: number): void {}

/** @asyncInit */
@registered
export class Service {
  @field retries = 3;

  constructor(@inject readonly url: string) {}

  @traced
  async init() {
    await null;
  }

  @traced
  async [Symbol.asyncDispose]() {}
}

/** @asyncInit */
@registered
export class Bare {
  init() {
    return Promise.resolve();
  }
}

/** @asyncInit */
@registered
export class Derived extends Bare {
  @field count = 0;
}
