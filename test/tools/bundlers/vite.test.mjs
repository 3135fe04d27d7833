// Vite 8 (and vitest 4) with ts-async-init/vite, set up as the README says
// (test/tools/bundlers/helpers.mjs): builds, the dev server, vitest.

import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import test from "ava";
import {
  APP,
  assertInstalled,
  bin,
  checkInstallLine,
  EXPECTED,
  lineOf,
  linkedWorkspace,
  NODE_24,
  plumbingCopies,
  recipe,
  run,
  WORKSPACE_INDEX,
  writeApp,
} from "./helpers.mjs";

test.before(assertInstalled);

const app = (name, files = {}) => writeApp(name, { ...APP, "vite.config.ts": recipe("vite/vite.config.ts"), ...files });
/** `vite build` of src/index.ts for Node.js (an SSR build: Node's modules stay imports), minified, with a source map. */
const build = (dir) => run(bin("vite"), ["build", "--ssr", "src/index.ts", "--minify", "--sourcemap"], { cwd: dir });

test("the README's install lines name the versions tested here", (t) => {
  checkInstallLine(t, "vite/install");
  checkInstallLine(t, "vitest/install");
});

test("vite build: the minified bundle runs on Node 20 (await using lowered), awaits every await using, and holds the plumbing once", (t) => {
  const dir = app("vite");
  const result = build(dir);
  t.is(result.code, 0, result.output);
  t.notRegex(result.output, /ts-async-init|TS46\d\d\d/, "no warning");
  const bundle = readFileSync(join(dir, "dist/index.js"), "utf8");
  t.is(plumbingCopies(bundle), 1, "two modules with tagged classes, one await-only use: one plumbing");
  t.false(bundle.includes("await using"), "Vite's SSR build lowers await using for Node 20");
  const ran = run(process.execPath, ["dist/index.js"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), EXPECTED);
});

test("vite build twice: the second build reads each rewritten module back from the plugin's cacheDir and makes the same bundle; an edit is rewritten anew", (t) => {
  const config = recipe("vite/vite.config.ts").replace("tsAsyncInit()", 'tsAsyncInit({ cacheDir: "cache" })');
  t.not(config, recipe("vite/vite.config.ts"));
  const dir = app("vite-cache", { "vite.config.ts": config });
  const entries = () =>
    Object.fromEntries(
      readdirSync(join(dir, "cache"))
        .filter((name) => name.endsWith(".json"))
        .map((name) => [name, statSync(join(dir, "cache", name)).mtimeMs]),
    );
  // V8's code cache of TypeScript, beside the entries: written by the first build that parses (a file renamed into place: a new inode each time).
  const codeCaches = () => readdirSync(join(dir, "cache", "v8")).map((name) => [name, statSync(join(dir, "cache", "v8", name)).ino]);
  t.is(build(dir).code, 0);
  const bundle = readFileSync(join(dir, "dist/index.js"), "utf8");
  const written = entries();
  t.is(Object.keys(written).length, 2, "an entry for each module that mentions the tag or await using: db.ts, main.ts");
  const codeCache = codeCaches();
  t.is(codeCache.length, 1, "one code cache: one TypeScript, one Node");
  const again = build(dir);
  t.is(again.code, 0, again.output);
  t.is(readFileSync(join(dir, "dist/index.js"), "utf8"), bundle);
  t.deepEqual(entries(), written, "nothing parsed again, nothing written");
  t.is(run(process.execPath, ["dist/index.js"], { cwd: dir }).stdout.trim(), EXPECTED);

  // Removing the tag: the class's module is rewritten anew (its entry replaced), and the bundle shows it.
  writeFileSync(join(dir, "src/db.ts"), APP["src/db.ts"].replaceAll("/** @asyncInit */", "/** not tagged */"));
  t.is(build(dir).code, 0);
  const changed = Object.entries(entries()).filter(([name, mtime]) => written[name] !== mtime);
  t.is(changed.length, 1);
  t.deepEqual(codeCaches(), codeCache, "TypeScript loaded from the code cache, which V8 took: not written again");
  t.true(plumbingCopies(readFileSync(join(dir, "dist/index.js"), "utf8")) === 1);
  t.not(readFileSync(join(dir, "dist/index.js"), "utf8"), bundle);
});

test("vite build: an error thrown inside init maps to its line in the .ts file (node --enable-source-maps)", (t) => {
  const fail = '/** @asyncInit */\nexport class Fails {\n  async init(): Promise<void> {\n    throw new Error("init failed on purpose");\n  }\n}\n';
  const dir = app("vite-map", {
    "src/fail.ts": fail,
    "src/index.ts": `import { Fails } from "./fail";\n\nnew Fails().then(undefined, (error: Error) => console.log(error.stack));\n`,
  });
  const result = build(dir);
  t.is(result.code, 0, result.output);
  const ran = run(process.execPath, ["--enable-source-maps", "dist/index.js"], { cwd: dir });
  t.regex(ran.stdout, /init failed on purpose/);
  const frame = ran.stdout.split("\n").find((line) => line.includes("fail.ts"));
  t.regex(frame ?? ran.stdout, new RegExp(`src/fail\\.ts:${lineOf(fail, "throw new Error")}:\\d+`));
});

test("vite build: error TS46001 fails the build, with the file, line and column; warning TS46003 stays a warning and says where", (t) => {
  const broken = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
  const failed = build(app("vite-error", { "src/db.ts": broken }));
  t.not(failed.code, 0);
  // The column is 0-based, as Rollup's plugin API counts it (the class name starts at 14).
  t.regex(
    failed.output,
    new RegExp(`\\[plugin ts-async-init\\] \\S*src/db\\.ts:${lineOf(broken, "class Broken")}:13\\n.*TS46001: @asyncInit class 'Broken' has no method 'init'`),
  );

  const warned = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport function notAClass(): void {}\n`;
  const dir = app("vite-warning", { "src/db.ts": warned });
  const built = build(dir);
  t.is(built.code, 0, built.output);
  t.regex(
    built.output,
    new RegExp(`\\[plugin ts-async-init\\] \\S*src/db\\.ts:${lineOf(warned, "export function notAClass") - 1}:1: TS46003: @asyncInit only applies to a class`),
  );
  t.is(run(process.execPath, ["dist/index.js"], { cwd: dir }).stdout.trim(), EXPECTED);
});

const FLAG = `/** @asyncInit */
export class Thing {
  ready = false;
  async init(): Promise<void> {
    this.ready = true;
  }
}

export async function check(): Promise<string> {
  const thing = new Thing();
  await thing;
  return \`ready \${thing.ready}\`;
}
`;

test("vite dev server: SSR (ssrLoadModule, the module runner) and the client (a module, a web worker's module) get the rewritten code, and an edit that removes or adds the tag is picked up", (t) => {
  const dir = app("vite-dev", { "src/flag.ts": FLAG, "dev-server.mjs": readFileSync(new URL("dev-server.mjs", import.meta.url), "utf8") });
  // The dev server keeps await using as written: Node 24 runs it.
  const result = run(NODE_24, ["dev-server.mjs"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.deepEqual(JSON.parse(result.stdout), {
    ssrLoadModule: EXPECTED,
    moduleRunner: EXPECTED,
    workerImportsPlumbing: true,
    tagged: { said: "ready true", clientImportsPlumbing: true, plumbingServed: true },
    untagged: { said: "ready false", clientImportsPlumbing: false, plumbingServed: false },
    taggedAgain: { said: "ready true", clientImportsPlumbing: true, plumbingServed: true },
  });
});

// Vite's dev server hands on what a plugin's this.error is given: printed as a string (its restart after an edit
// of vite.config.ts, a framework's log), a plain object read "[object Object]".
const DEV_ERRORS = `import { createServer } from "vite";
import tsAsyncInit from "ts-async-init/vite";

const seen = {};
const cases = [
  ["module", tsAsyncInit(), "/src/bad.ts"],
  ["options", tsAsyncInit({ initMethd: "setup" }), "/src/flag.ts"],
];
for (const [name, plugin, file] of cases) {
  let server;
  try {
    server = await createServer({ configFile: false, plugins: [plugin], appType: "custom", logLevel: "silent", server: { middlewareMode: true } });
    await server.environments.client.transformRequest(file);
    seen[name] = "no error";
  } catch (error) {
    seen[name] = { isError: error instanceof Error, text: String(error).split(". ")[0], code: error.code, plugin: error.plugin, stack: error.stack };
  } finally {
    await server?.close();
  }
}
console.log(JSON.stringify(seen));
// A server that failed to start (the options' error comes from buildStart) leaves its file watcher open.
process.exit(0);
`;

test("vite dev server: the plugin's errors (a module's TS46001, bad options' TS46006) are Errors, which print their message where Vite prints them as strings", (t) => {
  const dir = app("vite-dev-errors", { "src/flag.ts": FLAG, "src/bad.ts": "/** @asyncInit */\nexport class Broken {}\n", "dev-errors.mjs": DEV_ERRORS });
  const result = run(NODE_24, ["dev-errors.mjs"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.deepEqual(JSON.parse(result.stdout), {
    module: { isError: true, text: "Error: TS46001: @asyncInit class 'Broken' has no method 'init'", code: "TS46001", plugin: "ts-async-init", stack: "" },
    options: { isError: true, text: "Error: TS46006: ts-async-init: unknown plugin option 'initMethd'", code: "TS46006", plugin: "ts-async-init", stack: "" },
  });
});

test("vite build: a module imported with a query (./flag?v=1) is rewritten, as the same module without one", (t) => {
  const dir = app("vite-query", { "src/flag.ts": FLAG, "src/query.ts": 'import { check } from "./flag?v=1";\n\ncheck().then(console.log);\n' });
  const result = run(bin("vite"), ["build", "--ssr", "src/query.ts"], { cwd: dir });
  t.is(result.code, 0, result.output);
  const bundle = readFileSync(join(dir, "dist/query.js"), "utf8");
  t.regex(bundle, /flag\.ts\?v=1/, "the module kept its query");
  t.is(plumbingCopies(bundle), 1);
  const ran = run(process.execPath, ["dist/query.js"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), "ready true");
});

test("vitest run: a test of the app, through vitest.config.ts's plugin, sees every await using awaited across modules", (t) => {
  const dir = writeApp("vitest", { ...APP, "vitest.config.ts": recipe("vitest/vitest.config.ts") });
  const result = run(bin("vitest"), ["run"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.regex(result.stdout, /Tests\s+1 passed \(1\)/);
});

test("vitest run: a tagged class in a vi.mock factory (which vitest hoists above the imports) is rewritten and runs", (t) => {
  const mocked = `import { expect, test, vi } from "vitest";
import { check } from "./use-flag";

vi.mock("./flag", () => {
  /** @asyncInit */
  class Thing {
    ready = false;
    async init(): Promise<void> {
      this.ready = true;
    }
  }
  return { Thing };
});

test("the mock's tagged class", async () => {
  expect(await check()).toBe("ready true");
});
`;
  const dir = writeApp("vitest-mock", {
    "vitest.config.ts": recipe("vitest/vitest.config.ts"),
    "src/flag.ts": "export class Thing {\n  ready = false;\n}\n",
    "src/use-flag.ts": FLAG.replace(/\/\*\* @asyncInit \*\/\nexport class Thing \{[\s\S]*?\n\}\n/, 'import { Thing } from "./flag";\n'),
    "src/mock.test.ts": mocked,
  });
  t.true(readFileSync(join(dir, "src/use-flag.ts"), "utf8").startsWith('import { Thing } from "./flag";'));
  const result = run(bin("vitest"), ["run"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.regex(result.stdout, /Tests\s+1 passed \(1\)/);
});

test("vitest run on Node 24: a .cts module, which Vite's dev server runs without stripping types (its Oxc transform takes .ts, .mts and .tsx), gets a rewrite with no types, and runs", (t) => {
  const cts = `import { expect, test } from "vitest";

/** @asyncInit */
class Pool {
  ready = false;
  async init() {
    this.ready = true;
  }
}

test("a tagged class and an await using in a .cts module", async () => {
  const seen = [];
  {
    await using pool = new Pool();
    seen.push(pool.ready);
  }
  expect((await new Pool()).ready).toBe(true);
  expect(seen).toEqual([true]);
});
`;
  const dir = writeApp("vitest-cts", { "vitest.config.ts": recipe("vitest/vitest.config.ts"), "src/pool.test.cts": cts });
  const result = run(NODE_24, [join(dirname(bin("vitest")), "../vitest/vitest.mjs"), "run"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.regex(result.stdout, /Tests\s+1 passed \(1\)/);
});

test("vitest run on Node 24 with experimental.viteModuleRunner: false (Node's own import, no Vite plugin): error TS46011, which names the register hook; with that hook in execArgv, as it says, the tests pass (one the hook rewrites, one it does not); vite build with the same config builds", (t) => {
  const vitest = join(dirname(bin("vitest")), "../vitest/vitest.mjs");
  const config = (extra) =>
    recipe("vitest/vitest.config.ts").replace(
      "plugins: [tsAsyncInit()],",
      `plugins: [tsAsyncInit()],\n  test: { experimental: { viteModuleRunner: false }${extra} },`,
    );
  // Node's own import: `.ts` in specifiers, and types Node can strip.
  const files = {
    "package.json": JSON.stringify({ type: "module" }),
    "src/db.ts": "/** @asyncInit */\nexport class Db {\n  inits = 0;\n  async init(): Promise<void> {\n    this.inits++;\n  }\n}\n",
    "src/db.test.ts":
      'import { expect, test } from "vitest";\nimport { Db } from "./db.ts";\n\ntest("init runs once, on await and on entry", async () => {\n  expect((await new Db()).inits).toBe(1);\n  await using db = new Db();\n  expect(db.inits).toBe(1);\n});\n',
    // Nothing for the hook to rewrite here.
    "src/plain.test.ts": 'import { expect, test } from "vitest";\n\ntest("plain", () => {\n  expect(1 + 1).toBe(2);\n});\n',
  };
  const native = writeApp("vitest-native", { ...files, "vitest.config.ts": config("") });
  t.not(readFileSync(join(native, "vitest.config.ts"), "utf8"), recipe("vitest/vitest.config.ts"));
  const refused = run(NODE_24, [vitest, "run"], { cwd: native });
  t.not(refused.code, 0);
  t.regex(
    refused.output,
    /TS46011: ts-async-init never sees the TypeScript of the modules: vitest's `experimental\.viteModuleRunner: false` runs them with Node\.js's own `import`, which calls no Vite plugin.* Load them through this package's hook, `test: \{ execArgv: \["--require", "ts-async-init\/register"\] \}`/,
  );
  t.notRegex(refused.output, /Tests\s+\d+ passed/);
  // vitest's option is vitest's alone: vite build with the same config file is not concerned.
  const built = run(bin("vite"), ["build", "--ssr", "src/db.ts"], { cwd: native });
  t.is(built.code, 0, built.output);
  const hooked = writeApp("vitest-native-hook", { ...files, "vitest.config.ts": config(', execArgv: ["--require", "ts-async-init/register"]') });
  const result = run(NODE_24, [vitest, "run"], { cwd: hooked });
  t.is(result.code, 0, result.output);
  t.regex(result.stdout, /Tests\s+2 passed \(2\)/);
});

test("vitest run with experimental.fsModuleCache: options from outside the config file's text (an environment variable) are in the cache's key, so other options rewrite the modules again", (t) => {
  const config = recipe("vitest/vitest.config.ts").replace(
    "plugins: [tsAsyncInit()],",
    "plugins: [tsAsyncInit(process.env.INIT_METHOD ? { initMethod: process.env.INIT_METHOD } : {})],\n  test: { experimental: { fsModuleCache: true } },",
  );
  t.not(config, recipe("vitest/vitest.config.ts"));
  const dir = writeApp("vitest-fs-cache", {
    "vitest.config.ts": config,
    "src/db.ts":
      '/** @asyncInit */\nexport class Db {\n  ran = "nothing";\n  async init(): Promise<void> {\n    this.ran = "init";\n  }\n  async setup(): Promise<void> {\n    this.ran = "setup";\n  }\n}\n',
    "src/db.test.ts":
      'import { expect, test } from "vitest";\nimport { Db } from "./db";\n\ntest("the init method of these options", async () => {\n  expect((await new Db()).ran).toBe(process.env.EXPECTED);\n});\n',
  });
  for (const initMethod of ["", "setup", ""]) {
    const result = run(bin("vitest"), ["run"], { cwd: dir, env: { INIT_METHOD: initMethod, EXPECTED: initMethod || "init" } });
    t.is(result.code, 0, `${initMethod || "default"}: ${result.output}`);
    t.regex(result.stdout, /Tests\s+1 passed \(1\)/);
  }
});

test("vite build --app with builder.sharedPlugins: one plugin serves every environment, each rewritten for its own build.target (the WeakMap state below ES2022, the private field at ESNext), and each bundle runs", (t) => {
  const config = `import tsAsyncInit from "ts-async-init/vite";

const server = (outDir, target) => ({ consumer: "server", build: { outDir, target, rolldownOptions: { input: "src/worker.ts" } } });
export default {
  plugins: [tsAsyncInit()],
  builder: { sharedPlugins: true },
  environments: { client: { build: { outDir: "dist/client" } }, legacy: server("dist/legacy", "es2019"), edge: server("dist/edge", "esnext") },
};
`;
  const dir = writeApp("vite-shared-plugins", {
    "vite.config.mjs": config,
    "index.html": '<script type="module" src="/src/worker.ts"></script>\n',
    "src/worker.ts": `${FLAG}\ncheck().then(console.log);\n`,
  });
  const result = run(bin("vite"), ["build", "--app"], { cwd: dir });
  t.is(result.code, 0, result.output);
  const bundle = (name) => readFileSync(join(dir, `dist/${name}/worker.js`), "utf8");
  // Below ES2022 the plugin keeps the state in the plumbing's WeakMap: a private field there would be lowered by Rolldown.
  t.false(/#asyncInit|_classPrivateField/.test(bundle("legacy")), "ES2019: no private field, as written or lowered");
  t.true(bundle("edge").includes("#asyncInit"), "ESNext: the private field");
  for (const name of ["legacy", "edge"]) t.is(run(NODE_24, [`dist/${name}/worker.js`], { cwd: dir }).stdout.trim(), "ready true", name);
});

test("vitest run with pool vmThreads (a realm without Symbol.asyncDispose on Node 20): fails as the README says, and passes with the Jest section's setup file", (t) => {
  const config = (setup) =>
    recipe("vitest/vitest.config.ts").replace(
      "plugins: [tsAsyncInit()],",
      `plugins: [tsAsyncInit()],\n  test: { pool: "vmThreads"${setup ? ', setupFiles: ["./vitest.setup.ts"]' : ""} },`,
    );
  const bare = run(bin("vitest"), ["run"], { cwd: writeApp("vitest-vm", { ...APP, "vitest.config.ts": config(false) }) });
  t.not(bare.code, 0);
  t.regex(bare.output, /TypeError: Object is not disposable/);
  const dir = writeApp("vitest-vm-setup", { ...APP, "vitest.config.ts": config(true), "vitest.setup.ts": recipe("jest/jest.setup.js") });
  const result = run(bin("vitest"), ["run"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.regex(result.stdout, /Tests\s+1 passed \(1\)/);
});

test("vitest run: error TS46001 in a module the test imports fails the test file, and says which module, line and column", (t) => {
  const broken = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
  const dir = writeApp("vitest-error", { ...APP, "src/db.ts": broken, "vitest.config.ts": recipe("vitest/vitest.config.ts") });
  const result = run(bin("vitest"), ["run"], { cwd: dir });
  t.not(result.code, 0);
  t.regex(result.output, new RegExp(`\\S*src/db\\.ts:${lineOf(broken, "class Broken")}:14: TS46001: @asyncInit class 'Broken' has no method 'init'`));
});

test("vite build with build.target es2020: the plugin reads it, and instances keep their state in the WeakMap (no private field for Vite to lower)", (t) => {
  const config = recipe("vite/vite.config.ts").replace("plugins: [tsAsyncInit()],", `plugins: [tsAsyncInit()],\n  build: { target: "es2020" },`);
  const dir = writeApp("vite-es2020", { ...APP, "vite.config.ts": config });
  const result = run(bin("vite"), ["build", "--ssr", "src/index.ts"], { cwd: dir });
  t.is(result.code, 0, result.output);
  const bundle = readFileSync(join(dir, "dist/index.js"), "utf8");
  t.false(bundle.includes("#asyncInit"));
  t.false(/classPrivateField/.test(bundle), "no helper for a private field");
  t.is(run(process.execPath, ["dist/index.js"], { cwd: dir }).stdout.trim(), EXPECTED);
});

test("vite build with build.target es2020 (Vite lowers class fields, and moves computed keys out before the class): an anonymous tagged class expression keeps the name it takes from its place", (t) => {
  const config = recipe("vite/vite.config.ts").replace("plugins: [tsAsyncInit()],", `plugins: [tsAsyncInit()],\n  build: { target: "es2020" },`);
  const index = `export const Tagged = /** @asyncInit */ class {
  v = 1;
  async init(): Promise<void> {}
};
export const holder = { Prop: /** @asyncInit */ class { v = 2; async init(): Promise<void> {} } };
const ready = await new Tagged();
console.log(Tagged.name, ready.constructor.name, holder.Prop.name, ready.v);
`;
  // Also where the plugin's own target option says it, in any of its spellings (ES6 is ES2015).
  const withOption = config.replace("plugins: [tsAsyncInit()],", 'plugins: [tsAsyncInit({ target: "ES6" })],').replace('target: "es2020"', 'target: "es2015"');
  t.not(withOption, config);
  for (const [name, viteConfig] of [
    ["vite-es2020-names", config],
    ["vite-es6-option-names", withOption],
  ]) {
    const dir = writeApp(name, { "src/index.ts": index, "vite.config.ts": viteConfig });
    const result = run(bin("vite"), ["build", "--ssr", "src/index.ts"], { cwd: dir });
    t.is(result.code, 0, result.output);
    t.is(run(process.execPath, ["dist/index.js"], { cwd: dir }).stdout, "Tagged Tagged Prop 1\n", name);
  }
});

test("vite build of a page with a web worker: the README's worker.plugins rewrites the worker's modules too", (t) => {
  const dir = app("vite-worker", {
    "index.html": '<!doctype html>\n<script type="module" src="/src/page.ts"></script>\n',
    "src/flag.ts": "/** @asyncInit */\nexport class Thing {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n",
    "src/worker.ts": 'import { Thing } from "./flag";\n\n(async () => {\n  const thing = await new Thing();\n  postMessage("ready " + thing.ready);\n})();\n',
    "src/page.ts": 'new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });\n',
  });
  t.true(recipe("vite/vite.config.ts").includes("worker: { plugins: () => [tsAsyncInit()] }"));
  const result = run(bin("vite"), ["build"], { cwd: dir });
  t.is(result.code, 0, result.output);
  const worker = readdirSync(join(dir, "dist/assets")).find((name) => name.startsWith("worker")) ?? "";
  t.not(worker, "", "a worker chunk");
  const code = readFileSync(join(dir, "dist/assets", worker), "utf8");
  t.is(plumbingCopies(code), 1);
  // The chunk as a worker runs it, with postMessage printing what it is handed.
  writeFileSync(
    join(dir, "run-worker.cjs"),
    `globalThis.postMessage = (message) => console.log(message);\nrequire("node:vm").runInThisContext(require("node:fs").readFileSync(${JSON.stringify(join(dir, "dist/assets", worker))}, "utf8"));\n`,
  );
  const ran = run(process.execPath, ["run-worker.cjs"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), "ready true");
});

test("vite build --ssr with output.preserveModules: the modules keep their layout (the plumbing's virtual module is no file, and goes to _virtual/), and the output runs", (t) => {
  const config = recipe("vite/vite.config.ts").replace(
    "plugins: [tsAsyncInit()],",
    "plugins: [tsAsyncInit()],\n  build: { rollupOptions: { output: { preserveModules: true } } },",
  );
  t.not(config, recipe("vite/vite.config.ts"));
  const dir = app("vite-preserve-modules", { "vite.config.ts": config });
  const result = build(dir);
  t.is(result.code, 0, result.output);
  const written = readdirSync(join(dir, "dist"), { recursive: true }).map(String);
  t.true(written.includes("index.js"), written.join(", "));
  t.false(
    written.some((file) => file.includes(dir.split("/")[1])),
    `no file under the project's absolute path: ${written.join(", ")}`,
  );
  const ran = run(process.execPath, ["dist/index.js"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), EXPECTED);
});

test("vite build with build.target esnext: a module's top-level await using becomes a var, with or without the plugin (the README's warning); in a block it is awaited and disposed", (t) => {
  const main = `/** @asyncInit */
class Db {
  async init(): Promise<void> {
    console.log("init");
  }
  async [Symbol.asyncDispose](): Promise<void> {
    console.log("disposed");
  }
}
await using top = new Db();
{
  await using inner = new Db();
  console.log("block");
}
console.log("end", typeof top);
`;
  const config = recipe("vite/vite.config.ts").replace("plugins: [tsAsyncInit()],", `plugins: [tsAsyncInit()],\n  build: { target: "esnext", minify: false },`);
  const dir = writeApp("vite-esnext-top-level", { "src/main.ts": main, "vite.config.ts": config });
  const result = run(bin("vite"), ["build", "--ssr", "src/main.ts"], { cwd: dir });
  t.is(result.code, 0, result.output);
  const bundle = readFileSync(join(dir, "dist/main.js"), "utf8");
  t.regex(bundle, /\bvar top = /);
  t.regex(bundle, /await using inner = /);
  // The top-level instance is awaited (its init runs) and never disposed; the block's: init, the body, its dispose.
  t.is(run(NODE_24, ["dist/main.js"], { cwd: dir }).stdout.trim(), "init\ninit\nblock\ndisposed\nend object");
});

test("vite build with the plugin twice (a vitest config that merges a Vite config, each with tsAsyncInit()): the second leaves rewritten modules alone, and the bundle runs", (t) => {
  const config = recipe("vite/vite.config.ts").replace("plugins: [tsAsyncInit()],", "plugins: [tsAsyncInit(), [tsAsyncInit()]],");
  t.not(config, recipe("vite/vite.config.ts"));
  const dir = app("vite-twice", { "vite.config.ts": config });
  const result = build(dir);
  t.is(result.code, 0, result.output);
  t.notRegex(result.output, /TS460/);
  const bundle = readFileSync(join(dir, "dist/index.js"), "utf8");
  t.is(plumbingCopies(bundle), 1);
  t.is(run(process.execPath, ["dist/index.js"], { cwd: dir }).stdout.trim(), EXPECTED);
});

test('vite build with a stripper whose transform runs first (a "pre" plugin listed before tsAsyncInit(), as unplugin-swc or @vitejs/plugin-react-swc with swc plugins; a transform of order "pre"): error TS46011 says to put tsAsyncInit() first, nothing is built (before: a bundle whose init never ran); listed after it, the bundle runs', (t) => {
  const config = recipe("vite/vite.config.ts");
  const withStripper = (plugins) =>
    config.replace("plugins: [tsAsyncInit()],", `plugins: ${plugins},`).replace(/^/, 'import esbuild from "rollup-plugin-esbuild";\n');
  for (const plugins of [
    '[{ ...esbuild({ target: "es2020" }), enforce: "pre" }, tsAsyncInit()]',
    '[tsAsyncInit(), { ...esbuild({ target: "es2020" }), enforce: "pre", transform: { order: "pre", handler: esbuild({ target: "es2020" }).transform } }]',
  ]) {
    t.not(withStripper(plugins), config);
    const dir = app("vite-stripper-first", { "vite.config.ts": withStripper(plugins) });
    const result = build(dir);
    t.not(result.code, 0, plugins);
    t.regex(
      result.output,
      /TS46011: ts-async-init never sees the TypeScript of the modules: the plugin 'esbuild' compiles them to JavaScript first.* Put tsAsyncInit\(\) before it in plugins\./,
      plugins,
    );
    t.notRegex(result.output, /\n\s+at /, "no stack");
    t.false(statSync(join(dir, "dist"), { throwIfNoEntry: false })?.isDirectory() ?? false, plugins);
  }
  // After it, or named so but with no transform or load (nothing it could compile), it builds.
  const after = app("vite-stripper-after", {
    "vite.config.ts": withStripper(
      '[{ name: "swc", enforce: "pre", resolveId: () => null }, tsAsyncInit(), { ...esbuild({ target: "es2020" }), enforce: "pre" }]',
    ),
  });
  const result = build(after);
  t.is(result.code, 0, result.output);
  t.is(run(process.execPath, ["dist/index.js"], { cwd: after }).stdout.trim(), EXPECTED);
});

/**
 * A script that starts Vite's dev server with `plugin` (middleware mode, the workspace package
 * `@my/lib` pre-bundled), loads the pre-bundled module and runs it: prints `print(Db)`'s result.
 */
const optimizedDepsScript = (plugin, print) => `import { createServer } from "vite";
import tsAsyncInit from "ts-async-init/vite";

const server = await createServer({
  configFile: false,
  logLevel: "error",
  cacheDir: "node_modules/.vite",
  plugins: [${plugin}],
  server: { middlewareMode: true, ws: false },
  optimizeDeps: { include: ["@my/lib"], entries: ["src/index.ts"] },
});
try {
  const entry = await server.transformRequest("/src/index.ts");
  const url = entry.code.match(/from\\s+"([^"]*my_lib[^"]*)"/)[1];
  await server.transformRequest(url);
  // The pre-bundled module itself, run: the tagged class's init runs on await.
  const path = url.replace(/\\?.*$/, "");
  const { Db } = await import(new URL("." + path, import.meta.url).href);
  console.log(${print});
} finally {
  await server.close();
}
`;

test("vite dev server: a linked workspace package of TypeScript sources that optimizeDeps pre-bundles is rewritten there too, as vite build rewrites it", (t) => {
  const dev = optimizedDepsScript("tsAsyncInit()", "path, (await new Db()).ready");
  const dir = linkedWorkspace("vite-optimize-deps", {
    "app/src/index.ts": `import { Db } from "@my/lib";\n\nconsole.log((await new Db()).ready);\n`,
    "app/dev.mjs": dev,
  });
  const result = run(NODE_24, ["dev.mjs"], { cwd: join(dir, "app") });
  t.is(result.code, 0, result.output);
  t.is(result.stdout.trim(), "/node_modules/.vite/deps/@my_lib.js true");
});

test("vite dev server, SSR: a linked workspace package that ssr.optimizeDeps pre-bundles (as vitest's deps.optimizer.ssr does) is rewritten there too", (t) => {
  const dev = `import { readFileSync } from "node:fs";
import { createServer } from "vite";
import tsAsyncInit from "ts-async-init/vite";

const server = await createServer({
  configFile: false,
  logLevel: "error",
  cacheDir: "node_modules/.vite",
  plugins: [tsAsyncInit()],
  server: { middlewareMode: true, ws: false },
  ssr: { noExternal: ["@my/lib"], optimizeDeps: { include: ["@my/lib"] } },
});
try {
  const { Db } = await server.ssrLoadModule("@my/lib");
  const bundled = readFileSync("node_modules/.vite/deps_ssr/@my_lib.js", "utf8");
  console.log((await new Db()).ready, bundled.includes("ts-async-init: awaiting the instance runs init()"));
} finally {
  await server.close();
}
`;
  const dir = linkedWorkspace("vite-ssr-optimize-deps", { "app/dev.mjs": dev });
  const result = run(NODE_24, ["dev.mjs"], { cwd: join(dir, "app") });
  t.is(result.code, 0, result.output);
  t.is(result.stdout.trim(), "true true", "pre-bundled for SSR, and rewritten");
});

test("vite dev server: other plugin options pre-bundle the linked workspace package again (Vite hashes the optimizer's plugins by name only)", (t) => {
  const dev = optimizedDepsScript("tsAsyncInit({ initMethod: process.argv[2] })", "(await new Db()).ran");
  const dir = linkedWorkspace("vite-optimize-deps-options", {
    "packages/lib/src/index.ts": `/** @asyncInit */
export class Db {
  ran = "nothing";
  async init(): Promise<void> {
    this.ran = "init";
  }
  async setup(): Promise<void> {
    this.ran = "setup";
  }
}
`,
    "app/src/index.ts": `import { Db } from "@my/lib";\n\nconsole.log((await new Db()).ran);\n`,
    "app/dev.mjs": dev,
  });
  const app = join(dir, "app");
  for (const initMethod of ["init", "setup", "init"]) {
    const result = run(NODE_24, ["dev.mjs", initMethod], { cwd: app });
    t.is(result.code, 0, result.output);
    t.is(result.stdout.trim(), initMethod, "the pre-bundled package runs the init method of these options");
  }
});

test("vite build with resolve.preserveSymlinks: a linked workspace package's TypeScript, whose id is then under node_modules, is rewritten", (t) => {
  const config = recipe("vite/vite.config.ts").replace("plugins: [", "resolve: { preserveSymlinks: true },\n  plugins: [");
  t.true(config.includes("preserveSymlinks"));
  const dir = linkedWorkspace("vite-preserve-symlinks", { "app/src/index.ts": WORKSPACE_INDEX, "app/vite.config.ts": config });
  const built = run(bin("vite"), ["build", "--ssr", "src/index.ts"], { cwd: join(dir, "app") });
  t.is(built.code, 0, built.output);
  t.regex(readFileSync(join(dir, "app/dist/index.js"), "utf8"), /node_modules\/@my\/lib\/src\/index\.ts/, "the module is known by its link");
  const ran = run(process.execPath, ["dist/index.js"], { cwd: join(dir, "app") });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), "ready true");
});

test("vitest test.projects: a project takes the root config's plugin with extends: true, as the README says; without it, the class runs as written", (t) => {
  const config = (extendsRoot) => `import { defineConfig } from "vitest/config";
import tsAsyncInit from "ts-async-init/vite";

export default defineConfig({
  plugins: [tsAsyncInit()],
  test: { projects: [{ ${extendsRoot ? "extends: true, " : ""}test: { name: "a", include: ["a/**/*.test.ts"] } }] },
});
`;
  const files = {
    "a/db.ts": "/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n",
    "a/db.test.ts":
      'import { expect, test } from "vitest";\nimport { Db } from "./db";\n\ntest("ready", async () => {\n  expect((await new Db()).ready).toBe(true);\n});\n',
  };
  const extended = run(bin("vitest"), ["run"], { cwd: writeApp("vitest-projects", { ...files, "vitest.config.ts": config(true) }) });
  t.is(extended.code, 0, extended.output);
  const alone = run(bin("vitest"), ["run"], { cwd: writeApp("vitest-projects-alone", { ...files, "vitest.config.ts": config(false) }) });
  t.not(alone.code, 0);
  t.regex(alone.output, /expected false to be true/);
});
