// The app every bundler test builds (test/tools/bundlers): this module's tagged
// classes are used by main.ts, so each `await using` there crosses a module.
export const log: string[] = [];

/** @asyncInit */
export class Db {
  constructor(readonly name: string) {
    log.push(`new ${name}`);
  }

  async init(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    log.push(`init ${this.name}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    log.push(`dispose ${this.name}`);
  }
}

/** @asyncInit */
export class Cache {
  // No teardown of its own: the generated one waits for a pending init, and does nothing else.
  ready = false;

  async init(): Promise<void> {
    this.ready = true;
    log.push("init cache");
  }
}

/** A factory: what it returns is awaited by `await using` all the same (checked when it runs). */
export const openDb = (name: string): Db => new Db(name);
