// Compiles small programs with the transformer and runs what comes out.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { createRequire } from "node:module";
import { TYPESCRIPT_PROJECTS, TYPESCRIPT_VERSIONS } from "../../scripts/test-projects.mjs";

const require = createRequire(import.meta.url);
export const tsAsyncInit = require("../../dist/index.js");
export const ROOT = new URL("../..", import.meta.url).pathname;

/**
 * The TypeScript these helpers compile with: the repository's own (5.9), or the
 * one of test/runtimes named by TS_ASYNC_INIT_TYPESCRIPT (see TYPESCRIPT_VERSIONS),
 * which the files under test/versions set before they import the shared tests.
 */
export const TYPESCRIPT_VERSION = process.env.TS_ASYNC_INIT_TYPESCRIPT || undefined;
if (TYPESCRIPT_VERSION && !TYPESCRIPT_VERSIONS.includes(TYPESCRIPT_VERSION)) {
  throw new Error(`TS_ASYNC_INIT_TYPESCRIPT=${TYPESCRIPT_VERSION}: not one of ${TYPESCRIPT_VERSIONS.join(", ")}`);
}
const ts = require(TYPESCRIPT_VERSION ? join(TYPESCRIPT_PROJECTS[TYPESCRIPT_VERSION], "node_modules/typescript") : "typescript");
if (TYPESCRIPT_VERSION && !ts.version.startsWith(`${TYPESCRIPT_VERSION}.`)) throw new Error(`expected TypeScript ${TYPESCRIPT_VERSION}, loaded ${ts.version}`);

/**
 * `{ target, module, moduleResolution }` for a target and a module kind ("commonjs"
 * or "nodenext"). CommonJS resolves as node10, TypeScript 5's default for it;
 * TypeScript 6 deprecates node10 (error TS5107), so there it keeps its own default.
 */
export function moduleOptions(target, module) {
  if (module === "nodenext") return { target, module, moduleResolution: "nodenext" };
  return ts.versionMajorMinor.startsWith("5.") ? { target, module, moduleResolution: "node10" } : { target, module };
}

/** The compiler settings every exec test runs under: each target, with CommonJS and ESM (nodenext). */
export const TARGETS = ["ES2015", "ES2017", "ES2020", "ES2022", "ESNext"];
const FULL_MATRIX = [
  // TypeScript 5.x's default target; CommonJS only (ES5 modules are CommonJS in practice), and
  // downlevelIteration so that the test programs' own spreads and for…of compile as they do above.
  { name: "ES5/commonjs", compilerOptions: { ...moduleOptions("ES5", "commonjs"), downlevelIteration: true } },
  ...TARGETS.flatMap((target) =>
    ["commonjs", "nodenext"].map((module) => ({ name: `${target}/${module}`, compilerOptions: moduleOptions(target, module) })),
  ),
];

/**
 * The cells run on the other TypeScript versions (test/versions), to keep `npm test`
 * short: the state in the WeakMap with async lowered (ES2017, CommonJS), the private
 * field with `await using` lowered (ES2022, ESM), and everything native (ESNext, ESM).
 */
export const VERSION_CELLS = ["ES2017/commonjs", "ES2022/nodenext", "ESNext/nodenext"];

/** Every cell on the repository's TypeScript; VERSION_CELLS on another. */
export const MATRIX = TYPESCRIPT_VERSION ? FULL_MATRIX.filter((cell) => VERSION_CELLS.includes(cell.name)) : FULL_MATRIX;

const BASE_OPTIONS = {
  strict: true,
  lib: ["esnext", "dom"],
  types: [],
  skipLibCheck: true,
  noEmitOnError: false,
};

/**
 * A fresh folder under the system's temp folder, removed when the test process
 * exits (set KEEP_TEMP=1 to keep them for a look after a failure).
 */
export function tempDir(prefix = "ts-async-init-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (!process.env.KEEP_TEMP) {
    if (!made.length) process.once("exit", () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
    made.push(dir);
  }
  return dir;
}
const made = [];

/**
 * Writes `files` (name → text) to a fresh folder, compiles them with the
 * transformer (unless `plugin: false`) and returns the emitted files and diagnostics.
 * ESM (`module: nodenext`) builds get a package.json with "type": "module".
 */
export function build(files, { compilerOptions = {}, plugin = {}, esm, dir = tempDir() } = {}) {
  const options = { ...BASE_OPTIONS, ...compilerOptions };
  const isEsm = esm ?? /^node(16|18|next)$/i.test(String(options.module));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: isEsm ? "module" : "commonjs" }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const parsed = ts.convertCompilerOptionsFromJson({ ...options, outDir: "out", rootDir: "." }, dir);
  if (parsed.errors.length) throw new Error(ts.formatDiagnostics(parsed.errors, formatHost));
  const roots = Object.keys(files).filter((f) => /\.(m|c)?tsx?$/.test(f)).map((f) => join(dir, f));
  const program = ts.createProgram(roots, parsed.options, cachingHost(parsed.options));
  const pluginDiagnostics = [];
  const before = plugin === false ? [] : [tsAsyncInit(program, plugin, { ts, addDiagnostic: (d) => pluginDiagnostics.push(d) })];
  const outputs = {};
  const result = program.emit(undefined, (file, text) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    outputs[relative(join(dir, "out"), file)] = text;
  }, undefined, false, { before });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics, ...pluginDiagnostics];
  return { dir, outDir: join(dir, "out"), outputs, diagnostics, program, text: (d) => format(d) };
}

// TypeScript's own lib files parse once per test worker, not once per program.
const libCache = new Map();
function cachingHost(options) {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.includes("/node_modules/typescript/lib/")) return getSourceFile(fileName, languageVersion, ...rest);
    const key = `${fileName}|${JSON.stringify(languageVersion)}`;
    if (!libCache.has(key)) libCache.set(key, getSourceFile(fileName, languageVersion, ...rest));
    return libCache.get(key);
  };
  return host;
}

const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
export const format = (diagnostics) => ts.formatDiagnostics(diagnostics, formatHost);

/** Only this transformer's diagnostics, as `code line:col text` strings. */
export function pluginMessages(diagnostics) {
  return diagnostics.filter((d) => d.source === "ts-async-init").map((d) => {
    const where = d.file ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.code} ${where ? `${where.line + 1}:${where.character + 1}` : "-"} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

/** A Node.js that runs \`await using\` natively (24), for ESNext output; see test/runtimes. */
export const NODE_24 = join(ROOT, "test/runtimes/node_modules/.bin/node");

/** The Node.js that can run output of this target: this one (20) lowers nothing it needs below ESNext. */
export const nodeFor = (target) => (/esnext/i.test(String(target)) ? NODE_24 : process.execPath);

/** Runs a JavaScript file with node; rejects nothing, returns what happened. */
export function runNode(file, { args = [], cwd = dirname(file), nodeArgs = [], node = process.execPath } = {}) {
  const result = spawnSync(node, ["--unhandled-rejections=strict", ...nodeArgs, file, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

/** Compiles and runs `main.ts` (plus any other files); fails loudly when compiling reports errors. */
export function buildAndRun(files, options = {}) {
  const built = build(files, options);
  const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length && !options.allowErrors) {
    throw new Error(`compile errors:\n${format(errors)}`);
  }
  const run = runNode(join(built.outDir, "main.js"), { node: nodeFor(options.compilerOptions?.target) });
  return { ...built, ...run };
}

export function listFiles(dir) {
  return readdirSync(dir, { recursive: true }).map(String);
}

export { ts, readFileSync };
