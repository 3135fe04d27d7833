// Temp projects compiled by the real command-line compilers: plain `tsc`, and `tspc` (ts-patch) with this plugin.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { BASE_OPTIONS as COMPILE_OPTIONS, ROOT, run, tempDir, writeFiles } from "../../support/project.mjs";

export const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
export const TSPC = join(ROOT, "node_modules/ts-patch/bin/tspc.js");
export const TSSERVER = join(ROOT, "node_modules/typescript/lib/tsserver.js");

/**
 * The tsconfig entries a user adds: the program transformer for tspc, and the editor plugin.
 * @type {Record<string, unknown>[]}
 */
export const PLUGINS = [{ transform: "ts-async-init", transformProgram: true }, { name: "ts-async-init" }];

/** The tsconfig.json options of a project: those the exec tests compile with, for ES2022 and CommonJS. */
export const BASE_OPTIONS = {
  target: "ES2022",
  module: "commonjs",
  lib: COMPILE_OPTIONS.lib,
  strict: COMPILE_OPTIONS.strict,
  types: COMPILE_OPTIONS.types,
  outDir: "out",
  rootDir: ".",
};

/**
 * Writes a project to a fresh folder: `files` (name → text), a tsconfig.json
 * with `compilerOptions` over BASE_OPTIONS (and `plugins` if given), and
 * node_modules/ts-async-init pointing at this repository, as an installed
 * package would be. `links` adds more packages: name → folder.
 * @param {import("../../support/project.mjs").Files} files
 * @param {{ compilerOptions?: Record<string, unknown>, plugins?: Record<string, unknown>[], links?: Record<string, string>, include?: string[], dir?: string }} [options]
 */
export function writeProject(files, { compilerOptions = {}, plugins, links = {}, include = ["**/*.ts"], dir = tempDir("ts-async-init-types-") } = {}) {
  written.push(dir);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/ts-async-init"), "dir");
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(target, join(dir, "node_modules", name), "dir");
  }
  const options = { ...BASE_OPTIONS, ...compilerOptions, ...(plugins ? { plugins } : {}) };
  writeFiles(dir, { "package.json": { name: "project", private: true }, "tsconfig.json": { compilerOptions: options, include }, ...files });
  return dir;
}

/** @type {string[]} */
const written = [];

/** Removes the projects written so far (the links in their node_modules go, not what they point at). */
export function removeProjects() {
  for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs a compiler's command line in `dir`; returns its exit code, its output, and the diagnostics read from it. */
export function compile(compiler, dir, args = ["-p", "."]) {
  // `-b` must come first; `--pretty false` keeps the output one diagnostic per line.
  const result = run(process.execPath, [compiler, ...args, "--pretty", "false"], { cwd: dir });
  return { code: result.code, output: result.output, diagnostics: parseDiagnostics(result.output) };
}

export const tsc = (dir, args) => compile(TSC, dir, args);
export const tspc = (dir, args) => compile(TSPC, dir, args);

/**
 * `file(line,col): error TS2322: text` lines, each with its indented
 * continuation lines, as `{ file, line, col, category, code, text, where }`.
 */
export function parseDiagnostics(output) {
  /** @type {{ file: string | undefined, line: number, col: number, category: string, code: number, text: string, where: string }[]} */
  const diagnostics = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^(.+?)\((\d+),(\d+)\): (error|warning|message) TS(\d+): (.*)$/.exec(line);
    if (match) {
      const [, file, row, col, category, code, text] = match;
      diagnostics.push({ file, line: +row, col: +col, category, code: +code, text, where: `${file}:${row}:${col}` });
    } else if (/^\s+\S/.test(line) && diagnostics.length) {
      diagnostics[diagnostics.length - 1].text += `\n${line}`;
    } else if (/^(error|warning) TS\d+: /.test(line)) {
      const [, category, code, text] = /** @type {RegExpExecArray} */ (/^(\w+) TS(\d+): (.*)$/.exec(line));
      diagnostics.push({ file: undefined, line: 0, col: 0, category, code: +code, text, where: "-" });
    }
  }
  return diagnostics;
}

/** One diagnostic as one comparable string: place, code and full text. */
export const describe = (d) => `${d.where} TS${d.code} ${d.text}`;

/** The 1-based numbers of the lines of `text` that contain `marker`. */
export function linesWith(text, marker) {
  return text.split("\n").flatMap((line, i) => (line.includes(marker) ? [i + 1] : []));
}
