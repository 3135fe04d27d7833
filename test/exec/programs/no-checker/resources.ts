// Tagged classes and a factory, in their own module: compiled alone, the module that
// uses them has no checker to tell that their instances need awaiting.
export const log: string[] = [];

/** @asyncInit */
export class Resource {
  constructor(readonly name: string, readonly error?: Error) {}
  async init() {
    await null;
    log.push(`init ${this.name}`);
    if (this.error) throw this.error;
  }
  async [Symbol.asyncDispose]() {
    log.push(`dispose ${this.name}`);
  }
}

/** @asyncInit */
export class NoTeardown {
  async init() {
    log.push("init no-teardown");
  }
}

/** An untagged subclass that overrides the teardown: it must not run for an instance whose init failed. */
export class Logged extends Resource {
  override async [Symbol.asyncDispose]() {
    log.push(`logged dispose ${this.name}`);
    await super[Symbol.asyncDispose]();
  }
}

export function open(name: string): Resource | NoTeardown {
  return name === "none" ? new NoTeardown() : new Resource(name);
}
