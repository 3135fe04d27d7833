import type * as ts from "typescript";
import { buildEntryOf, type Options, readOptions } from "./options";

/** A file's name as the file system tells files apart: lower-cased where it ignores case. */
export function fileKey(ts: typeof import("typescript"), fileName: string): string {
  return ts.sys?.useCaseSensitiveFileNames === false ? fileName.toLowerCase() : fileName;
}

/** Every project a program references, through the references of those too, each once, depth first. */
export function referencedProjects(program: ts.Program): ts.ResolvedProjectReference[] {
  const found: ts.ResolvedProjectReference[] = [];
  const seen = new Set<ts.ResolvedProjectReference>();
  const visit = (references: readonly (ts.ResolvedProjectReference | undefined)[] | undefined): void => {
    for (const reference of references ?? []) {
      if (!reference || seen.has(reference)) continue;
      seen.add(reference);
      found.push(reference);
      visit(reference.references);
    }
  };
  visit(program.getResolvedProjectReferences?.());
  return found;
}

/**
 * The options of the project each file of a program belongs to, where the program reads
 * the sources of the projects it references in place of their `.d.ts` (the editor, and
 * `ts-async-init check`): each such file is analysed with the options of its own project's
 * plugin entry, as that project's build rewrites it. A bare tag there names that project's
 * `initMethod`, not the referencing one's:
 *
 *     packages/db/tsconfig.json   { "transform": "ts-async-init", "initMethod": "setup" }
 *     packages/db/src/db.ts       /** @asyncInit *\/ export class Db { async setup() {} }   → its init is setup
 *
 * Undefined for a program without references; the given options for every other file.
 */
export function optionsOfReferencedSources(
  ts: typeof import("typescript"),
  program: ts.Program,
  own: Options,
): ((sourceFile: ts.SourceFile) => Options) | undefined {
  const projects = referencedProjects(program);
  if (projects.length === 0) return undefined;
  const byFile = new Map<string, Options>();
  for (const { commandLine } of projects) {
    const options = readOptions(ts, buildEntryOf(commandLine.options), () => {});
    for (const fileName of commandLine.fileNames) if (!byFile.has(fileKey(ts, fileName))) byFile.set(fileKey(ts, fileName), options);
  }
  return (sourceFile) => byFile.get(fileKey(ts, sourceFile.fileName)) ?? own;
}
