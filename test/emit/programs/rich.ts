// A rich tagged class hierarchy: fields, accessors, private members, statics,
// parameter properties, an init that takes an AbortSignal, async teardowns
// calling super, a derived class, and an anonymous class expression.
export class Base {
  constructor(readonly id: number) {}

  async [Symbol.asyncDispose]() {
    await Promise.resolve();
  }
}

/** @asyncInit */
export class Store extends Base {
  static created = 0;
  static #registry = new Set<Store>();
  #secret = "s";
  items: string[] = [];
  accessor label = "store";
  declare readonly brand: string;

  constructor(id: number, private readonly url: string, public tags: string[] = []) {
    super(id);
    Store.#registry.add(this);
    Store.created++;
  }

  get size() {
    return this.items.length;
  }

  set size(n: number) {
    this.items.length = n;
  }

  get #hidden() {
    return this.#secret + this.url;
  }

  #load() {
    return [this.#hidden];
  }

  static has(store: Store) {
    return Store.#registry.has(store) && #secret in store;
  }

  async init(signal: AbortSignal) {
    if (signal.aborted) return;
    this.items = this.#load();
  }

  async [Symbol.asyncDispose]() {
    this.items = [];
    await super[Symbol.asyncDispose]();
  }
}

/** @asyncInit open */
export class Cache extends Store {
  hits = 0;

  async open() {
    await super.init(new AbortController().signal);
    this.hits++;
  }

  async [Symbol.asyncDispose]() {
    this.hits = 0;
    await super[Symbol.asyncDispose]();
  }
}

export const Anonymous = /** @asyncInit */ class {
  static instances = 0;
  static {
    this.instances = 0;
  }
  async init() {
    await null;
  }
};

export async function main() {
  await using store = new Store(1, "db://a");
  const cache = await new Cache(2, "db://b", ["x"]);
  for (await using each of [new Store(3, "db://c")]) store.items.push(...each.items);
  await cache[Symbol.asyncDispose]();
  return store.size;
}
