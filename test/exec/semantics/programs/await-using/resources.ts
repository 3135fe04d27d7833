import { settle } from "../checks.js";

export const log: string[] = [];

// Logs its life; init fails with the given error, if any.
/** @asyncInit */
export class Resource {
  ready = false;
  constructor(readonly name: string, readonly error?: unknown) {
    log.push("new " + name);
  }
  async init() {
    await settle();
    log.push("init " + this.name);
    if (this.error !== undefined) throw this.error;
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {
    log.push("dispose " + this.name);
  }
}

export function openResource(name: string, error?: unknown): Resource {
  return new Resource(name, error);
}

/** @asyncInit */
export class TaggedChild extends Resource {
  async init() {
    log.push("child init " + this.name);
    await super.init();
  }
}
