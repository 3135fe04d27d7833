// Ordinary code: classes, fields, private members, async functions, awaits.
export class Counter {
  static total = 0;
  #count = 0;

  constructor(readonly name: string) {
    Counter.total++;
  }

  get count() {
    return this.#count;
  }

  async bump(by = 1) {
    await Promise.resolve();
    this.#count += by;
    return this;
  }
}

export async function countTo(n: number) {
  const counter = new Counter("c");
  for (let i = 0; i < n; i++) await counter.bump();
  return counter.count;
}
