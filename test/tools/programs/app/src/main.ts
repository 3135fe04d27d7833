import { Cache, log, Db, openDb } from "./db";

/** @asyncInit */
class Local {
  async init() { log.push("init local"); }
}

export async function main(): Promise<string> {
  const a = await new Db("a");
  log.push(`a.then ${typeof (a as { then?: unknown }).then}`);
  {
    await using cache = new Cache();
    await using local = new Local();
    await using b = openDb("b");
    log.push(`body ${cache.ready} ${b.name}`);
  }
  return log.join(", ");
}
