// Imports a tagged class and uses it without awaiting it or `await using` it:
// constructs it, calls its methods, extends it, passes it on.
import { Db, openDb } from "./tagged.js";

export class ReadOnlyDb extends Db {
  query(sql: string) {
    return super.query(`/* read-only */ ${sql}`);
  }
}

export function describe(db: Db) {
  return db.query("select 1");
}

export async function later(url: string) {
  const db = openDb(url);
  await Promise.resolve();
  return [db, new ReadOnlyDb(url)];
}
