// A tagged class.
/** @asyncInit */
class Alpha {
  initCalls = 0;
  constructor(readonly name: string) {}
  async init() { this.initCalls++; log.push(this.name + " init"); }
  async [Symbol.asyncDispose]() { log.push(this.name + " teardown"); }
}
