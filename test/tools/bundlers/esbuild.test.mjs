// esbuild 0.28 with ts-async-init/esbuild, set up as the README says
// (test/tools/bundlers/helpers.mjs): build(), its errors and warnings, source maps, context().rebuild().

import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import {
  APP,
  assertInstalled,
  checkInstallLine,
  EXPECTED,
  lineOf,
  linkedWorkspace,
  NODE_24,
  plumbingCopies,
  RETRY,
  recipe,
  run,
  WORKSPACE_INDEX,
  writeApp,
} from "./helpers.mjs";

test.before(assertInstalled);

const BUILD = recipe("esbuild/build.mjs");
/** The recipe without its target: esbuild's default (esnext) keeps await using. */
const ESNEXT = BUILD.replace(/^ *\/\/.*\n *target: .*\n/m, "");
/** `await using` outside a comment (the plumbing's comments quote it). */
const AWAIT_USING = /^(?! *\*).*\bawait using\b/m;
const FAIL = '/** @asyncInit */\nexport class Fails {\n  async init(): Promise<void> {\n    throw new Error("init failed on purpose");\n  }\n}\n';
const FAIL_INDEX = `import { Fails } from "./fail";\n\nnew Fails().then(undefined, (error: Error) => console.log(error.stack));\n`;

/** Builds the app with `build.mjs` (the recipe, or a variant of it). */
function build(name, files = {}, script = BUILD) {
  const dir = writeApp(name, { ...APP, "build.mjs": script, ...files });
  return { dir, result: run(process.execPath, ["build.mjs"], { cwd: dir }) };
}

/** Checks a bundle of the app: it ran on `node`, printed the order, and holds the plumbing once. */
function checkBundle(t, dir, node = process.execPath) {
  const bundle = readFileSync(join(dir, "dist/index.mjs"), "utf8");
  t.is(plumbingCopies(bundle), 1);
  t.false(bundle.includes("\0"), "no NUL byte (the plumbing module's id is written into a comment)");
  const ran = run(node, ["dist/index.mjs"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), EXPECTED);
  return bundle;
}

test("the README's install line names the versions tested here", (t) => {
  checkInstallLine(t, "esbuild/install");
});

test("esbuild: the bundle runs on Node 20 with the recipe's target, and keeps await using (Node 24) without it; the plumbing once, no warning", (t) => {
  const { dir, result } = build("esbuild");
  t.is(result.code, 0, result.output);
  t.is(result.output.trim(), "", "no warning");
  t.notRegex(checkBundle(t, dir), AWAIT_USING);

  t.not(ESNEXT, BUILD);
  const native = build("esbuild-esnext", {}, ESNEXT);
  t.is(native.result.code, 0, native.result.output);
  t.regex(checkBundle(t, native.dir, NODE_24), AWAIT_USING);
});

test('esbuild with packages: "external" (every package kept out of the bundle): the plumbing is still in it', (t) => {
  const script = BUILD.replace("bundle: true,", 'bundle: true,\n  packages: "external",');
  t.not(script, BUILD);
  const { dir, result } = build("esbuild-packages-external", {}, script);
  t.is(result.code, 0, result.output);
  checkBundle(t, dir);
});

test("esbuild: error TS46001 fails the build at file:line:col with the line of code; warning TS46003 does not; source maps point at the .ts line", (t) => {
  const broken = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
  const failed = build("esbuild-error", { "src/db.ts": broken }).result;
  t.not(failed.code, 0);
  // esbuild's own format; its columns count from 0 (the class name starts at 14).
  const line = lineOf(broken, "class Broken");
  t.regex(
    failed.stderr,
    new RegExp(
      `✘ \\[ERROR\\] TS46001: @asyncInit class 'Broken' has no method 'init'.*\\[plugin ts-async-init\\]\\n\\n +src/db\\.ts:${line}:13:\\n +${line} │ export class Broken \\{`,
    ),
  );
  // The recipe's catch: esbuild's message alone, no stack of the build script.
  t.notRegex(failed.stderr, /\n +at /);
  // esbuild counts columns in bytes: after "é" and "😀", the column is the class name's byte offset, not its UTF-16 one.
  const wideLine = 'const s = "éé😀"; /** @asyncInit */ export class Wide { run(): void {} }';
  const wideSource = `${APP["src/db.ts"]}\n${wideLine}\nconsole.log(s);\n`;
  const wide = build("esbuild-error-wide", { "src/db.ts": wideSource }).result;
  t.not(wide.code, 0);
  const bytes = Buffer.byteLength(wideLine.slice(0, wideLine.indexOf("Wide")));
  t.not(bytes, wideLine.indexOf("Wide"));
  t.regex(wide.stderr, new RegExp(`TS46001: @asyncInit class 'Wide' has no method 'init'.*\\n\\n +src/db\\.ts:${lineOf(wideSource, "class Wide")}:${bytes}:`));

  const warned = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport function notAClass(): void {}\n`;
  const { dir, result } = build("esbuild-warning", { "src/db.ts": warned });
  t.is(result.code, 0, result.output);
  t.regex(
    result.stderr,
    new RegExp(
      `▲ \\[WARNING\\] TS46003: @asyncInit only applies to a class.*\\[plugin ts-async-init\\]\\n\\n +src/db\\.ts:${lineOf(warned, "export function notAClass") - 1}:0:\\n +\\d+ │ /\\*\\* @asyncInit \\*/`,
    ),
  );
  t.is(run(process.execPath, ["dist/index.mjs"], { cwd: dir }).stdout.trim(), EXPECTED);

  const mapped = build("esbuild-map", { "src/fail.ts": FAIL, "src/index.ts": FAIL_INDEX });
  t.is(mapped.result.code, 0, mapped.result.output);
  const ran = run(process.execPath, ["--enable-source-maps", "dist/index.mjs"], { cwd: mapped.dir });
  t.regex(ran.stdout, /init failed on purpose/);
  t.regex(ran.stdout, new RegExp(`src/fail\\.ts:${lineOf(FAIL, "throw new Error")}:\\d+`), ran.output);
});

test("esbuild in a folder whose path has a #: an error thrown inside init maps to its .ts file there (the map names the file by its URL)", (t) => {
  const mapped = build("esbuild-c#-folder-map", { "src/fail.ts": FAIL, "src/index.ts": FAIL_INDEX });
  t.true(mapped.dir.includes("#"));
  t.is(mapped.result.code, 0, mapped.result.output);
  const ran = run(process.execPath, ["--enable-source-maps", "dist/index.mjs"], { cwd: mapped.dir });
  t.regex(ran.stdout, /init failed on purpose/);
  t.true(ran.stdout.includes(`${join(mapped.dir, "src/fail.ts")}:${lineOf(FAIL, "throw new Error")}:`), ran.output);
});

test("esbuild: an error on the first line of a file saved with a byte order mark is at its column without it, the caret under the class's name", (t) => {
  const broken = "\uFEFF/** @asyncInit */ export class Broken { x = 1; }\n";
  const { result } = build("esbuild-bom", { "src/index.ts": broken });
  t.is(result.code, 1, result.output);
  t.regex(result.stderr, /src\/index\.ts:1:31:\n +1 │ \/\*\* @asyncInit \*\/ export class Broken \{ x = 1; \}\n +╵ {32}\^/, result.stderr);
});

test("esbuild: an error after a line that ends in a lone \\r or a U+2028 shows the line it is on (lines counted as TypeScript and esbuild count them)", (t) => {
  const broken = "// old Mac line\r/* a line\u2028separator */\nconst s = 1;\n/** @asyncInit */ export class Broken { x = 1; }\n";
  const { result } = build("esbuild-line-separators", { "src/index.ts": broken });
  t.is(result.code, 1, result.output);
  t.regex(result.stderr, /src\/index\.ts:5:31:\n +5 │ \/\*\* @asyncInit \*\/ export class Broken \{ x = 1; \}\n +╵ {32}\^/, result.stderr);
});

test("esbuild: TypeScript given as stdin (which no plugin's onLoad sees) is rewritten, with and without include options; its errors fail the build at <stdin>", (t) => {
  const program =
    "/** @asyncInit */\nclass Db {\n  ready = false;\n  async init() { this.ready = true; }\n}\nconst db = await new Db();\nconsole.log('ready', db.ready);\n";
  const script = (contents, options = "") => `import { build } from "esbuild";
import tsAsyncInit from "ts-async-init/esbuild";

const options = {
  stdin: { contents: ${JSON.stringify(contents)}, loader: "ts", resolveDir: "." },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: "dist/stdin.mjs",
  plugins: [tsAsyncInit(${options})],
};
// Twice with the same options: the second build starts from the text as written, too.
await build(options).catch(() => process.exit(1));
await build(options).catch(() => process.exit(1));
if (options.stdin.contents !== ${JSON.stringify(contents)}) throw new Error("the caller's stdin changed");
`;
  for (const options of ["", '{ include: ["**/*.ts"] }']) {
    const dir = writeApp("esbuild-stdin", { "build.mjs": script(program, options) });
    const built = run(process.execPath, ["build.mjs"], { cwd: dir });
    t.is(built.code, 0, built.output);
    t.is(plumbingCopies(readFileSync(join(dir, "dist/stdin.mjs"), "utf8")), 1, options);
    const ran = run(process.execPath, ["dist/stdin.mjs"], { cwd: dir });
    t.is(ran.stdout.trim(), "ready true", options);
  }
  const broken = "const x = 1;\n/** @asyncInit */\nclass Db { x = x; }\nconsole.log(await new Db());\n";
  const dir = writeApp("esbuild-stdin-error", { "build.mjs": script(broken) });
  const built = run(process.execPath, ["build.mjs"], { cwd: dir });
  t.is(built.code, 1, built.output);
  t.regex(built.stderr, /TS46001: @asyncInit class 'Db' has no method 'init'[^\n]*\n\n +<stdin>:3:6:\n +3 │ class Db \{ x = x; \}/, built.stderr);
});

test("esbuild without bundle: true (each module built on its own, which resolves no import): each rewritten module holds the plumbing, and imports nothing of this package; with include options and stdin too", (t) => {
  const db =
    '/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init(): Promise<void> {\n    await null;\n    this.ready = true;\n    console.log("init");\n  }\n}\nexport async function open(): Promise<boolean> {\n  await using db = new Db();\n  return db.ready;\n}\n';
  const main =
    'import { Db, open } from "./db.mjs";\n\nconsole.log("open", await open());\nconst db = await new Db();\nconsole.log("await", db.ready);\nfor (const each of [new Db()]) {\n  await using d = each;\n  console.log("loop", d.ready);\n}\n';
  const script = (options) => `import { build } from "esbuild";
import tsAsyncInit from "ts-async-init/esbuild";

await build({
  entryPoints: ["src/db.ts", "src/main.ts"],
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [tsAsyncInit(${options})],
});
await build({
  stdin: { contents: ${JSON.stringify(main.replace("./db.mjs", "./dist/db.mjs"))}, loader: "ts", resolveDir: "." },
  outfile: "stdin.mjs",
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [tsAsyncInit(${options})],
});
`;
  for (const options of ["", '{ include: ["**/*.ts"] }']) {
    const dir = writeApp("esbuild-no-bundle", { "src/db.ts": db, "src/main.ts": main, "build.mjs": script(options) });
    const built = run(process.execPath, ["build.mjs"], { cwd: dir });
    t.is(built.code, 0, built.output);
    for (const file of ["dist/db.mjs", "dist/main.mjs", "stdin.mjs"]) {
      const code = readFileSync(join(dir, file), "utf8");
      t.is(plumbingCopies(code), 1, `${file} ${options}`);
      t.notRegex(code, /ts-async-init\/plumbing/, `${file} ${options}`);
    }
    for (const file of ["dist/main.mjs", "stdin.mjs"]) {
      const ran = run(process.execPath, [file], { cwd: dir });
      t.is(ran.stderr, "", `${file} ${options}`);
      t.is(ran.stdout, "init\nopen true\ninit\nawait true\ninit\nloop true\n", `${file} ${options}`);
    }
  }
});

test("esbuild: an anonymous tagged class expression keeps the name it takes from its place (esbuild would rename a class expression named as its variable: Db2)", (t) => {
  const index =
    "export const Db = /** @asyncInit */ class {\n  v = 1;\n  async init(): Promise<void> {}\n};\nvoid (async () => {\n  const ready = await new Db();\n  console.log(Db.name, ready.constructor.name, ready.v);\n})();\n";
  for (const target of ["node20", "es2020"]) {
    const { dir, result } = build(`esbuild-class-name-${target}`, { "src/index.ts": index }, BUILD.replace('target: "node20"', `target: "${target}"`));
    t.is(result.code, 0, result.output);
    t.is(run(process.execPath, ["dist/index.mjs"], { cwd: dir }).stdout, "Db Db 1\n", target);
  }
});

test("esbuild with supported turning a class feature off (class-private-field, class-static-blocks, class-private-method): a tagged class keeps its name, its state in the WeakMap, as below ES2022", (t) => {
  const index =
    "/** @asyncInit */\nexport class Db {\n  ready = false;\n  #on(): boolean {\n    return true;\n  }\n  async init(): Promise<void> {\n    this.ready = this.#on();\n  }\n}\nvoid (async () => {\n  const db = await new Db();\n  console.log(Db.name, db.constructor.name, db.ready);\n})();\n";
  // esbuild lowers every private member of a class where it lowers one kind (the private method here).
  for (const feature of ["class-private-field", "class-static-blocks", "class-private-method"]) {
    const script = BUILD.replace('target: "node20",', `target: "node20",\n  supported: { "${feature}": false },`);
    t.true(script.includes(feature));
    const { dir, result } = build(`esbuild-supported-${feature}`, { "src/index.ts": index }, script);
    t.is(result.code, 0, result.output);
    t.is(run(process.execPath, ["dist/index.mjs"], { cwd: dir }).stdout, "Db Db true\n", feature);
  }
});

test("esbuild with absWorkingDir away from the working directory: a relative glob of include or exclude whose folder is there only (taken from the working directory, it matches nothing) fails the build with TS46006, instead of rewriting nothing; run from absWorkingDir (or through a link to it), or with a glob written from the working directory, the build passes", (t) => {
  const index =
    "/** @asyncInit */\nclass Db {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\nconsole.log((await new Db()).ready);\n";
  // The README's recipe, with the app in a folder of its own.
  const script = (options) =>
    `import { join } from "node:path";\n${BUILD.replace("bundle: true,", 'absWorkingDir: join(import.meta.dirname, "app"),\n  bundle: true,').replace("tsAsyncInit()", `tsAsyncInit(${options})`)}`;
  t.true(script("").includes("absWorkingDir") && script("{ x: 1 }").includes("tsAsyncInit({ x: 1 })"));
  for (const options of ['{ include: ["src/**/*.ts"] }', '{ exclude: ["src/**/*.test.ts"] }']) {
    const dir = writeApp("esbuild-abs-working-dir", { "app/src/index.ts": index, "build.mjs": script(options) });
    const away = run(process.execPath, ["build.mjs"], { cwd: dir });
    t.not(away.code, 0, options);
    t.regex(
      away.output,
      /TS46006: ts-async-init: plugin option '(?:include|exclude)' holds the relative glob 'src\/[^']*', which is taken from the working directory \(.*\), and this build's absWorkingDir is .*\/app, where the folder it names is: it matches none of the build's modules\. Write it from absWorkingDir/,
      options,
    );
    const inside = run(process.execPath, ["../build.mjs"], { cwd: join(dir, "app") });
    t.is(inside.code, 0, inside.output);
    t.is(run(process.execPath, ["dist/index.mjs"], { cwd: join(dir, "app") }).stdout, "true\n", options);
    // The working directory named through a link: the same folder.
    symlinkSync("app", join(dir, "link"), "dir");
    writeFileSync(join(dir, "linked.mjs"), script(options).replace('join(import.meta.dirname, "app")', 'join(import.meta.dirname, "link")'));
    const linked = run(process.execPath, ["../linked.mjs"], { cwd: join(dir, "app") });
    t.is(linked.code, 0, linked.output);
  }
  // From a monorepo's root, a glob written from there matches: no error.
  const root = writeApp("esbuild-abs-working-dir-root", { "app/src/index.ts": index, "build.mjs": script('{ include: ["app/src/**/*.ts"] }') });
  const fromRoot = run(process.execPath, ["build.mjs"], { cwd: root });
  t.is(fromRoot.code, 0, fromRoot.output);
  t.is(run(process.execPath, ["dist/index.mjs"], { cwd: join(root, "app") }).stdout, "true\n");
});

test("esbuild: a tagged class with a decorated member keeps its name (esbuild lowers every private field of such a class, and renames it _Db): its instances keep their state in the WeakMap", (t) => {
  const index = [
    "function logged<T>(method: T, _context: ClassMethodDecoratorContext): T {",
    "  return method;",
    "}",
    "/** @asyncInit */",
    "export class Db {",
    "  @logged async init(): Promise<void> {}",
    "}",
    "void (async () => {",
    "  const ready = await new Db();",
    "  console.log(Db.name, ready.constructor.name);",
    "})();",
    "",
  ].join("\n");
  const { dir, result } = build("esbuild-decorated-member", { "src/index.ts": index });
  t.is(result.code, 0, result.output);
  t.is(run(process.execPath, ["dist/index.mjs"], { cwd: dir }).stdout, "Db Db\n");
  t.false(readFileSync(join(dir, "dist/index.mjs"), "utf8").includes("#asyncInit"));
});

test("esbuild with preserveSymlinks: a linked workspace package's TypeScript, whose path is then under node_modules, is rewritten", (t) => {
  const script = BUILD.replace("bundle: true,", "bundle: true,\n  preserveSymlinks: true,");
  t.true(script.includes("preserveSymlinks"));
  const dir = linkedWorkspace("esbuild-preserve-symlinks", { "app/src/index.ts": WORKSPACE_INDEX, "app/build.mjs": script });
  const built = run(process.execPath, ["build.mjs"], { cwd: join(dir, "app") });
  t.is(built.code, 0, built.output);
  t.regex(readFileSync(join(dir, "app/dist/index.mjs"), "utf8"), /node_modules\/@my\/lib\/src\/index\.ts/, "the module is known by its link");
  const ran = run(process.execPath, ["dist/index.mjs"], { cwd: join(dir, "app") });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), "ready true");
});

test("esbuild lowering await using (the recipe's node20): warning TS46023 at an await using in a loop that catches its errors, which esbuild's lowering gets wrong; none in a function each pass calls, nor with esnext; with include options and stdin too", (t) => {
  const retryLine = lineOf(RETRY, "await using db");
  const warning = new RegExp(
    `▲ \\[WARNING\\] TS46023: esbuild lowers this 'await using' wrongly in a loop that catches its errors: [^\\n]*\\[plugin ts-async-init\\]\\n\\n +src/retry\\.ts:${retryLine}:4:\\n +${retryLine} │     await using db = new Db\\(url\\);`,
  );
  const entry = (script) => script.replace('entryPoints: ["src/index.ts"]', 'entryPoints: ["src/retry.ts"]');
  const lowered = build("esbuild-retry", { "src/retry.ts": RETRY }, entry(BUILD));
  t.is(lowered.result.code, 0, lowered.result.output);
  t.regex(lowered.result.stderr, warning);
  t.is((lowered.result.stderr.match(/TS46023/g) ?? []).length, 1, "the function's await using is not warned about");
  // What the warning says: the second pass of the loop fails with the first pass's error; the function's passes do not.
  const ran = run(process.execPath, ["dist/index.mjs"], { cwd: lowered.dir });
  t.is(ran.stdout.trim(), "failed bad cannot connect bad\nconnected good\nfailed good cannot connect bad\nfailed bad cannot connect bad\nconnected good");

  const included = build("esbuild-retry-include", { "src/retry.ts": RETRY }, entry(BUILD.replace("tsAsyncInit()", "tsAsyncInit({ include: [/\\.ts$/] })")));
  t.is(included.result.code, 0, included.result.output);
  t.regex(included.result.stderr, warning);

  const native = build("esbuild-retry-esnext", { "src/retry.ts": RETRY }, entry(ESNEXT));
  t.is(native.result.code, 0, native.result.output);
  t.is(native.result.output.trim(), "", "no warning: esbuild keeps await using");
  t.is(
    run(NODE_24, ["dist/index.mjs"], { cwd: native.dir }).stdout.trim(),
    "failed bad cannot connect bad\nconnected good\nfailed bad cannot connect bad\nconnected good",
  );

  const stdin = BUILD.replace('entryPoints: ["src/index.ts"]', `stdin: { contents: ${JSON.stringify(RETRY)}, loader: "ts", resolveDir: "." }`);
  const fromStdin = build("esbuild-retry-stdin", {}, stdin);
  t.is(fromStdin.result.code, 0, fromStdin.result.output);
  t.regex(fromStdin.result.stderr, new RegExp(`TS46023: [^\\n]*\\n\\n +<stdin>:${retryLine}:4:`));
});

test("esbuild with target es2020: the plugin reads it, and instances keep their state in the WeakMap (no private field for esbuild to lower)", (t) => {
  const { dir, result } = build("esbuild-es2020", {}, BUILD.replace(/target: ".*"/, 'target: "es2020"'));
  t.is(result.code, 0, result.output);
  const bundle = checkBundle(t, dir);
  t.false(bundle.includes("#asyncInit"));
  t.false(bundle.includes("__privateGet"), "no helper for a private field");
});

test("esbuild with an include option of its own (unplugin's loader instead of the plugin's own): the same bundle, and TS46001 still shows the line of code", (t) => {
  const script = BUILD.replace("tsAsyncInit()", "tsAsyncInit({ include: [/\\.ts$/] })");
  t.not(script, BUILD);
  const { dir, result } = build("esbuild-include", {}, script);
  t.is(result.code, 0, result.output);
  checkBundle(t, dir);
  const broken = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
  const line = lineOf(broken, "class Broken");
  // In a folder whose path has a ? or a #, too: the module's id is its file, with no query.
  for (const name of ["esbuild-include-error", "esbuild-include-error-q?x", "esbuild-include-error-c#"]) {
    const failed = build(name, { "src/db.ts": broken }, script).result;
    t.not(failed.code, 0);
    t.regex(failed.stderr, new RegExp(`\\[plugin ts-async-init\\]\\n\\n +src/db\\.ts:${line}:13:\\n +${line} │ export class Broken \\{`), name);
  }
  const inFolder = build("esbuild-include-q?x", {}, script);
  t.is(inFolder.result.code, 0, inFolder.result.output);
  checkBundle(t, inFolder.dir);
});

test("esbuild context().rebuild(): removing the tag, then adding it back, changes the next bundle", (t) => {
  const dir = writeApp("esbuild-rebuild", {
    "src/flag.ts": "/** @asyncInit */\nexport class Thing {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n",
    "src/flag-main.ts": `import { Thing } from "./flag";\n\nconst thing = new Thing();\nawait thing;\nconsole.log(\`ready \${thing.ready}\`);\n`,
    // The recipe's options, through a context instead of build().
    "rebuild.mjs": `${BUILD.replace("await esbuild.build(", "const context = await esbuild.context(")
      .replace('["src/index.ts"]', '["src/flag-main.ts"]')
      .replace(/\s*sourcemap: true,/, "")}
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const TAGGED = readFileSync("src/flag.ts", "utf8");
const said = [];
for (const text of [TAGGED, TAGGED.replace("/** @asyncInit */\\n", ""), TAGGED]) {
  writeFileSync("src/flag.ts", text);
  await context.rebuild();
  said.push(execFileSync(process.execPath, ["dist/index.mjs"], { encoding: "utf8" }).trim());
}
await context.dispose();
console.log(JSON.stringify(said));
`,
  });
  const result = run(process.execPath, ["rebuild.mjs"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.deepEqual(JSON.parse(result.stdout), ["ready true", "ready false", "ready true"]);
});

test("esbuild beside Yarn Plug'n'Play's plugin, which resolves every module into its namespace 'pnp': after tsAsyncInit() the modules are rewritten there; before it, error TS46011 says to put tsAsyncInit() first", (t) => {
  // A stand-in with @yarnpkg/esbuild-plugin-pnp's name, namespace and loads (it resolves through Yarn's PnP map).
  const pnp = `{
  name: "@yarnpkg/esbuild-plugin-pnp",
  setup(build) {
    build.onResolve({ filter: /^\\.{1,2}\\// }, async ({ path, resolveDir }) => {
      const { existsSync } = await import("node:fs");
      const { resolve } = await import("node:path");
      const base = resolve(resolveDir, path);
      const found = [base, \`\${base}.ts\`, base.replace(/\\.js$/, ".ts")].find((file) => existsSync(file) && !file.endsWith("/"));
      return { path: found ?? base, namespace: "pnp" };
    });
    build.onLoad({ filter: /.*/, namespace: "pnp" }, async ({ path }) => {
      const { readFileSync } = await import("node:fs");
      const { dirname } = await import("node:path");
      return { contents: readFileSync(path, "utf8"), loader: "default", resolveDir: dirname(path) };
    });
  },
}`;
  const after = build("esbuild-pnp", {}, BUILD.replace("plugins: [tsAsyncInit()]", `plugins: [tsAsyncInit(), ${pnp}]`));
  t.is(after.result.code, 0, after.result.output);
  t.is(after.result.output.trim(), "", "no warning");
  t.regex(readFileSync(join(after.dir, "dist/index.mjs"), "utf8"), /pnp:.*src\/db\.ts/, "the modules went through the namespace");
  checkBundle(t, after.dir);
  // Before it, it takes every file: an error, and no bundle.
  const before = build("esbuild-pnp-first", {}, BUILD.replace("plugins: [tsAsyncInit()]", `plugins: [${pnp}, tsAsyncInit()]`));
  t.not(before.result.code, 0);
  t.regex(
    before.result.output,
    /✘ \[ERROR\] TS46011: the plugin '@yarnpkg\/esbuild-plugin-pnp' loads TypeScript files itself.*put tsAsyncInit\(\) before it in plugins/,
  );
});

test("esbuild beside a plugin that loads .ts files itself (esbuild-plugin-tsc names itself tsc): warning TS46011 in either order; the build's loader option (.ts as tsx) is how the plugin parses", (t) => {
  // A stand-in with esbuild-plugin-tsc's name and its onLoad of .ts files (which would compile them with tsc).
  const tsc = `{ name: "tsc", setup(build) { build.onLoad({ filter: /\\.ts$/ }, () => undefined); } }`;
  for (const plugins of [`[tsAsyncInit(), ${tsc}]`, `[${tsc}, tsAsyncInit()]`]) {
    const script = BUILD.replace("plugins: [tsAsyncInit()]", `plugins: ${plugins}`);
    t.not(script, BUILD);
    const { dir, result } = build("esbuild-tsc", {}, script);
    // It may take only some files (esbuild-plugin-tsc: those with decorators): a warning, and this stand-in takes none.
    t.is(result.code, 0, result.output);
    t.regex(result.output, /▲ \[WARNING\] TS46011: the plugin 'tsc' loads TypeScript files itself, and esbuild hands each file to one plugin only/, plugins);
    checkBundle(t, dir);
  }
  const jsx = BUILD.replace(
    "plugins: [tsAsyncInit()]",
    `plugins: [tsAsyncInit()],\n  loader: { ".ts": "tsx" },\n  jsx: "automatic",\n  jsxImportSource: "./jsx"`,
  );
  t.not(jsx, BUILD);
  const { dir, result } = build(
    "esbuild-loader",
    { "src/db.ts": `${APP["src/db.ts"]}\nexport const element = <b>{1}</b>;\n`, "src/jsx/jsx-runtime.js": "export const jsx = () => null;\n" },
    jsx,
  );
  t.is(result.code, 0, result.output);
  checkBundle(t, dir);
});
