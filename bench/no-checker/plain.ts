// An untagged async-disposable class: the object of the no-checker benchmark's third part
// (bench/no-checker/untagged.ts). Compiled once, with no plugin, and shared by every build
// of untagged.ts, so that each of them disposes the very same class.
export class Plain {
  closed = false;
  constructor(readonly id: number) {}
  async [Symbol.asyncDispose]() {
    this.closed = true;
  }
}
