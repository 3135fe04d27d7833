// Run by vite.test.mjs in an app folder (node dev-server.mjs): starts Vite's dev
// server with the app's vite.config.ts, loads modules through SSR (ssrLoadModule and
// the module runner) and the client pipeline (a module and a web worker's module), edits src/flag.ts (removing the tag,
// then adding it back), and prints what each step saw as JSON.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, createServerModuleRunner } from "vite";

const TAGGED = readFileSync("src/flag.ts", "utf8");
const UNTAGGED = TAGGED.replace("/** @asyncInit */\n", "");
const seen = {};

const server = await createServer({ configFile: "vite.config.ts", appType: "custom", logLevel: "silent", server: { middlewareMode: true } });
try {
  seen.ssrLoadModule = await (await server.ssrLoadModule("/src/main.ts")).main();
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  seen.moduleRunner = await (await runner.import("/src/main.ts")).main();
  await runner.close();

  /** Loads flag.ts again until `check()` says `expected` (the watcher sees an edit a little later), for up to 10 s. */
  const until = async (expected) => {
    const deadline = Date.now() + 10_000;
    let said;
    do {
      said = await (await server.ssrLoadModule("/src/flag.ts")).check();
      if (said === expected) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    const client = await server.transformRequest("/src/flag.ts");
    // The URL the browser would fetch the plumbing from, and what the server answers there (its
    // middleware turns Vite's `/@id/__x00__…` URL of a virtual module back into the id first).
    const url = /from\s*["']([^"']*ts-async-init\/plumbing[^"']*)["']/.exec(client.code)?.[1];
    const id = url?.startsWith("/@id/") ? url.slice("/@id/".length).replace("__x00__", "\0") : url;
    const served = id ? await server.transformRequest(id) : null;
    return { said, clientImportsPlumbing: url !== undefined, plumbingServed: served?.code.includes("export const plumbing") ?? false };
  };
  // A web worker's module, as the page's `new Worker(new URL("./flag.ts", import.meta.url))` asks for it.
  const worker = await server.transformRequest("/src/flag.ts?worker_file&type=module");
  seen.workerImportsPlumbing = /from\s*["'][^"']*ts-async-init\/plumbing/.test(worker?.code ?? "");
  seen.tagged = await until("ready true");
  writeFileSync("src/flag.ts", UNTAGGED);
  seen.untagged = await until("ready false");
  writeFileSync("src/flag.ts", TAGGED);
  seen.taggedAgain = await until("ready true");
} finally {
  await server.close();
}
console.log(JSON.stringify(seen));
