import { resolve, sep } from "node:path";
import type * as ts from "typescript";
import { buildEntryOf } from "../../core/options";
import { fileKey, referencedProjects } from "../../core/referencedProjects";
import { transformProgram } from "../tspatch/program";
import type { Project } from "./projects";

export type Mode = "check" | "build";

/** The diagnostics a program, or an incremental builder over one, gives file by file. */
type DiagnosticSource = Pick<
  ts.Program,
  | "getConfigFileParsingDiagnostics"
  | "getOptionsDiagnostics"
  | "getGlobalDiagnostics"
  | "getSyntacticDiagnostics"
  | "getSemanticDiagnostics"
  | "getDeclarationDiagnostics"
> & { emit(): ts.EmitResult };

export interface CompileHooks {
  /** Called before the files are checked; `tick` once per file. */
  progress(total: number): { tick(): void; end(): void };
}

/**
 * Checks, or builds, one project with the program transformer's program (see
 * frontends/tspatch/program.ts): its diagnostics lose the checker's untrue
 * TS2851 / TS80007 and gain this package's checks (TS46001…), and its `emit`
 * runs the rewrite and the `.d.ts` transformer. The diagnostics are gathered as
 * `tsc -p` gathers them, and in the same order:
 *
 *     config file → syntax (stop there if any) → options, global → semantics,
 *     file by file → declarations (check, or build with noEmit) → emit (build)
 *
 * - check: a program that reads referenced projects from their sources (as the
 *   editor does), so nothing needs to be built first; only this project's own
 *   files are checked (the referenced ones are checked as projects of their own).
 * - build: a program that reads referenced projects' `.d.ts` output, as `tsc -b`
 *   does; with `incremental` or `composite`, an incremental program, so that the
 *   `.tsbuildinfo` is written and read as `tsc` does.
 */
export function compileProject(ts: typeof import("typescript"), project: Project, mode: Mode, hooks: CompileHooks): Compiled {
  const { parsed } = project;
  // check is `tsc --noEmit`: options that need noEmit (allowImportingTsExtensions) are no error there, as there.
  const options = mode === "check" ? withNoEmit(parsed.options) : parsed.options;
  const configFileParsingDiagnostics = ts.getConfigFileParsingDiagnostics(parsed);
  const programOptions = (host: ts.CompilerHost): ts.CreateProgramOptions => ({
    rootNames: parsed.fileNames,
    options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics,
    host,
  });
  const config = buildEntryOf(options);

  // The program transformer changes the program in place (its diagnostics, its emit, its files' versions).
  const transformed = (program: ts.Program) => {
    transformProgram(program, undefined, config, { ts });
    return program;
  };
  let program: ts.Program;
  let source: DiagnosticSource;
  if (mode === "build" && (options.incremental || (options.composite && options.incremental !== false))) {
    // createIncrementalProgram, with the program transformed before the builder compares its files' versions
    // with the .tsbuildinfo's: one that plain tsc wrote (unversioned) then tells every file changed, as with tspc.
    const host = namingFilesParsed(ts.createIncrementalCompilerHost(options));
    const old = ts.readBuilderProgram(options, host);
    program = transformed(ts.createProgram(programOptions(host)));
    source = ts.createEmitAndSemanticDiagnosticsBuilderProgram(program, host, old, configFileParsingDiagnostics) as unknown as DiagnosticSource;
  } else {
    const host = namingFilesParsed(ts.createCompilerHost(options));
    // What the editor's language service does (public there, honoured by createProgram): referenced projects read from their sources.
    if (mode === "check") (host as ts.CompilerHost & { useSourceOfProjectReferenceRedirect?(): boolean }).useSourceOfProjectReferenceRedirect = () => true;
    program = transformed(ts.createProgram(programOptions(host)));
    source = program;
  }

  const files = ownFiles(ts, program);
  const all = [...source.getConfigFileParsingDiagnostics()];
  const before = all.length;
  for (const file of files) all.push(...source.getSyntacticDiagnostics(file));
  if (all.length === before) {
    all.push(...source.getOptionsDiagnostics(), ...source.getGlobalDiagnostics());
    if (all.length === before) {
      const progress = hooks.progress(files.length);
      for (const file of files) {
        all.push(...source.getSemanticDiagnostics(file));
        progress.tick();
      }
      progress.end();
    }
    const declarations = options.declaration || options.composite;
    if (declarations && (mode === "check" || options.noEmit) && all.length === before) {
      for (const file of files) all.push(...source.getDeclarationDiagnostics(file));
    }
  }
  const emitted = mode === "build" ? source.emit() : undefined;
  if (emitted) all.push(...emitted.diagnostics);
  return { diagnostics: [...ts.sortAndDeduplicateDiagnostics(all)], listed: listed(program, options, emitted) };
}

/** TypeScript's parser failed on a file of the program (on code nested more deeply than it can go, a RangeError): which one. */
export class ParserFailed extends Error {
  constructor(
    readonly fileName: string,
    reason: Error,
  ) {
    super(reason.message);
  }
}

/** The host, with its parser's stack overflow on a file told as ParserFailed, naming the file: an import outside `include` or in node_modules too. */
function namingFilesParsed<Host extends ts.CompilerHost>(host: Host): Host {
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, ...rest) => {
    try {
      return getSourceFile.call(host, fileName, ...rest);
    } catch (error) {
      throw error instanceof RangeError ? new ParserFailed(fileName, error) : error;
    }
  };
  return host;
}

/** What a project's compile gives: its diagnostics, then the lines `listEmittedFiles` and `listFiles` ask for. */
export interface Compiled {
  diagnostics: ts.Diagnostic[];
  listed: string[];
}

/**
 * The lines tsc prints after the diagnostics for `listEmittedFiles` (`TSFILE: /abs/out/db.js`,
 * in a build) and `listFiles` (each file of the program), in that order.
 */
function listed(program: ts.Program, options: ts.CompilerOptions, emitted: ts.EmitResult | undefined): string[] {
  const directory = program.getCurrentDirectory();
  const emittedFiles = (emitted?.emittedFiles ?? []).map((file) => `TSFILE: ${resolve(directory, file).split(sep).join("/")}`);
  const files = options.listFiles ? program.getSourceFiles().map((file) => file.fileName) : [];
  return [...emittedFiles, ...files];
}

/** The options whose output tsc prints of its own work, which check and build do not act on (a note says so). */
export const UNHEEDED_OPTIONS = [
  "explainFiles",
  "extendedDiagnostics",
  "diagnostics",
  "traceResolution",
  "generateTrace",
  "generateCpuProfile",
  "listFilesOnly",
];

/**
 * The options with `noEmit`, as `tsc --noEmit` sets it. `configFile` (the tsconfig.json,
 * where option errors are reported) is a property TypeScript hides from a spread: kept too.
 */
function withNoEmit(options: ts.CompilerOptions): ts.CompilerOptions {
  const copy: ts.CompilerOptions = { ...options, noEmit: true };
  const configFile = Object.getOwnPropertyDescriptor(options, "configFile");
  if (configFile) Object.defineProperty(copy, "configFile", configFile);
  return copy;
}

/** The program's files but those of referenced projects (in a check, read from their sources; checked as projects of their own). */
function ownFiles(ts: typeof import("typescript"), program: ts.Program): readonly ts.SourceFile[] {
  const referenced = new Set(referencedProjects(program).flatMap(({ commandLine }) => commandLine.fileNames.map((file) => fileKey(ts, file))));
  return referenced.size ? program.getSourceFiles().filter((f) => !referenced.has(fileKey(ts, f.fileName))) : program.getSourceFiles();
}
