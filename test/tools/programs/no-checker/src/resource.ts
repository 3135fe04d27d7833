// A tagged class and a factory, imported by main.ts: a compiler that sees one file
// at a time (no type checker) cannot tell from main.ts that they are tagged.
export const log: string[] = [];

/** @asyncInit */
export class Resource {
  constructor(readonly name: string) { log.push(`new ${name}`); }
  async init() { await new Promise((resolve) => setTimeout(resolve, 1)); log.push(`init ${this.name}`); }
  async [Symbol.asyncDispose]() { log.push(`dispose ${this.name}`); }
}

export const openResource = (name: string) => new Resource(name);

/** @asyncInit */
export class Bare {
  // No teardown of its own: `await using` still awaits it, and the generated dispose runs at the end.
  ready = false;
  async init() { this.ready = true; log.push("init bare"); }
}
