// A licence header.

/** @asyncInit */
export class Db {
  log: string[] = [];
  constructor(readonly url: string) {}
  async init() {
    this.log.push("init " + this.url);
  }
  async [Symbol.asyncDispose]() {
    this.log.push("teardown");
  }
}

/** @asyncInit */
export class Plain {
  async init() {
    throw new Error("init failed on purpose");
  }
}
