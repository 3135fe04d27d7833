// plain.ts for ES5, where private names do not compile: TypeScript's `private` instead.
export class Counter {
  static total = 0;
  private count_ = 0;

  constructor(readonly name: string) {
    Counter.total++;
  }

  get count() {
    return this.count_;
  }

  async bump(by = 1) {
    await Promise.resolve();
    this.count_ += by;
    return this;
  }
}

export async function countTo(n: number) {
  const counter = new Counter("c");
  for (let i = 0; i < n; i++) await counter.bump();
  return counter.count;
}
