// `await using` in a module that is only loaded, not run: below ESNext it is lowered to
// TypeScript's helpers, which look the symbol up only when used.
import { Db } from "./main.js";
export async function useDb() {
  await using db = new Db("c");
  return db.url;
}
