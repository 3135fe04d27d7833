export const log: string[] = [];

/** @asyncInit */
export class Db {
  constructor(readonly name: string) { log.push(`new ${name}`); }
  async init() { await new Promise((resolve) => setTimeout(resolve, 1)); log.push(`init ${this.name}`); }
  async [Symbol.asyncDispose]() { log.push(`dispose ${this.name}`); }
}

/** @asyncInit */
export class Cache {
  // No teardown of its own: `await using` of it is error TS2851 for a checker that does not know the plugin.
  ready = false;
  async init() { this.ready = true; log.push("init cache"); }
}

export const openDb = (name: string) => new Db(name);
