// The one file of this program that uses the tag.
export const log: string[] = [];

/** @asyncInit */
export class Db {
  constructor(readonly url: string) {}

  async init() {
    log.push(`init ${this.url}`);
  }

  query(sql: string) {
    return `${this.url}: ${sql}`;
  }

  async [Symbol.asyncDispose]() {
    log.push("teardown");
  }
}

export function openDb(url: string): Db {
  return new Db(url);
}

export async function run() {
  await using db = openDb("db://tagged");
  return db.query("select 1");
}
