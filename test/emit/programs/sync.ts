// A tagged class whose own code needs no helper at any target: no async
// function, no class fields, no private names, a synchronous teardown.
export class Connection {
  constructor(readonly url: string) {}
}

/** @asyncInit */
export class Db extends Connection {
  init() {
    return Promise.resolve().then(() => undefined);
  }

  [Symbol.asyncDispose]() {
    return Promise.resolve();
  }
}

/** @asyncInit */
export class Plain {
  init() {
    return Promise.resolve();
  }
}

export function open(url: string) {
  return new Db(url);
}
