// Run by rollup.test.mjs in an app folder (node watch-rollup.mjs): Rollup's watch mode
// with the app's rollup.config.mjs; after the first build, removes the tag from
// src/flag.ts, then adds it back, and prints what the bundle said after each build.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { watch } from "rollup";
import config from "./rollup.config.mjs";

const TAGGED = readFileSync("src/flag.ts", "utf8");
const edits = [() => writeFileSync("src/flag.ts", TAGGED.replace("/** @asyncInit */\n", "")), () => writeFileSync("src/flag.ts", TAGGED), null];
const said = [];
const watcher = watch({ ...config, input: "src/flag-main.ts", watch: { buildDelay: 50, skipWrite: false } });
const timer = setTimeout(() => finish("no build within 30 s"), 30_000);
function finish(error) {
  clearTimeout(timer);
  watcher.close();
  console.log(JSON.stringify({ said, error }));
}
watcher.on("event", (event) => {
  if (event.result) event.result.close();
  if (event.code === "ERROR") return finish(String(event.error));
  if (event.code !== "END") return;
  said.push(spawnSync(process.execPath, [config.output.file], { encoding: "utf8" }).stdout.trim());
  const edit = edits.shift();
  // Rollup notices a change by its time stamp: wait a little so that the edit gets a new one.
  if (edit) setTimeout(edit, 200);
  else finish();
});
