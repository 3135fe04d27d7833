// Test projects: the one place that says how the tests compile and run programs.
//
// - which TypeScript compiles (the repository's, or the one test/versions chose),
// - the compiler options and the target × module matrix of the exec tests,
// - temp folders, and writing a project's files into one,
// - compiling a Program with the transformer (lib files parsed once per worker),
// - running a command, or Node on a compiled file.
//
// The back ends that compile a program for the parity tests (typed, untyped, text)
// are in back-ends.mjs; projects with the packed package, in packed.mjs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { ROOT, TYPESCRIPT_PROJECTS, TYPESCRIPT_VERSIONS } from "../../scripts/test-projects.mjs";

const require = createRequire(import.meta.url);

export { ROOT };

/** The transformer as this build made it (dist/, from `npm run build`). */
export const tsAsyncInit = require("../../dist/index.js");

/**
 * The TypeScript these helpers compile with: the repository's own (5.9), or the
 * one of test/runtimes named by TS_ASYNC_INIT_TYPESCRIPT (see TYPESCRIPT_VERSIONS),
 * which the files under test/versions set before they import the shared tests.
 */
export const TYPESCRIPT_VERSION = process.env.TS_ASYNC_INIT_TYPESCRIPT || undefined;
if (TYPESCRIPT_VERSION && !TYPESCRIPT_VERSIONS.includes(TYPESCRIPT_VERSION)) {
  throw new Error(`TS_ASYNC_INIT_TYPESCRIPT=${TYPESCRIPT_VERSION}: not one of ${TYPESCRIPT_VERSIONS.join(", ")}`);
}
export const ts = require(TYPESCRIPT_VERSION ? join(TYPESCRIPT_PROJECTS[TYPESCRIPT_VERSION], "node_modules/typescript") : "typescript");
if (TYPESCRIPT_VERSION && !ts.version.startsWith(`${TYPESCRIPT_VERSION}.`)) throw new Error(`expected TypeScript ${TYPESCRIPT_VERSION}, loaded ${ts.version}`);

// ---- compiler options and the matrix

/**
 * Compiler options as a tsconfig.json writes them (`{ target: "ES2022" }`).
 * @typedef {Record<string, any>} CompilerOptionsJson
 */

/**
 * The options of the transformer (a tsconfig.json plugin entry's, without `transform`), or
 * `false` for none.
 * @typedef {Record<string, any> | false} PluginOptions
 */

/**
 * A program's files: name → text, or an object written as JSON.
 * @typedef {Record<string, string | object>} Files
 */

/** The settings every test program compiles under, unless a test says otherwise. */
export const BASE_OPTIONS = {
  strict: true,
  lib: ["esnext", "dom"],
  types: [],
  skipLibCheck: true,
  noEmitOnError: false,
};

/**
 * `{ target, module, moduleResolution }` for a target and a module kind ("commonjs"
 * or "nodenext"). CommonJS resolves as node10, TypeScript 5's default for it;
 * TypeScript 6 deprecates node10 (error TS5107), so there it keeps its own default.
 */
export function moduleOptions(target, module) {
  if (module === "nodenext") return { target, module, moduleResolution: "nodenext" };
  return ts.versionMajorMinor.startsWith("5.") ? { target, module, moduleResolution: "node10" } : { target, module };
}

/** The targets of the exec tests, each with CommonJS and ESM (nodenext). */
export const TARGETS = ["ES2015", "ES2017", "ES2020", "ES2022", "ESNext"];

/** Every target the emitted-code rules name, lowest first (ES5: TypeScript 5.x's default). */
export const ALL_TARGETS = ["ES5", "ES2015", "ES2016", "ES2017", "ES2018", "ES2019", "ES2020", "ES2021", "ES2022", "ES2023", "ESNext"];

const FULL_MATRIX = [
  // TypeScript 5.x's default target; CommonJS only (ES5 modules are CommonJS in practice), and
  // downlevelIteration so that the test programs' own spreads and for…of compile as they do above.
  { name: "ES5/commonjs", compilerOptions: { ...moduleOptions("ES5", "commonjs"), downlevelIteration: true } },
  ...TARGETS.flatMap((target) => ["commonjs", "nodenext"].map((module) => ({ name: `${target}/${module}`, compilerOptions: moduleOptions(target, module) }))),
];

/**
 * The cells run on the other TypeScript versions (test/versions), and by the back
 * ends without a checker (back-ends.mjs), to keep `npm test` short: the state in
 * the WeakMap with async lowered (ES2017, CommonJS), the private field with
 * `await using` lowered (ES2022, ESM), and everything native (ESNext, ESM).
 */
export const VERSION_CELLS = ["ES2017/commonjs", "ES2022/nodenext", "ESNext/nodenext"];

/** Every cell on the repository's TypeScript; VERSION_CELLS on another. */
export const MATRIX = TYPESCRIPT_VERSION ? FULL_MATRIX.filter((cell) => VERSION_CELLS.includes(cell.name)) : FULL_MATRIX;

/** Whether output for these options is an ES module (its folder's package.json says "type": "module"). */
export const isEsm = (compilerOptions) => /^node(16|18|next)$/i.test(String(compilerOptions.module));

/**
 * Compiler options as TypeScript's API takes them (enums, not names), for `dir`; throws on a bad option.
 * @param {CompilerOptionsJson} json
 * @param {string} [dir]
 */
export function parseOptions(json, dir = ROOT) {
  const parsed = ts.convertCompilerOptionsFromJson(json, dir);
  if (parsed.errors.length) throw new Error(format(parsed.errors));
  return parsed.options;
}

// ---- files and folders

/**
 * A fresh folder under `parent` (the system's temp folder by default), removed when
 * the test process exits (set KEEP_TEMP=1 to keep them for a look after a failure).
 */
export function tempDir(prefix = "ts-async-init-", parent = tmpdir()) {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, prefix));
  if (!process.env.KEEP_TEMP) {
    if (!made.length) process.once("exit", () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
    made.push(dir);
  }
  return dir;
}
/** @type {string[]} */
const made = [];

/**
 * Writes `files` (name → text, or an object written as JSON) under `dir`.
 * @param {string} dir
 * @param {Files} files
 */
export function writeFiles(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
}

/** The files of a folder and its subfolders (path relative to it → text) whose path `keep` accepts, sorted by path. */
export function readFolder(dir, keep = () => true) {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .filter(keep);
  return Object.fromEntries(names.sort().map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

/** One file of the repository, by its path from the root (`test/exec/programs/hello.ts`). */
export const readSource = (path) => readFileSync(join(ROOT, path), "utf8");

/**
 * The program files to compile for a target: below ES2015, where private names
 * and accessor fields do not compile, `x.es5.ts` stands in for `x.ts`; elsewhere
 * the `*.es5.ts` files are left out.
 */
export function forTarget(files, target) {
  const es5 = /^ES(3|5)$/i.test(target);
  const chosen = {};
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith(".es5.ts")) continue;
    const variant = name.replace(/\.ts$/, ".es5.ts");
    chosen[name] = es5 && files[variant] !== undefined ? files[variant] : text;
  }
  return chosen;
}

/** Links the repository's node_modules/<name> (or all of node_modules) into `dir`'s node_modules. */
export function linkModules(dir, name) {
  const source = join(ROOT, "node_modules", name ?? "");
  if (!existsSync(source)) throw new Error(`${source} is not installed in this repository`);
  const link = name ? join(dir, "node_modules", name) : join(dir, "node_modules");
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(source, link, "dir");
}

// ---- compiling with a Program (the typed back end)

// Parsed library files, shared between programs: their text never changes.
const libFiles = new Map();
const LIB_DIR = dirname(ts.getDefaultLibFilePath({}));

/** A compiler host that parses each of TypeScript's lib files once per test worker, not once per program. */
function cachingHost(options) {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (dirname(fileName) !== LIB_DIR) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    const { languageVersion: _, ...kind } = typeof languageVersion === "object" ? languageVersion : {};
    const key = `${fileName} ${JSON.stringify(kind)}`;
    if (!libFiles.has(key)) libFiles.set(key, getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate));
    return libFiles.get(key);
  };
  return host;
}

/**
 * How `compile` makes a Program: its compiler options, whether to link tslib, the files it starts
 * from, and its folder (see compile).
 * @typedef {{ compilerOptions?: CompilerOptionsJson, tslib?: boolean, roots?: string[], dir?: string }} CompileOptions
 */

/** Whether a file name is one TypeScript compiles (not a .d.ts). */
export const isTypeScript = (name) => /\.(m|c)?tsx?$/.test(name) && !/\.d\.(m|c)?tsx?$/.test(name);

/**
 * Writes `files` (name → text) to a fresh folder (or `dir`) with a package.json
 * whose "type" follows the module kind, and makes a Program of them: of `roots`
 * (file names) if given, else of every TypeScript file. `tslib: true` links the
 * repository's tslib into the folder's node_modules, so that `importHelpers`
 * builds resolve it as a user's project would.
 *
 * Returns `{ dir, outDir, program, errors, emit }`: `errors` are the compile
 * errors of the input files (syntax, types, options); `emit({ plugin, write, after })`
 * emits the program — with the transformer unless `plugin` is false, plus any
 * `after` transformers — and returns `{ outputs, diagnostics }` (outputs: path
 * under out/ → text; written to out/ too when `write` is set).
 * @param {Files} files
 * @param {CompileOptions} [options]
 */
export function compile(files, { compilerOptions = {}, tslib = false, roots, dir = tempDir() } = {}) {
  writeFiles(dir, { "package.json": { type: isEsm(compilerOptions) ? "module" : "commonjs" }, ...files });
  // TypeScript reports TS2354 under importHelpers when tslib does not resolve.
  if (tslib) linkModules(dir, "tslib");
  const options = parseOptions({ ...BASE_OPTIONS, ...compilerOptions, outDir: "out", rootDir: "." }, dir);
  const rootNames = (roots ?? Object.keys(files).filter(isTypeScript)).map((f) => join(dir, f));
  const program = ts.createProgram(rootNames, options, cachingHost(options));
  const errors = [
    ...program.getOptionsDiagnostics(),
    ...program.getRootFileNames().flatMap((f) => {
      const file = program.getSourceFile(f);
      return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    }),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  const outDir = join(dir, "out");

  /** @param {{ plugin?: PluginOptions, write?: boolean, after?: any[] }} [options] */
  function emit({ plugin = {}, write = false, after = [] } = {}) {
    /** @type {any[]} */
    const diagnostics = [];
    const before = plugin === false ? [] : [tsAsyncInit(program, plugin, { ts, addDiagnostic: (d) => diagnostics.push(d) })];
    /** @type {Record<string, string>} */
    const outputs = {};
    const result = program.emit(
      undefined,
      (file, text) => {
        outputs[relative(outDir, file)] = text;
        if (write) writeFiles(outDir, { [relative(outDir, file)]: text });
      },
      undefined,
      false,
      { before, after },
    );
    return { outputs, diagnostics: [...result.diagnostics, ...diagnostics] };
  }

  return { dir, outDir, program, errors, emit };
}

/**
 * Compiles `files` (see compile) with the transformer (unless `plugin: false`) and
 * writes the output to out/. Returns `{ dir, outDir, outputs, diagnostics, program }`:
 * every diagnostic of the program (`ts.getPreEmitDiagnostics`), of its emit, and
 * of the transformer.
 * @param {Files} files
 * @param {CompileOptions & { plugin?: PluginOptions }} [options]
 */
export function build(files, { plugin = {}, ...options } = {}) {
  const compiled = compile(files, options);
  const emitted = compiled.emit({ plugin, write: true });
  const diagnostics = [...ts.getPreEmitDiagnostics(compiled.program), ...emitted.diagnostics];
  return { dir: compiled.dir, outDir: compiled.outDir, outputs: emitted.outputs, diagnostics, program: compiled.program };
}

// ---- diagnostics

const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };

/** Diagnostics as tsc prints them. */
export const format = (diagnostics) => ts.formatDiagnostics(diagnostics, formatHost);

/** The errors among `diagnostics`, as tsc prints them ("" when there is none). */
export const formatErrors = (diagnostics) => format(diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error));

/** Only this transformer's diagnostics, as `code line:col text` strings. */
export function pluginMessages(diagnostics) {
  return diagnostics
    .filter((d) => d.source === "ts-async-init")
    .map((d) => {
      const where = d.file ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.code} ${where ? `${where.line + 1}:${where.character + 1}` : "-"} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

// ---- running

/**
 * Runs a command and waits for it; never throws. `output` is stdout then stderr
 * (on a line of its own); colours are off, so that the text can be matched.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: Record<string, string | undefined>, timeout?: number }} [options]
 */
export function run(command, args, { cwd, env = {}, timeout = 120_000 } = {}) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...env }, timeout });
  const { stdout, stderr } = result;
  const output = stdout && stderr && !stdout.endsWith("\n") ? `${stdout}\n${stderr}` : stdout + stderr;
  return { code: result.status, signal: result.signal, stdout, stderr, output };
}

/** A Node.js that runs `await using` natively (24), for ESNext output; see test/runtimes. */
export const NODE_24 = join(ROOT, "test/runtimes/node_modules/.bin/node");

/** The Node.js that can run output of this target: this one (20) lowers nothing it needs below ESNext. */
export const nodeFor = (target) => (/esnext/i.test(String(target)) ? NODE_24 : process.execPath);

/**
 * Runs a JavaScript file with Node (this one unless `node` says which), failing on unhandled rejections.
 * @param {string} file
 * @param {{ args?: string[], cwd?: string, nodeArgs?: string[], node?: string, timeout?: number }} [options]
 */
export function runNode(file, { args = [], cwd = dirname(file), nodeArgs = [], node = process.execPath, timeout = 60_000 } = {}) {
  return run(node, ["--unhandled-rejections=strict", ...nodeArgs, file, ...args], { cwd, timeout });
}

/**
 * Starts a compiler's watch mode (`node <bin> --watch <args>`, tsc's or tspc's) in
 * `cwd`. `build(n)` resolves with the output of the n-th build (1 is the first)
 * once the compiler has written all of it, up to its "Found N errors. Watching for
 * file changes."; `stop()` ends the compiler.
 * @param {string} bin
 * @param {readonly string[]} args
 * @param {{ cwd: string, node?: string }} options
 */
export function watchCompiler(bin, args, { cwd, node = process.execPath }) {
  const child = spawn(node, [bin, "--watch", ...args, "--preserveWatchOutput", "--pretty", "false"], { cwd });
  let output = "";
  let waiting = () => {};
  const builds = () => output.match(/[\s\S]*?Watching for file changes\./g) ?? [];
  child.stdout.on("data", (chunk) => {
    output += chunk;
    waiting();
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const build = (n) =>
    new Promise((resolve, reject) => {
      // A limit on waiting, not a measure: on a machine busy with other test processes, a first build has taken over a minute.
      const timer = setTimeout(() => reject(new Error(`${bin} --watch: no build ${n} within 180 s; output so far:\n${output}`)), 180_000);
      waiting = () => {
        if (builds().length < n) return;
        clearTimeout(timer);
        resolve(builds()[n - 1]);
      };
      waiting();
    });
  return { build, stop: () => child.kill() };
}
