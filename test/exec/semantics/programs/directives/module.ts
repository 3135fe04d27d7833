// Copyright header: stays the first line.
"use client";
"use server";
import { readFileSync } from "node:fs";

/** @asyncInit */
export class Db {
  ready = false;
  async init() { this.ready = true; }
}

async function main() {
  const text = readFileSync(process.argv[1], "utf8");
  const prologue = "// Copyright header: stays the first line." + "\n\"use client\";\n\"use server\";\n";
  // TypeScript's CommonJS output puts its own "use strict" first.
  console.log("starts with the header and the directives: " + text.replace(/^"use strict";\n/, "").startsWith(prologue));
  const db = await new Db();
  console.log("ready: " + db.ready);
}
main();
