// The library of the mixed-targets scenario: a tagged base class, and a function that awaits
// instances where its compiler knows their type.
export const log: string[] = [];
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** @asyncInit */
export class Base {
  constructor(readonly id: string) {}
  async init() {
    log.push("Base.init " + this.id);
    await tick();
  }
  async [Symbol.asyncDispose]() {
    log.push("Base.dispose " + this.id);
  }
}

/** An await the library's compiler knows is of a tagged class. */
export async function open<T extends Base>(x: T): Promise<T> {
  return await x;
}
