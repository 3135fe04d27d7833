// The module no-async-dispose.test.mjs loads where Symbol.asyncDispose does not exist:
// tagged classes (plain, derived, anonymous, with a private field and a teardown), and probe().
export const log: string[] = [];

/** @asyncInit */
export class Db {
  #ready = false;
  constructor(readonly url: string) {}
  async init() {
    await null;
    this.#ready = true;
    log.push(`init ${this.url}`);
  }
  get ready() {
    return this.#ready;
  }
  async [Symbol.asyncDispose]() {
    log.push("teardown");
  }
}

/** @asyncInit */
export class Replica extends Db {
  async init() {
    await super.init();
    log.push("replica");
  }
}

export const Anonymous = /** @asyncInit */ class {
  static count = 0;
  async init() {
    log.push("anonymous");
  }
};

export async function probe() {
  const db = await new Db("a");
  const replica = new Replica("b");
  const same = (await replica) === replica;
  await new Anonymous();
  return { log, ready: db.ready, same, thenGone: (db as { then?: unknown }).then === undefined };
}
