import { Cache, Db, log, openDb } from "./db";

/** @asyncInit */
class Local {
  async init(): Promise<void> {
    log.push("init local");
  }
}

/** Runs every form once and returns what happened, in order. */
export async function main(): Promise<string> {
  const a = await new Db("a");
  log.push(`a.then ${typeof (a as { then?: unknown }).then}`);
  {
    await using cache = new Cache();
    await using local = new Local();
    await using b = openDb("b");
    log.push(`body ${cache.ready} ${b.name} ${local instanceof Local}`);
  }
  for (await using c of [new Db("c1"), new Db("c2")]) log.push(`loop ${c.name}`);
  return log.join(", ");
}
