import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { createDiagnostic, Diagnostics } from "../../core/diagnostics";
import { transformPlaceIn } from "../tspatch/optionPlace";
import type { Located } from "../typescript";
import { type Command, parseArguments, USAGE } from "./args";
import { compileProject, type Mode, ParserFailed, UNHEEDED_OPTIONS } from "./compile";
import { readProjects } from "./projects";
import { createPrinter, createProgress, type Output } from "./report";
import { chooseTypeScript, loadTypeScript } from "./typescript";

/**
 * The `ts-async-init` command line (bin: dist/cli.js):
 *
 *     ts-async-init check -p tsconfig.json    type-check as tsc does, with this package's checks and no untrue TS2851
 *     ts-async-init build -p tsconfig.json    compile with the rewrite, as tspc with the plugin entry does
 *
 * It loads only the analysis, the AST back end and the program transformer
 * (frontends/tspatch/program.ts), and a TypeScript with a JavaScript API that it
 * picks for the project (typescript.ts): never bundler code or the text back end.
 *
 * What goes where: diagnostics (with their TS code) on stdout, as tsc prints them;
 * progress, notes and command-line mistakes on stderr. Exit status: 0 without
 * errors, 1 with, 2 for a wrong command line. Nothing is thrown at the user: an
 * unexpected failure is one line, error TS46099.
 */
export interface Io {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function main(args: readonly string[], io: Io): number {
  let command: Command | undefined;
  try {
    command = parseArguments(args);
    return run(command, io);
  } catch (error) {
    // One line, without the stack: the first line of the message is what a report needs.
    const message = error instanceof Error ? error.message : String(error);
    const name = command?.kind === "check" || command?.kind === "build" ? command.kind : "(command line)";
    io.stderr.write(`${io.stderr.isTTY ? "\r\x1b[K" : ""}error TS46099: ${Diagnostics.cliInternal.text(name, message.split("\n")[0])}\n`);
    return 1;
  }
}

function run(command: Command, io: Io): number {
  switch (command.kind) {
    case "help":
      io.stdout.write(USAGE);
      return 0;
    case "none":
      io.stderr.write(USAGE);
      return 2;
    case "misuse":
      io.stderr.write(`ts-async-init: ${command.message}\n`);
      return 2;
    case "version":
      io.stdout.write(versionText(io.cwd));
      return 0;
    default:
      return compile(command.kind, command.project, command.pretty, io);
  }
}

function versionText(cwd: string): string {
  const { version } = require("../../../package.json") as { version: string };
  const choice = chooseTypeScript(cwd, cwd);
  const typescript = "found" in choice ? `${choice.found.name} ${choice.found.version}${compilerVersion(choice.found)}` : `none usable here: ${choice.problem}`;
  return `ts-async-init ${version}\nTypeScript (for ${cwd}): ${typescript}\n`;
}

/** ` (TypeScript 6.0.3)`: the compiler a package of another name holds (`@typescript/typescript6` 6.0.2 holds 6.0.3), or nothing. */
function compilerVersion(located: Located): string {
  if (located.name === "typescript") return "";
  const loaded = loadTypeScript(located);
  return "ts" in loaded ? ` (TypeScript ${loaded.ts.version})` : "";
}

function compile(mode: Mode, project: string | undefined, prettyOption: boolean | undefined, io: Io): number {
  // The tsconfig.json, found as `tsc -p` finds it, with tsc's own messages when it is not there.
  const given = project ?? ".";
  const path = resolve(io.cwd, given);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return fail(io, `error TS5058: The specified path does not exist: '${given}'.`);
  const configPath = stat.isDirectory() ? join(path, "tsconfig.json") : path;
  if (!existsSync(configPath)) return fail(io, `error TS5057: Cannot find a tsconfig.json file at the specified directory: '${given}'.`);

  const choice = chooseTypeScript(dirname(configPath), io.cwd);
  if ("problem" in choice) return fail(io, `error TS46009: ${choice.problem}`);
  const loaded = loadTypeScript(choice.found);
  if ("problem" in loaded) return fail(io, `error TS46009: ${loaded.problem}`);
  const { ts } = loaded;

  // TypeScript's own paths have forward slashes, on Windows too: so have the references this one is compared with.
  // Next to TypeScript 7 (its side-by-side TypeScript 6 API), the options only the native compiler knows are no error.
  const nextToNative = choice.found.name === "@typescript/typescript6";
  const { projects, unrecoverable } = readProjects(ts, configPath.split(sep).join("/"), nextToNative);
  const root = projects[projects.length - 1];
  const pretty = prettyOption ?? (root?.parsed.options.pretty as boolean | undefined) ?? (io.stdout.isTTY === true && !io.env.NO_COLOR);
  const printer = createPrinter(ts, io.stdout, io.cwd, pretty, projects.length > 1);
  if (!root || unrecoverable.length > 0) {
    printer.print(unrecoverable);
    return 1;
  }

  // Each project after those it references. A build goes on past a project with errors, as `tsc -b` does from
  // TypeScript 5.6 on: its output is written all the same (unless noEmitOnError), and the projects that use it build on it.
  let failed = false;
  const nameOf = (configPath: string) => relative(io.cwd, configPath) || configPath;
  for (const each of projects) {
    const name = nameOf(each.configPath);
    // This package's bundler entry where its transformer belongs: tspc stops on it (TS46010), and so do check and build.
    const misplaced = bundlerEntriesAsTransformers(ts, each.parsed.options);
    if (misplaced.length > 0) {
      printer.print(misplaced);
      failed = true;
      continue;
    }
    const others = mode === "build" ? otherTransformers(each.parsed.options) : [];
    if (others.length > 0) {
      io.stderr.write(
        `ts-async-init: ${name} names other transformers in its plugins (${others.map((o) => `'${o}'`).join(", ")}); build runs this package's rewrite only, and not them: build with tspc to run them all.\n`,
      );
    }
    const unheeded = UNHEEDED_OPTIONS.filter((option) => each.parsed.options[option]);
    if (unheeded.length > 0) {
      io.stderr.write(
        `ts-async-init: ${name} sets ${unheeded.join(", ")}, which ${mode} does not act on (what tsc prints of its own work): run tsc --noEmit for ${unheeded.length === 1 ? "it" : "them"}.\n`,
      );
    }
    const errorsBefore = printer.errors;
    let compiled: ReturnType<typeof compileProject>;
    try {
      compiled = compileProject(ts, each, mode, { progress: (total) => createProgress(io.stderr, total, name) });
    } catch (error) {
      if (!(error instanceof ParserFailed)) throw error;
      printer.print([parserFailedAt(ts, error)]);
      failed = true;
      continue;
    }
    const { diagnostics, listed } = compiled;
    printer.print(diagnostics);
    for (const line of listed) io.stdout.write(`${line}\n`);
    if (printer.errors > errorsBefore) failed = true;
  }
  printer.finish();
  return failed ? 1 : 0;
}

/**
 * The transformers a project's `plugins` name besides this package (ts-patch's entries
 * `{ "transform": "…" }`), which `build` does not run: a language-service plugin
 * (`{ "name": "…" }`) is the editor's, and no part of a build.
 */
function otherTransformers(options: import("typescript").CompilerOptions): string[] {
  const plugins = (options.plugins ?? []) as unknown as { transform?: unknown }[];
  return plugins.flatMap((plugin) =>
    typeof plugin.transform === "string" && plugin.transform !== "ts-async-init" && !BUNDLER_ENTRY.test(plugin.transform) ? [plugin.transform] : [],
  );
}

/** This package's bundler entries (`ts-async-init/vite`…). */
const BUNDLER_ENTRY = /^ts-async-init\/(?:vite|rolldown|rollup|esbuild|webpack|rspack|bun)$/;

/**
 * Error TS46010 for each of this package's bundler entries named as a transformer in the
 * project's tsconfig.json, at its name there:
 *
 *     "plugins": [{ "transform": "ts-async-init/vite" }]   →   tsconfig.json:9:33 - error TS46010: ts-async-init/vite is a bundler's plugin, …
 */
function bundlerEntriesAsTransformers(ts: typeof import("typescript"), options: import("typescript").CompilerOptions): import("typescript").Diagnostic[] {
  const plugins = (options.plugins ?? []) as unknown as { transform?: unknown }[];
  const configFile = options.configFile as import("typescript").TsConfigSourceFile | undefined;
  return plugins.flatMap((plugin) => {
    if (typeof plugin.transform !== "string" || !BUNDLER_ENTRY.test(plugin.transform)) return [];
    return [createDiagnostic(ts, "bundlerEntryAsTransformer", transformPlaceIn(ts, configFile, plugin.transform), plugin.transform)];
  });
}

/**
 * TypeScript's own failure on code nested more deeply than its parser can go (`[[[[…]]]]`
 * thousands deep), which stops tsc with a stack too: error TS46099 at the file the compiler
 * host was reading (./compile.ts), where it would read as this package's failure.
 *
 *     src/deep.ts:1:1 - error TS46099: TypeScript 5.9.3's parser failed on this file (Maximum call stack size exceeded); …
 */
function parserFailedAt(ts: typeof import("typescript"), failure: ParserFailed): import("typescript").Diagnostic {
  const where = { file: ts.createSourceFile(failure.fileName, "", ts.ScriptTarget.Latest), start: 0, length: 0 };
  return createDiagnostic(ts, "parserFailed", where, ts.version, failure.message);
}

/** A problem before any project could be read: one line, as tsc prints its own. */
function fail(io: Io, line: string): number {
  io.stdout.write(`${line}\n`);
  return 1;
}
