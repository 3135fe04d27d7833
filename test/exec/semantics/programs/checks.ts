declare const process: { on(event: string, listener: (reason: unknown) => void): void };

type Check = { name: string; run: () => unknown };
const checks: Check[] = [];
const stray: unknown[] = [];

// The child runs with --unhandled-rejections=strict; with these listeners a stray
// rejection is recorded (and fails the running check) instead of ending the program.
process.on("unhandledRejection", (reason) => { stray.push(reason); });
process.on("uncaughtException", (error) => { stray.push(error); });

/** Registers one named fact; checks run one after another, in order. */
export function check(name: string, run: () => unknown): void {
  checks.push({ name, run });
}

/** Runs every check and prints its result. */
export async function run(): Promise<void> {
  for (const { name, run } of checks) {
    const before = stray.length;
    let problem: string | undefined;
    try {
      await run();
    } catch (error) {
      problem = describe(error);
    }
    await drain();
    if (problem === undefined && stray.length > before) {
      problem = "unhandled rejection or exception: " + stray.slice(before).map(describe).join("; ");
    }
    console.log(problem === undefined ? "ok " + name : "not ok " + name + ": " + problem);
  }
  await drain();
  if (stray.length) console.log("stray: " + stray.map(describe).join("; "));
  console.log("done");
}

/** One macrotask turn: every promise job queued before it has run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A few macrotask turns, so that chains of promise jobs and timers finish. */
export async function drain(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await settle();
}

export function fail(message: string): never {
  throw new Error(message);
}

export function describe(value: unknown): string {
  if (value instanceof Error) return value.name + ": " + value.message;
  try {
    return typeof value === "symbol" ? String(value) : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** actual is expected (Object.is). */
export function same(actual: unknown, expected: unknown, what: string): void {
  if (!Object.is(actual, expected)) fail(what + ": expected " + describe(expected) + ", got " + describe(actual));
}

/** actual and expected print the same as JSON. */
export function equal(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(what + ": expected " + e + ", got " + a);
}

/** The reason a promise rejects with; fails if it fulfils instead. */
export function reasonOf(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    (value) => fail("expected a rejection, got " + describe(value)),
    (reason) => reason,
  );
}

/** await x, as a promise of what it gives. */
export const awaiting = async <T>(x: T): Promise<T> => await x;

/** Returns x from an async function (resolving the function's promise with x). */
export const returning = async <T>(x: T): Promise<T> => x;

/** Checks that an error is the ReferenceError of a disposed instance of the named class. */
export function isDisposedError(error: unknown, className: string, what: string): void {
  if (!(error instanceof ReferenceError)) fail(what + ": expected a ReferenceError, got " + describe(error));
  if (!error.message.includes(className)) fail(what + ": the ReferenceError does not name " + className + ": " + error.message);
}

export type Watched<T> = { status: "pending" | "fulfilled" | "rejected"; value?: Awaited<T>; reason?: unknown; done: Promise<void> };

/** Awaits x in the background and records how that ends. */
export function watch<T>(x: T): Watched<T> {
  const watched: Watched<T> = { status: "pending", done: Promise.resolve() };
  watched.done = (async () => {
    try {
      watched.value = await x;
      watched.status = "fulfilled";
    } catch (reason) {
      watched.reason = reason;
      watched.status = "rejected";
    }
  })();
  return watched;
}
