// What the text back end's tests share: transform a set of files, compile the
// TypeScript it returns with plain transpileModule (no plugin), run the result;
// type-check it with a Program; read its source map back.

import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { format, runNode, tempDir, ts } from "../support/project.mjs";

const require = createRequire(import.meta.url);
export const { transform } = require("../../dist/api.js");
export { ts };

/**
 * Transforms each `.ts` file (name → text), failing on any diagnostic; other files are kept as they are.
 * @param {Record<string, string>} files
 * @param {Record<string, any>} [options]
 */
export function transformAll(files, options = {}) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, text] of Object.entries(files)) {
    if (!/\.[cm]?[jt]sx?$/.test(name)) {
      out[name] = text;
      continue;
    }
    const result = transform(text, name, { target: "ES2022", ...options });
    if (result.diagnostics.length) throw new Error(`${name}: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`);
    out[name] = result.code;
  }
  return out;
}

/**
 * Writes the files to a fresh folder as JavaScript (each TypeScript file through plain
 * transpileModule, at `target`, as ES modules) and runs `main` with Node (the one given, or this one).
 * @param {Record<string, string>} files
 * @param {{ target?: string, main?: string, node?: string }} [options]
 */
export function runFiles(files, { target = "ES2022", main = "main.js", node } = {}) {
  const dir = tempDir("ts-async-init-text-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const [name, text] of Object.entries(files)) {
    const js = /\.tsx?$/.test(name)
      ? ts.transpileModule(text, { fileName: name, compilerOptions: { target: ts.ScriptTarget[target], module: ts.ModuleKind.ESNext } }).outputText
      : text;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name.replace(/\.tsx?$/, ".js")), js);
  }
  return runNode(join(dir, main), node ? { node } : {});
}

/**
 * Transforms the files, then runs them (with `node`, when given): stdout's lines, failing on anything on stderr.
 * @param {any} t
 * @param {Record<string, string>} files
 * @param {Record<string, any>} [options]
 */
export function transformAndRun(t, files, { node, ...options } = {}) {
  const run = runFiles(transformAll(files, options), { ...options, node });
  t.is(run.stderr, "");
  t.is(run.code, 0);
  return run.stdout.trim().split("\n");
}

/** The settings a user's tsconfig may have beyond `strict` that change what type-checks. */
export const STRICT = {
  strict: true,
  noImplicitOverride: true,
  exactOptionalPropertyTypes: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noPropertyAccessFromIndexSignature: true,
  ...(Number(ts.versionMajorMinor) >= 5.8 ? { erasableSyntaxOnly: false } : {}),
};

// TypeScript's lib files are parsed once for every program of a test file.
const libs = new Map();
function cachingHost(options) {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, ...rest) => {
    if (!fileName.includes("/node_modules/typescript/lib/")) return getSourceFile(fileName, ...rest);
    const key = `${fileName} ${JSON.stringify(rest[0])}`;
    if (!libs.has(key)) libs.set(key, getSourceFile(fileName, ...rest));
    return libs.get(key);
  };
  return host;
}

/** The type-check diagnostics of a set of files (name → text), under the compiler options given. */
export function typeCheck(files, compilerOptions) {
  const dir = tempDir("ts-async-init-typecheck-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const parsed = ts.convertCompilerOptionsFromJson(
    { target: "es2022", module: "esnext", moduleResolution: "bundler", types: [], skipLibCheck: true, noEmit: true, ...compilerOptions },
    dir,
  );
  if (parsed.errors.length) throw new Error(format(parsed.errors));
  const roots = Object.keys(files)
    .filter((name) => /\.[cm]?tsx?$/.test(name))
    .map((name) => join(dir, name));
  const program = ts.createProgram(roots, parsed.options, cachingHost(parsed.options));
  return { dir, diagnostics: ts.getPreEmitDiagnostics(program) };
}

/** Where an output position (1-based line, 0-based column) came from in the input: { line, column }, line 1-based. */
export function originalOf(map, line, column) {
  const found = originalPositionFor(new TraceMap(map), { line, column });
  return { line: found.line, column: found.column, source: found.source };
}
