// Errors thrown inside init, the teardown and the constructor; source-maps.test.mjs expects
// each at its line here, the one marked THROW <name>.
type Failure = "init" | "init-at-once" | "sync-init" | "teardown" | "constructor";

/** @asyncInit */
class Db {
  constructor(readonly fail: Failure) {
    if (fail === "constructor") throw new Error("constructor fails"); // THROW constructor
  }

  async init() {
    if (this.fail === "init-at-once") throw new Error("fails before any await"); // THROW init-at-once
    await null;
    if (this.fail === "init") throw new Error("fails after an await"); // THROW init
  }

  async [Symbol.asyncDispose]() {
    await null;
    if (this.fail === "teardown") throw new Error("teardown fails"); // THROW teardown
  }
}

/** @asyncInit */
class Sync {
  init(): Promise<void> {
    throw new Error("fails synchronously"); // THROW sync-init
  }
}

/** The first frame of an error's stack: where it was thrown. */
const thrownAt = (error: unknown) => String((error as Error).stack).split("\n").find((line) => line.trim().startsWith("at "))?.trim();

async function main() {
  for (const fail of ["init", "init-at-once", "teardown", "constructor"] as const) {
    try {
      await using db = new Db(fail);
      void db;
    } catch (error) {
      console.log(`${fail}: ${thrownAt(error)}`);
    }
  }
  try {
    await new Sync();
  } catch (error) {
    console.log(`sync-init: ${thrownAt(error)}`);
  }
}

main();
