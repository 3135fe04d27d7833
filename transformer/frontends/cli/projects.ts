import type * as ts from "typescript";
import { fileKey } from "../../core/referencedProjects";

/** One tsconfig.json, read as `tsc -p` reads it (`extends` followed, `files` / `include` expanded). */
export interface Project {
  configPath: string;
  parsed: ts.ParsedCommandLine;
  /** The config files of the projects it references, as `tsc -b` finds them. */
  references: string[];
}

/**
 * Reads a project and every project it references, directly or not, each once:
 *
 *     app/tsconfig.json → references lib, which references core
 *       → [core, lib, app]      (each after the projects it references, as `tsc -b` builds them)
 *
 * `unrecoverable` holds what TypeScript reports when the root's file cannot be
 * read at all, and a cycle of references, as `tsc -b` reports it (TS6202: it builds
 * nothing then). A referenced config that cannot be read is left out: the program
 * of the project that references it reports it (TS6053), as `tsc` does.
 */
export function readProjects(
  ts: typeof import("typescript"),
  rootConfig: string,
  nextToNative = false,
): { projects: Project[]; unrecoverable: ts.Diagnostic[] } {
  const unrecoverable: ts.Diagnostic[] = [];
  const visiting: string[] = []; // the chain of references being read, for cycles
  const extendedConfigCache = new Map<string, ts.ExtendedConfigCacheEntry>();
  const seen = new Set<string>();
  const projects: Project[] = [];
  const key = (path: string) => fileKey(ts, path);

  const visit = (configPath: string, isRoot: boolean): void => {
    const inChain = visiting.findIndex((each) => key(each) === key(configPath));
    if (inChain >= 0) {
      unrecoverable.push(cycleDiagnostic(ts, visiting.slice(inChain)));
      return;
    }
    if (seen.has(key(configPath))) return;
    seen.add(key(configPath));
    const host: ts.ParseConfigFileHost = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      readDirectory: ts.sys.readDirectory,
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      getCurrentDirectory: ts.sys.getCurrentDirectory,
      onUnRecoverableConfigFileDiagnostic: (d) => isRoot && unrecoverable.push(d),
    };
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, host, extendedConfigCache);
    if (!parsed) return;
    if (nextToNative) parsed.errors = parsed.errors.filter((d) => !isNativeOnlyOption(ts, d));
    const references = (parsed.projectReferences ?? []).map((ref) => ts.resolveProjectReferencePath(ref));
    visiting.push(configPath);
    for (const reference of references) visit(reference, false);
    visiting.pop();
    projects.push({ configPath, parsed, references });
  };
  visit(rootConfig, true);
  return { projects, unrecoverable };
}

/**
 * The options that only TypeScript 7's native compiler knows (how many threads it checks
 * and builds with, what it prints), which TypeScript 6's API, reading the project of a
 * TypeScript 7 user, would report as unknown (TS5023, or TS5025 with a suggestion):
 *
 *     tsconfig.json(11,24): error TS5025: Unknown compiler option 'checkers'. Did you mean 'checkJs'?
 *
 * They change nothing in what is compiled: next to TypeScript 7 they are left to it.
 */
const NATIVE_ONLY_OPTIONS = ["checkers", "singleThreaded", "quiet", "deduplicatePackages", "pprofDir"];

function isNativeOnlyOption(ts: typeof import("typescript"), diagnostic: ts.Diagnostic): boolean {
  if (diagnostic.code !== 5023 && diagnostic.code !== 5025) return false;
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  return NATIVE_ONLY_OPTIONS.some((name) => text.includes(`'${name}'`));
}

/** tsc -b's error for a cycle of references: `error TS6202: … Cycle detected: app/tsconfig.json` and the others, one per line. */
function cycleDiagnostic(ts: typeof import("typescript"), cycle: string[]): ts.Diagnostic {
  return {
    file: undefined,
    start: undefined,
    length: undefined,
    category: ts.DiagnosticCategory.Error,
    code: 6202,
    messageText: `Project references may not form a circular graph. Cycle detected: ${cycle.join("\n")}`,
  };
}
