// rich.ts for ES5, where private names and accessor fields do not compile:
// the same hierarchy with TypeScript's `private` members and a plain field.
export class Base {
  constructor(readonly id: number) {}

  async [Symbol.asyncDispose]() {
    await Promise.resolve();
  }
}

/** @asyncInit */
export class Store extends Base {
  static created = 0;
  private static registry_ = new Set<Store>();
  private secret_ = "s";
  items: string[] = [];
  label = "store";
  declare readonly brand: string;

  constructor(id: number, private readonly url: string, public tags: string[] = []) {
    super(id);
    Store.registry_.add(this);
    Store.created++;
  }

  get size() {
    return this.items.length;
  }

  set size(n: number) {
    this.items.length = n;
  }

  private get hidden_() {
    return this.secret_ + this.url;
  }

  private load_() {
    return [this.hidden_];
  }

  static has(store: Store) {
    return Store.registry_.has(store) && "secret_" in store;
  }

  async init(signal: AbortSignal) {
    if (signal.aborted) return;
    this.items = this.load_();
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
