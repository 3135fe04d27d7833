// The three ways a program reaches JavaScript through this package, for the tests
// that compile a program and run it (buildAndRun), and for the parity tests, where
// the same program must print the same on each:
//
// - "typed": one ts.Program of all the files, the transformer as a `before`
//   transformer with that program (its type checker), as the ts-patch plugin runs;
// - "untyped": each file alone through ts.transpileModule with the transformer and
//   no program, as ts-jest's isolatedModules or ts-loader's transpileOnly run it (the
//   AST back end without a checker);
// - "text": each file alone through dist/api.js's transform(), TypeScript in,
//   TypeScript out, then plain ts.transpileModule (the text back end, as bundlers
//   run it).
//
// transpileModule reads no package.json, so it cannot tell that a `nodenext` file
// is an ES module: for ESM cells the untyped and text back ends compile with
// `module: "esnext"`, which emits the same module syntax.
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import {
  BASE_OPTIONS,
  build,
  isEsm,
  isTypeScript,
  nodeFor,
  parseOptions,
  ROOT,
  runNode,
  TYPESCRIPT_VERSION,
  tempDir,
  ts,
  tsAsyncInit,
  VERSION_CELLS,
  writeFiles,
} from "./project.mjs";

const require = createRequire(import.meta.url);

export const BACK_ENDS = ["typed", "untyped", "text"];

/**
 * The back ends the parity tests run besides "typed", from the environment:
 *
 *     PARITY_BACK_ENDS=text npx ava test/exec/semantics/
 *
 * Both by default; a comma-separated list of "untyped" and "text" picks some, an
 * empty one (PARITY_BACK_ENDS=) none. Only on the repository's TypeScript:
 * test/versions runs "typed" alone.
 */
export const PARITY_BACK_ENDS = TYPESCRIPT_VERSION ? [] : backEndsNamed(process.env.PARITY_BACK_ENDS ?? "untyped,text");

/** The matrix cells the parity back ends run on (they are cheap to compile; running dominates). */
export const PARITY_CELLS = VERSION_CELLS;

/**
 * The runs of a parity test: every cell of `matrix` with "typed", then the
 * PARITY_CELLS among them with each of PARITY_BACK_ENDS that `backEnds` allows.
 * Each is `{ cell, backEnd, label }`; a test title ends with `(label)`:
 * "ES2017/commonjs" for typed, "ES2017/commonjs, untyped" for another back end.
 */
export function parityRuns(matrix, backEnds = BACK_ENDS) {
  const others = PARITY_BACK_ENDS.filter((backEnd) => backEnds.includes(backEnd));
  return [
    ...matrix.map((cell) => ({ cell, backEnd: "typed", label: cell.name })),
    ...others.flatMap((backEnd) =>
      matrix.filter((cell) => PARITY_CELLS.includes(cell.name)).map((cell) => ({ cell, backEnd, label: `${cell.name}, ${backEnd}` })),
    ),
  ];
}

function backEndsNamed(list) {
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => name === "typed" || !BACK_ENDS.includes(name));
  if (unknown.length) throw new Error(`PARITY_BACK_ENDS=${list}: ${unknown.join(", ")} is not one of untyped, text`);
  return names;
}

/**
 * A compile problem as every back end can report it: `{ code, category ("error",
 * "warning"…), file, line, column (1-based), message, lineText }`, where lineText is
 * the source line it points at.
 */
function problemOf(diagnostic, dir) {
  const category = ts.DiagnosticCategory[diagnostic.category].toLowerCase();
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file) return { code: diagnostic.code, category, file: "", line: 0, column: 0, message, lineText: "" };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const lineText = diagnostic.file.text.split("\n")[line];
  return { code: diagnostic.code, category, file: relative(dir, diagnostic.file.fileName), line: line + 1, column: character + 1, message, lineText };
}

/** Problems as lines, as tsc prints them without colours. */
export const formatProblems = (problems) => problems.map((p) => `${p.file}(${p.line},${p.column}): ${p.category} TS${p.code}: ${p.message}\n`).join("");

/** The output file of a source file: `.ts` → `.js`, `.mts` → `.mjs`, `.cts` → `.cjs`. */
const outputName = (name) => name.replace(/\.(m|c)?tsx?$/, (_, kind = "") => `.${kind}js`);

/** Compiler options for transpileModule: those of the cell, with `module: "esnext"` for ES modules (see above). */
function transpileOptions(compilerOptions, dir) {
  const esm = isEsm(compilerOptions) ? { module: "esnext", moduleResolution: "bundler" } : {};
  return parseOptions({ ...BASE_OPTIONS, ...compilerOptions, ...esm }, dir);
}

function buildTyped(files, { compilerOptions, plugin, roots, dir }) {
  const built = build(files, { compilerOptions, plugin, roots, dir });
  return { dir: built.dir, outDir: built.outDir, outputs: built.outputs, problems: built.diagnostics.map((d) => problemOf(d, built.dir)) };
}

/** Compiles each TypeScript file of `files` alone with `compileFile(name, text)` → `{ code, problems }`; writes the output to out/. */
function buildFileByFile(files, { compilerOptions, dir }, compileFile) {
  writeFiles(dir, { "package.json": { type: isEsm(compilerOptions) ? "module" : "commonjs" }, ...files });
  const outDir = join(dir, "out");
  const outputs = {};
  const problems = [];
  for (const [name, text] of Object.entries(files)) {
    if (!isTypeScript(name)) continue;
    const compiled = compileFile(name, text);
    outputs[outputName(name)] = compiled.code;
    problems.push(...compiled.problems);
  }
  writeFiles(outDir, outputs);
  return { dir, outDir, outputs, problems };
}

function buildUntyped(files, { compilerOptions, plugin, dir }) {
  const options = transpileOptions(compilerOptions, dir);
  return buildFileByFile(files, { compilerOptions, dir }, (name, text) => {
    const diagnostics = [];
    const before = plugin === false ? [] : [tsAsyncInit(undefined, plugin, { ts, addDiagnostic: (d) => diagnostics.push(d) })];
    const output = ts.transpileModule(text, { fileName: join(dir, name), compilerOptions: options, transformers: { before }, reportDiagnostics: true });
    return { code: output.outputText, problems: [...output.diagnostics, ...diagnostics].map((d) => problemOf(d, dir)) };
  });
}

function buildText(files, { compilerOptions, plugin, dir }) {
  const { transform } = require(join(ROOT, "dist/api.js"));
  const options = transpileOptions(compilerOptions, dir);
  return buildFileByFile(files, { compilerOptions, dir }, (name, text) => {
    const rewritten = transform(text, name, { ...plugin, target: compilerOptions.target, typescript: ts });
    const output = ts.transpileModule(rewritten.code, { fileName: join(dir, name), compilerOptions: options, reportDiagnostics: true });
    const lines = text.split("\n");
    const problems = rewritten.diagnostics.map((d) => ({
      code: d.code,
      category: d.category,
      file: name,
      line: d.line,
      column: d.column,
      message: d.message,
      lineText: lines[d.line - 1] ?? "",
    }));
    return { code: output.outputText, problems: [...problems, ...output.diagnostics.map((d) => problemOf(d, dir))] };
  });
}

const BUILDERS = { typed: buildTyped, untyped: buildUntyped, text: buildText };

/**
 * How buildWith compiles: the compiler options, the transformer's options (`false`: none), the
 * files the Program starts from (typed only), and the folder.
 * @typedef {{ compilerOptions?: import("./project.mjs").CompilerOptionsJson, plugin?: import("./project.mjs").PluginOptions, roots?: string[], dir?: string }} BuildOptions
 */

/**
 * Compiles `files` (name → text) in a fresh folder (or `dir`) with one back end and
 * the transformer options `plugin` (typed and untyped: `false` compiles without the
 * transformer); `roots` (typed only) names the files the Program
 * starts from. Returns `{ dir, outDir, outputs, problems }` (outputs: path under
 * out/ → text, also written there).
 * @param {string} backEnd
 * @param {import("./project.mjs").Files} files
 * @param {BuildOptions} [options]
 */
export function buildWith(backEnd, files, { compilerOptions = {}, plugin = {}, roots, dir = tempDir() } = {}) {
  if (!BUILDERS[backEnd]) throw new Error(`no back end ${backEnd}: one of ${BACK_ENDS.join(", ")}`);
  return BUILDERS[backEnd](files, { compilerOptions, plugin, roots, dir });
}

/**
 * Compiles `files` with a back end ("typed" by default) and runs `main` (main.ts by
 * default) with the Node.js for the target. Fails loudly when compiling reports
 * errors, unless `allowErrors`. Returns what buildWith returns, and `{ code,
 * stdout, stderr }` of the run.
 * @param {import("./project.mjs").Files} files
 * @param {BuildOptions & { backEnd?: string, main?: string, allowErrors?: boolean }} [options]
 */
export function buildAndRun(files, { backEnd = "typed", main = "main.ts", allowErrors = false, ...options } = {}) {
  const built = buildWith(backEnd, files, options);
  const errors = built.problems.filter((p) => p.category === "error");
  if (errors.length && !allowErrors) throw new Error(`compile errors (${backEnd}):\n${formatProblems(errors)}`);
  const run = runNode(join(built.outDir, outputName(main)), { node: nodeFor(options.compilerOptions?.target) });
  return { ...built, ...run };
}
