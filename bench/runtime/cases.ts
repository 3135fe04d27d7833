// The runtime benchmark's program: the same class written three ways, each built
// and awaited once per operation. It is compiled with the real transformer
// (bench/runtime/bench-runtime.mjs) and driven by bench/runtime/measure.mjs.
//
// Two workloads:
//   noWait   init sets a field and returns: isolates the cost of the plumbing
//   oneStep  init waits for one setImmediate: a realistic, very short real wait
//
// Three ways to get a ready instance:
//   factory    hand-written `static async create()` that calls the same init
//   tagged     /** @asyncInit */ class, `await new Foo()`
//   asyncInit  @matrixai/async-init's CreateDestroyStartStop decorator, the library's create/start pattern
//
// Two kinds of site for the tagged class:
//   typed    the compiler sees the class at the await (`await new Foo()`, `await using x = new Foo()`)
//   dynamic  the instance reaches `await` / `Promise.resolve` through code typed `unknown`,
//            so only the runtime `then` can do the work
import { CreateDestroyStartStop } from "@matrixai/async-init/CreateDestroyStartStop.js";

const oneStep = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Hides the static type: whatever comes out is `unknown` to the compiler. */
function opaque(value: unknown): unknown {
  return value;
}

// ---- noWait workload ----

export class FactoryNoWait {
  ready = false;
  closed = false;
  private constructor(readonly id: number) {}
  static async create(id: number): Promise<FactoryNoWait> {
    const self = new FactoryNoWait(id);
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
export class TaggedNoWait {
  ready = false;
  closed = false;
  constructor(readonly id: number) {}
  async init() {
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {
    this.closed = true;
  }
}

// The library's documented pattern: a static create that constructs and starts; stop + destroy to tear down.
interface LibraryNoWait extends CreateDestroyStartStop {}
@CreateDestroyStartStop()
class LibraryNoWait {
  ready = false;
  closed = false;
  constructor(readonly id: number) {}
  static async create(id: number): Promise<LibraryNoWait> {
    const self = new this(id);
    await self.start();
    return self;
  }
  async start() {
    this.ready = true;
  }
  async stop() {
    this.closed = true;
  }
  async destroy() {}
  async [Symbol.asyncDispose]() {
    await this.stop();
    await this.destroy();
  }
}

// ---- oneStep workload ----

export class FactoryOneStep {
  ready = false;
  closed = false;
  private constructor(readonly id: number) {}
  static async create(id: number): Promise<FactoryOneStep> {
    const self = new FactoryOneStep(id);
    await self.init();
    return self;
  }
  async init() {
    await oneStep();
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {
    this.closed = true;
  }
}

/** @asyncInit */
export class TaggedOneStep {
  ready = false;
  closed = false;
  constructor(readonly id: number) {}
  async init() {
    await oneStep();
    this.ready = true;
  }
  async [Symbol.asyncDispose]() {
    this.closed = true;
  }
}

interface LibraryOneStep extends CreateDestroyStartStop {}
@CreateDestroyStartStop()
class LibraryOneStep {
  ready = false;
  closed = false;
  constructor(readonly id: number) {}
  static async create(id: number): Promise<LibraryOneStep> {
    const self = new this(id);
    await self.start();
    return self;
  }
  async start() {
    await oneStep();
    this.ready = true;
  }
  async stop() {
    this.closed = true;
  }
  async destroy() {}
  async [Symbol.asyncDispose]() {
    await this.stop();
    await this.destroy();
  }
}

// ---- the operations: one ready instance each (and, for `await using`, its disposal) ----

/** Fails loudly if a case hands out an instance that is not ready, so no row measures a broken case. */
function check(x: { ready: boolean }): void {
  if (!x.ready) throw new Error("instance not ready");
}
function checkClosed(x: { closed: boolean }): void {
  if (!x.closed) throw new Error("instance not disposed");
}

export interface Case {
  /** Row label. */
  name: string;
  /** The row it is compared with (its ratio is ops/sec of this case over that one). */
  baseline?: string;
  group: "await" | "await using";
  site?: "typed" | "dynamic";
  op: (i: number) => Promise<void>;
}

function casesFor(
  Factory: typeof FactoryNoWait | typeof FactoryOneStep,
  Tagged: typeof TaggedNoWait | typeof TaggedOneStep,
  Library: typeof LibraryNoWait | typeof LibraryOneStep,
): Case[] {
  return [
    {
      name: "factory: await Foo.create()",
      group: "await",
      op: async (i) => check(await Factory.create(i)),
    },
    {
      name: "@matrixai/async-init: await Foo.create() (start)",
      baseline: "factory: await Foo.create()",
      group: "await",
      op: async (i) => check(await Library.create(i)),
    },
    {
      name: "tagged, typed site: await new Foo()",
      baseline: "factory: await Foo.create()",
      group: "await",
      site: "typed",
      op: async (i) => check(await new Tagged(i)),
    },
    {
      name: "tagged, dynamic site: await (x as unknown)",
      baseline: "factory: await Foo.create()",
      group: "await",
      site: "dynamic",
      op: async (i) => check((await opaque(new Tagged(i))) as TaggedNoWait),
    },
    {
      name: "tagged, dynamic site: await Promise.resolve(x as unknown)",
      baseline: "factory: await Foo.create()",
      group: "await",
      site: "dynamic",
      op: async (i) => check((await Promise.resolve(opaque(new Tagged(i)))) as TaggedNoWait),
    },
    {
      name: "factory: await using x = await Foo.create()",
      group: "await using",
      op: async (i) => {
        let seen: FactoryNoWait;
        {
          await using x = await Factory.create(i);
          check((seen = x));
        }
        checkClosed(seen);
      },
    },
    {
      name: "@matrixai/async-init: await using x = await Foo.create()",
      baseline: "factory: await using x = await Foo.create()",
      group: "await using",
      op: async (i) => {
        let seen: LibraryNoWait;
        {
          await using x = await Library.create(i);
          check((seen = x));
        }
        checkClosed(seen);
      },
    },
    {
      name: "tagged, typed site: await using x = new Foo()",
      baseline: "factory: await using x = await Foo.create()",
      group: "await using",
      site: "typed",
      op: async (i) => {
        let seen: TaggedNoWait;
        {
          await using x = new Tagged(i);
          check((seen = x));
        }
        checkClosed(seen);
      },
    },
    {
      name: "tagged, dynamic site: await using x = (await (y as unknown)) as Foo",
      baseline: "factory: await using x = await Foo.create()",
      group: "await using",
      site: "dynamic",
      op: async (i) => {
        let seen: TaggedNoWait;
        {
          await using x = (await opaque(new Tagged(i))) as TaggedNoWait;
          check((seen = x));
        }
        checkClosed(seen);
      },
    },
  ];
}

export const workloads: Record<string, Case[]> = {
  noWait: casesFor(FactoryNoWait, TaggedNoWait, LibraryNoWait),
  oneStep: casesFor(FactoryOneStep, TaggedOneStep, LibraryOneStep),
};

/** Reference rows for the microtask count: a bare `await` of a plain object, and of a resolved promise. */
export const references: { name: string; op: () => Promise<void> }[] = [
  { name: "reference: await {} (a plain object)", op: async () => void (await {}) },
  { name: "reference: await Promise.resolve({})", op: async () => void (await Promise.resolve({})) },
];
