// The editor: tsserver with `{ "name": "ts-async-init" }` in the project's
// tsconfig shows no TS2851 for `await using` of a rewritten class, and shows
// this transformer's own diagnostics as the user types. Driven through
// tsserver's own protocol, as VS Code drives it.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { BASE_OPTIONS, removeProjects, writeProject } from "./helpers/projects.mjs";
import { brief, locate, startServer } from "./helpers/tsserver.mjs";

test.after.always(removeProjects);

const SOURCE = `/** @asyncInit */
export class Db {
  async init() {}
  query(): number { return 1; }
}
/** @asyncInit */
class MissingInit { async start() {} }
/** @asyncInit */
class OwnThen { async init() {} then() {} }
/** @asyncInit */
function notAClass() {}
/** @asyncInit 9lives */
class BadName { async init() {} }
/** @asyncInit */
class PropertyTeardown { async init() {} [Symbol.asyncDispose] = async () => {}; }
/** @asyncInit */
class ReturnsItself { async init() { return this; } }
class Plain {}
export async function main() {
  await using db = new Db();
  const ready = await new Db();
  db.query(); ready.query();
  await using plain = new Plain();
  const wrong: string = 1;
}
`;

const at = (marker, shift = 0) => {
  const { line, offset } = locate(SOURCE, marker, shift);
  return `${line}:${offset}`;
};

/** What plain TypeScript says about SOURCE. */
const CHECKER = [`${at("new Db();")} TS2851 error`, `${at("new Plain()")} TS2851 error`, `${at("wrong")} TS2322 error`];
/** What this plugin says about SOURCE (one of each of its checks), where tspc says it. */
const OWN = [
  `${at("MissingInit")} TS46001 error`,
  `${at("then()")} TS46002 error`,
  `${at("/** @asyncInit */\nfunction")} TS46003 warning`,
  `${at("9lives")} TS46004 error`,
  `${at("[Symbol.asyncDispose] =")} TS46005 error`,
  `${at("return this")} TS46007 error`,
];

/** Opens SOURCE in a fresh project under tsserver; `plugins` go into its tsconfig. */
async function openProject(t, plugins) {
  const dir = writeProject({ "main.ts": SOURCE }, { plugins });
  const server = startServer(dir);
  t.teardown(() => server.stop());
  const file = join(dir, "main.ts");
  server.notify("open", { file, projectRootPath: dir });
  return { dir, file, server };
}

const sorted = (list) => [...list].sort();

async function semantic(server, file) {
  const response = await server.request("semanticDiagnosticsSync", { file });
  if (!response.success) throw new Error(response.message);
  return response.body.map(brief);
}

test("without the plugin, tsserver shows TS2851 on await using of a tagged class (the control)", async (t) => {
  const { server, file } = await openProject(t, undefined);
  t.deepEqual(sorted(await semantic(server, file)), sorted(CHECKER));
});

test("with the plugin, the untrue TS2851 is gone, the others stay, and the plugin's own diagnostics show", async (t) => {
  const { server, file } = await openProject(t, [{ name: "ts-async-init" }]);
  t.deepEqual(sorted(await semantic(server, file)), sorted([...CHECKER.slice(1), ...OWN]));
  const texts = (await server.request("semanticDiagnosticsSync", { file })).body.filter((d) => d.code === 46001).map((d) => d.text);
  t.deepEqual(texts, [
    "@asyncInit class 'MissingInit' has no method 'init'. Declare 'async init() { … }', or name the init method in the tag: '@asyncInit start'.",
  ]);
});

test("the plugin entry of tspc users (transform and name together) loads in tsserver too", async (t) => {
  const { server, file } = await openProject(t, [{ transform: "ts-async-init", transformProgram: true }, { name: "ts-async-init" }]);
  t.deepEqual(sorted(await semantic(server, file)), sorted([...CHECKER.slice(1), ...OWN]));
});

test("the diagnostics an editor asks for in the background (geterr) say the same", async (t) => {
  const { server, file } = await openProject(t, [{ name: "ts-async-init" }]);
  server.notify("geterr", { files: [file], delay: 0 });
  const event = await server.waitForEvent((e) => e.event === "semanticDiag" && e.body.file === file);
  t.deepEqual(sorted(event.body.diagnostics.map(brief)), sorted([...CHECKER.slice(1), ...OWN]));
});

test("the quick check of visible lines (regionSemanticDiag) has no untrue TS2851 either, and has the plugin's own diagnostics of those lines", async (t) => {
  // tsserver checks visible lines first only in files longer than 500 lines.
  const long = `${SOURCE}${"// more lines\n".repeat(600)}`;
  const dir = writeProject({ "main.ts": long }, { plugins: [{ name: "ts-async-init" }] });
  const server = startServer(dir);
  t.teardown(() => server.stop());
  const file = join(dir, "main.ts");
  server.notify("open", { file, projectRootPath: dir });
  const start = locate(SOURCE, "export async function main");
  const end = locate(SOURCE, "const wrong");
  const ownThen = locate(SOURCE, "class OwnThen");
  const seq = server.notify("geterr", {
    files: [
      {
        file,
        ranges: [
          { startLine: ownThen.line, startOffset: 1, endLine: ownThen.line, endOffset: SOURCE.split("\n")[ownThen.line - 1].length + 1 },
          { startLine: start.line, startOffset: 1, endLine: end.line + 1, endOffset: 1 },
        ],
      },
    ],
    delay: 0,
  });
  await server.waitForEvent((e) => e.event === "requestCompleted" && e.body.request_seq === seq);
  const region = server.events().find((e) => e.event === "regionSemanticDiag" && e.body.file === file);
  t.truthy(region, "tsserver sent the region check");
  // TS46002 is on OwnThen's line; the plugin's other diagnostics are on lines outside the ranges.
  t.deepEqual(sorted(region.body.diagnostics.map(brief)), sorted([...CHECKER.slice(1), `${at("then()")} TS46002 error`]));
  const full = server.events().find((e) => e.event === "semanticDiag" && e.body.file === file);
  t.deepEqual(sorted(full.body.diagnostics.map(brief)), sorted([...CHECKER.slice(1), ...OWN]));
});

test("no 'await has no effect' suggestion (whose quick fix would delete the await that runs init)", async (t) => {
  const without = await openProject(t, undefined);
  const suggestions = (project) => project.server.request("suggestionDiagnosticsSync", { file: project.file });
  const control = (await suggestions(without)).body.map(brief);
  t.true(control.includes(`${at("await new Db()")} TS80007 suggestion`), "the control: TypeScript suggests it without the plugin");

  const withPlugin = await openProject(t, [{ name: "ts-async-init" }]);
  const shown = (await suggestions(withPlugin)).body.map(brief);
  t.false(shown.some((d) => d.includes("TS80007")));
  t.deepEqual(
    shown,
    control.filter((d) => !d.includes("TS80007")),
  );
});

/** The edits of a fix of all of a kind (`fixId`) in `source`, opened in a fresh project of `setup` under tsserver. */
async function combinedFixEdits(t, source, setup, fixId) {
  const dir = writeProject({ "main.ts": source }, setup);
  const server = startServer(dir);
  t.teardown(() => server.stop());
  const file = join(dir, "main.ts");
  server.notify("open", { file, projectRootPath: dir });
  const response = await server.request("getCombinedCodeFix", { scope: { type: "file", args: { file } }, fixId });
  t.true(response.success, response.message);
  return response.body.changes.flatMap((change) => change.textChanges);
}

test("a fix of all unnecessary awaits (offered on another await that has no effect) leaves the await that runs init", async (t) => {
  const source = `/** @asyncInit */\nclass Db { async init() {} }\nexport async function f() {\n  const n = await 5;\n  const db = await new Db();\n  return [n, db];\n}\nexport async function g() {\n  const unused = await new Db();\n}\n`;
  const fixAll = async (plugins, fixId = "removeUnnecessaryAwait") =>
    (await combinedFixEdits(t, source, { plugins }, fixId)).map((edit) => `${edit.start.line}:${edit.start.offset}`);
  t.deepEqual(sorted(await fixAll(undefined)), ["4:13", "5:14", "9:18"], "the control: every await goes without the plugin");
  t.deepEqual(await fixAll([{ name: "ts-async-init" }]), ["4:13"]);
  // Another fix of all of a kind is TypeScript's own: the unused declaration of a tagged instance goes, as without the plugin.
  const deleted = await fixAll(undefined, "unusedIdentifier_delete");
  t.true(deleted.length > 0);
  t.deepEqual(await fixAll([{ name: "ts-async-init" }], "unusedIdentifier_delete"), deleted);
});

test("a fix of all unused declarations (offered on another one, or run as VS Code's 'Remove unused') leaves a private async init, which the generated then calls; the others go, as without the plugin", async (t) => {
  const source = `/** @asyncInit */\nexport class Db {\n  private unusedField = 1;\n  private async init(): Promise<void> {\n    console.log("init");\n  }\n  ping(): void {}\n}\nfunction helper(): void {}\n`;
  const fixAll = async (plugins, compilerOptions) =>
    (await combinedFixEdits(t, source, { plugins, compilerOptions }, "unusedIdentifier_delete")).map((edit) => `${edit.start.line}-${edit.end.line}`);
  for (const compilerOptions of [{ noUnusedLocals: true }, {}]) {
    const control = await fixAll(undefined, compilerOptions);
    t.true(
      control.some((edit) => edit.startsWith("4-")),
      `the control: without the plugin, the fix deletes init (${JSON.stringify(compilerOptions)}): ${control}`,
    );
    const kept = control.filter((edit) => !edit.startsWith("4-"));
    t.true(kept.length > 0, "it deletes the unused field or function");
    t.deepEqual(sorted(await fixAll([{ name: "ts-async-init" }], compilerOptions)), sorted(kept), JSON.stringify(compilerOptions));
  }
});

test("completions on an instance of a tagged class are the class's members, without a then", async (t) => {
  const { server, file } = await openProject(t, [{ name: "ts-async-init" }]);
  for (const marker of ["db.query", "ready.query"]) {
    const { line, offset } = locate(SOURCE, marker, marker.indexOf(".") + 1);
    const response = await server.request("completionInfo", { file, line, offset });
    t.true(response.success, response.message);
    const names = response.body.entries.map((e) => e.name);
    t.true(names.includes("query"), marker);
    t.true(names.includes("init"), marker);
    t.false(names.includes("then"), marker);
  }
});

test("the plugin's diagnostics follow the text as the user types", async (t) => {
  const { server, file } = await openProject(t, [{ name: "ts-async-init" }]);
  t.true((await semantic(server, file)).includes(`${at("MissingInit")} TS46001 error`));

  // Rename `start` to `init`: the class is now right, and its error goes.
  const start = locate(SOURCE, "start()");
  server.notify("change", {
    file,
    line: start.line,
    offset: start.offset,
    endLine: start.line,
    endOffset: start.offset + "start".length,
    insertString: "init",
  });
  const fixed = await semantic(server, file);
  t.false(fixed.some((d) => d.includes("TS46001")));

  // Type a new tagged class without init at the end, and use it with await using: 46001 appears; its TS2851 stays, since it is emitted as written.
  const lines = SOURCE.split("\n").length;
  const added = "/** @asyncInit */\nclass Fresh {}\nasync function useFresh() { await using f = new Fresh(); }\n";
  server.notify("change", { file, line: lines, offset: 1, endLine: lines, endOffset: 1, insertString: added });
  const typed = await semantic(server, file);
  t.true(typed.includes(`${lines + 1}:7 TS46001 error`));
  t.true(typed.includes(`${lines + 2}:${added.split("\n")[2].indexOf("new Fresh") + 1} TS2851 error`));
});

test("a bad or unknown option of the plugin's entry is TS46006 on tsconfig.json, at its place (configFileDiag, as editors show it)", async (t) => {
  const { dir, server, file } = await openProject(t, [{ name: "ts-async-init", initMethd: "setup", stateField: "no" }]);
  await semantic(server, file); // the program is made
  const event = await server.waitForEvent((e) => e.event === "configFileDiag" && e.body.diagnostics.some((d) => d.code === 46006));
  t.is(event.body.configFile, join(dir, "tsconfig.json"));
  const config = readFileSync(join(dir, "tsconfig.json"), "utf8");
  const place = (text) => {
    const { line, offset } = locate(config, text);
    return `${line}:${offset}`;
  };
  t.deepEqual(
    sorted(event.body.diagnostics.filter((d) => d.code === 46006).map((d) => `${d.start.line}:${d.start.offset} ${d.category} ${d.text}`)),
    sorted([
      `${place('"initMethd"')} error ts-async-init: unknown plugin option 'initMethd'. The plugin's options are 'initMethod' and 'stateField'.`,
      `${place('"no"')} error ts-async-init: plugin option 'stateField' is "no"; it must be true or false.`,
    ]),
  );
});

test("the editor takes an option that its entry leaves out from the entry tspc runs, so that it checks classes as the build does; its own entry's option comes first", async (t) => {
  const source = "/** @asyncInit */\nexport class Db { async setup() {} }\nexport async function f() { await using d = new Db(); return d; }\n";
  const build = { transform: "ts-async-init", transformProgram: true, initMethod: "setup" };
  const codes = async (plugins) => {
    const dir = writeProject({ "main.ts": source }, { plugins });
    const server = startServer(dir);
    t.teardown(() => server.stop());
    const file = join(dir, "main.ts");
    server.notify("open", { file, projectRootPath: dir });
    return (await semantic(server, file)).map((d) => d.split(" ")[1]).sort();
  };
  t.deepEqual(await codes([build, { name: "ts-async-init" }]), [], "init is setup, as tspc has it");
  t.deepEqual(await codes([build, { name: "ts-async-init", initMethod: "init" }]), ["TS2851", "TS46001"], "the editor entry's own init");
  t.deepEqual(await codes([{ ...build, initMethod: undefined }, { name: "ts-async-init" }]), ["TS2851", "TS46001"], "neither names setup");
});

test("project references: a referenced project's source, which the editor reads in place of its .d.ts, is read with that project's own initMethod: no false TS2851 'not rewritten, for TS46001' in the app, nor TS46001 in the library", async (t) => {
  const dir = writeProject({
    "tsconfig.json": { compilerOptions: { ...BASE_OPTIONS, plugins: [{ name: "ts-async-init" }] }, include: ["app"], references: [{ path: "lib" }] },
    "lib/tsconfig.json": {
      compilerOptions: {
        ...BASE_OPTIONS,
        composite: true,
        plugins: [{ transform: "ts-async-init", transformProgram: true, initMethod: "setup" }, { name: "ts-async-init" }],
      },
      include: ["."],
    },
    "lib/pool.ts": "/** @asyncInit */\nexport class Pool {\n  async setup(): Promise<void> {}\n}\n",
    "app/main.ts": 'import { Pool } from "../lib/pool";\nexport async function main() {\n  await using pool = new Pool();\n  return pool;\n}\n',
  });
  const server = startServer(dir);
  t.teardown(() => server.stop());
  for (const name of ["app/main.ts", "lib/pool.ts"]) {
    const file = join(dir, name);
    server.notify("open", { file, projectRootPath: dir });
    t.deepEqual(await semantic(server, file), [], name);
  }
});

test("after an edit of tsconfig.json, the editor says what the new options say: the plugin wraps tsserver's service once, not once more per reload", async (t) => {
  const source = "/** @asyncInit */\nexport class Db { async setup() {} }\nexport async function f() { await using d = new Db(); return d; }\n";
  const dir = writeProject({ "main.ts": source }, { plugins: [{ name: "ts-async-init" }] });
  const server = startServer(dir);
  t.teardown(() => server.stop());
  const file = join(dir, "main.ts");
  server.notify("open", { file, projectRootPath: dir });
  const codes = async () => (await semantic(server, file)).map((d) => d.split(" ")[1]).sort();
  t.deepEqual(await codes(), ["TS2851", "TS46001"], "no method 'init': the class is left as written");

  const config = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8"));
  const reload = async (plugin) => {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, plugins: [plugin] } }));
    const response = await server.request("reloadProjects", {});
    t.true(response.success, response.message);
  };
  await reload({ name: "ts-async-init", initMethod: "setup" });
  t.deepEqual(await codes(), [], "init is setup now");
  await reload({ name: "ts-async-init", initMethod: "setup", stateFeild: true });
  const earlier = new Set(server.events());
  await reload({ name: "ts-async-init", initMethod: "setup", stateFeild: false });
  await codes(); // the program is made again
  const event = await server.waitForEvent((e) => !earlier.has(e) && e.event === "configFileDiag" && e.body.diagnostics.some((d) => d.code === 46006));
  t.is(event.body.diagnostics.filter((d) => d.code === 46006).length, 1, "the unknown option, once");
  await reload({ name: "ts-async-init" });
  t.deepEqual(await codes(), ["TS2851", "TS46001"], "back to init: the TS2851 is true again");
});
