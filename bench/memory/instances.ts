// The memory benchmark's program: the same small class built by a hand-written
// factory and as an @asyncInit class. Compiled with the real transformer by
// bench/memory/bench-memory.mjs and measured by bench/memory/measure.mjs.

export class Factory {
  ready = false;
  closed = false;
  private constructor(readonly id: number, readonly name: string) {}
  static async create(id: number, name: string): Promise<Factory> {
    const self = new Factory(id, name);
    await self.init();
    return self;
  }
  async init() {
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {
    this.closed = true;
  }
}

/** @asyncInit */
export class Tagged {
  ready = false;
  closed = false;
  constructor(readonly id: number, readonly name: string) {}
  async init() {
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {
    this.closed = true;
  }
}

/** The states an instance can be left in, each built `count` times into `into[0…count-1]`. */
export const phases: Record<string, (into: object[], count: number) => Promise<void>> = {
  "factory, ready": async (into, count) => {
    for (let i = 0; i < count; i++) into[i] = await Factory.create(i, "x");
  },
  "tagged, ready": async (into, count) => {
    for (let i = 0; i < count; i++) into[i] = await new Tagged(i, "x");
  },
  "factory, disposed": async (into, count) => {
    for (let i = 0; i < count; i++) {
      const x = await Factory.create(i, "x");
      await x[Symbol.asyncDispose]();
      into[i] = x;
    }
  },
  "tagged, disposed": async (into, count) => {
    for (let i = 0; i < count; i++) {
      const x = await new Tagged(i, "x");
      await x[Symbol.asyncDispose]();
      into[i] = x;
    }
  },
  "tagged, constructed (never awaited)": async (into, count) => {
    for (let i = 0; i < count; i++) into[i] = new Tagged(i, "x");
  },
};
