// The plumbing's state machine, as a module (createPlumbing()), with tagged classes
// built by hand as the emitters build them: each rule of the semantics table in
// design.md that the plumbing carries out, for both places the state can live.
import test from "ava";
import { createPlumbing, deferred, outcome, STORAGES, settle, taggedClass } from "./classes.mjs";

const p = createPlumbing();
const registry = () => globalThis[Symbol.for("ts-async-init.v3")];

/** Fails the test if the plumbing lets a rejection go unhandled while `run` runs (and a turn after). */
async function withoutUnhandledRejections(t, run) {
  const unhandled = [];
  const listener = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", listener);
  try {
    await run();
    await settle();
  } finally {
    process.off("unhandledRejection", listener);
  }
  t.deepEqual(unhandled, []);
}

function isDisposedError(t, reason) {
  t.true(reason instanceof ReferenceError, String(reason));
  t.is(reason.message, "Db cannot be awaited: its dispose was requested");
}

test("the error of an instance of an anonymous class (no name at run time) says so, where it would name the class", async (t) => {
  const Db = taggedClass(p);
  Object.defineProperty(Db, "name", { value: "" });
  const x = new Db();
  await x[Symbol.asyncDispose]();
  const reason = await x.then(
    () => undefined,
    (error) => error,
  );
  t.true(reason instanceof ReferenceError, String(reason));
  t.is(reason.message, "An instance of an anonymous class cannot be awaited: its dispose was requested");
});

for (const storage of STORAGES) {
  test(`${storage}: init starts on the first await, not in the constructor, runs once, and every waiter gets the instance`, async (t) => {
    const started = deferred();
    const Db = taggedClass(p, { storage, init: () => started.promise });
    const x = new Db();
    await settle();
    t.is(x.inits, 0);
    const waiters = [x.then((v) => v), Promise.resolve(x), (async () => await x)(), p.ready(x)];
    t.is(x.inits, 1);
    started.resolve();
    for (const value of await Promise.all(waiters)) t.is(value, x);
    t.is(x.inits, 1);
  });

  test(`${storage}: once ready, then is undefined and awaiting again runs nothing`, async (t) => {
    const Db = taggedClass(p, { storage });
    const x = await new Db();
    t.is(x.then, undefined);
    t.is(await x, x);
    t.is(p.ready(x), x, "ready gives a ready instance back as it is, not a promise");
    t.is(x.inits, 1);
    t.is(registry().states.has(x), storage === "map", "the state lives where the class keeps it");
  });

  for (const how of ["throws synchronously", "rejects"]) {
    test(`${storage}: an init that ${how}: every waiter, and every later await, rejects with that error; init is not run again`, async (t) => {
      const error = new Error("no connection");
      const Db = taggedClass(p, {
        storage,
        init:
          how === "rejects"
            ? async () => {
                throw error;
              }
            : () => {
                throw error;
              },
      });
      const x = new Db();
      await withoutUnhandledRejections(t, async () => {
        const waiters = await Promise.all([x.then(), Promise.resolve(x), p.ready(x)].map(outcome));
        for (const { reason } of waiters) t.is(reason, error);
        t.is((await outcome(x)).reason, error);
        t.is((await outcome(p.ready(x))).reason, error);
      });
      t.is(x.inits, 1);
      t.is(typeof x.then, "function", "a failed instance stays thenable: awaiting it rejects");
    });
  }

  test(`${storage}: dispose while init is in flight waits for init, then runs the teardown; the waiters reject`, async (t) => {
    const started = deferred();
    const log = [];
    const Db = taggedClass(p, {
      storage,
      init: () => started.promise.then(() => log.push("init")),
      teardown: async () => {
        log.push("teardown");
      },
    });
    const x = new Db();
    const waiter = outcome(x.then((v) => v));
    const disposal = x[Symbol.asyncDispose]();
    await settle();
    t.deepEqual(log, [], "the teardown waits for init");
    started.resolve();
    await disposal;
    t.deepEqual(log, ["init", "teardown"]);
    isDisposedError(t, (await waiter).reason);
  });

  test(`${storage}: dispose twice, or concurrently: one teardown, and every call gets the same promise`, async (t) => {
    const finish = deferred();
    const Db = taggedClass(p, { storage, teardown: () => finish.promise });
    const x = await new Db();
    const first = x[Symbol.asyncDispose]();
    t.is(x[Symbol.asyncDispose](), first);
    finish.resolve();
    await first;
    t.is(x[Symbol.asyncDispose](), first);
    t.is(x.teardowns, 1);
  });

  test(`${storage}: a failing teardown: every dispose call sees its error`, async (t) => {
    const error = new Error("cannot close");
    const Db = taggedClass(p, {
      storage,
      teardown: async () => {
        throw error;
      },
    });
    const x = await new Db();
    const calls = [x[Symbol.asyncDispose](), x[Symbol.asyncDispose]()];
    for (const { reason } of await Promise.all(calls.map(outcome))) t.is(reason, error);
    t.is(x.teardowns, 1);
  });

  test(`${storage}: dispose of an instance never awaited runs neither init nor the teardown`, async (t) => {
    const Db = taggedClass(p, { storage, teardown: async () => {} });
    const x = new Db();
    t.is(await x[Symbol.asyncDispose](), undefined);
    t.is(x.inits, 0);
    t.is(x.teardowns, 0);
  });

  test(`${storage}: dispose after a failed init runs no teardown and resolves; awaiting still gives init's error`, async (t) => {
    const error = new Error("no connection");
    const Db = taggedClass(p, {
      storage,
      init: async () => {
        throw error;
      },
      teardown: async () => {},
    });
    const x = new Db();
    t.is((await outcome(x)).reason, error);
    t.is(await x[Symbol.asyncDispose](), undefined);
    t.is(x.teardowns, 0);
    t.is((await outcome(x)).reason, error);
  });

  for (const when of ["never awaited", "ready"]) {
    test(`${storage}: awaiting an instance (${when}) once its dispose was requested rejects with a ReferenceError naming the class`, async (t) => {
      const Db = taggedClass(p, { storage, teardown: async () => {} });
      const x = when === "ready" ? await new Db() : new Db();
      const disposal = x[Symbol.asyncDispose]();
      isDisposedError(t, (await outcome(x)).reason);
      isDisposedError(t, (await outcome(p.ready(x))).reason);
      await disposal;
      isDisposedError(t, (await outcome(x)).reason);
      t.is(x.inits, when === "ready" ? 1 : 0, "init never starts on a disposed instance");
    });
  }

  test(`${storage}: an init that declares a parameter gets an AbortSignal, aborted when dispose is requested before init settles`, async (t) => {
    const started = deferred();
    /** @type {AbortSignal | undefined} */
    let signal;
    const Db = taggedClass(p, {
      storage,
      withSignal: true,
      init: (s) => {
        signal = s;
        return started.promise;
      },
    });
    const x = new Db();
    const waiter = outcome(x);
    await settle();
    t.true(signal instanceof AbortSignal);
    t.false(signal?.aborted);
    const disposal = x[Symbol.asyncDispose]();
    t.true(signal?.aborted);
    started.resolve();
    await disposal;
    isDisposedError(t, (await waiter).reason);
  });

  test(`${storage}: a class without a teardown of its own still waits for a pending init on dispose`, async (t) => {
    const started = deferred();
    let initDone = false;
    const Db = taggedClass(p, {
      storage,
      init: () =>
        started.promise.then(() => {
          initDone = true;
        }),
    });
    const x = new Db();
    x.then(
      () => {},
      () => {},
    );
    const disposal = x[Symbol.asyncDispose]().then(() => initDone);
    started.resolve();
    t.true(await disposal);
  });
}
