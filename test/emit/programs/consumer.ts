// Uses tagged classes from another module: plain await, await using, for await using.
import { Cache, Store } from "./rich.js";
import { Db } from "./sync.js";

export async function use() {
  const store = await new Store(1, "db://a");
  await using cache = new Cache(2, "db://b");
  for (await using db of [new Db("db://c")]) void db;
  return store.size + cache.hits;
}
