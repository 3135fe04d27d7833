// Uses tagged classes from another module: plain await, await using,
// for (await using …), and for await (await using …) over an async generator.
import { Cache, Store } from "./rich.js";
import { Db } from "./sync.js";

export async function use() {
  const store = await new Store(1, "db://a");
  await using cache = new Cache(2, "db://b");
  for (await using db of [new Db("db://c")]) void db;
  return store.size + cache.hits;
}

async function* connections() {
  yield new Db("db://d");
}

export async function drain() {
  let n = 0;
  for await (await using db of connections()) n += db.url.length;
  return n;
}
