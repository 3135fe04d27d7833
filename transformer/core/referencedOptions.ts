import type * as ts from "typescript";
import { type Options, pluginEntryOf, readOptions } from "./options";

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
  const references = program.getResolvedProjectReferences?.();
  if (!references?.some((reference) => reference !== undefined)) return undefined;
  const key = (fileName: string) => (ts.sys?.useCaseSensitiveFileNames === false ? fileName.toLowerCase() : fileName);
  const byFile = new Map<string, Options>();
  const seen = new Set<ts.ResolvedProjectReference>();
  const visit = (reference: ts.ResolvedProjectReference | undefined): void => {
    if (!reference || seen.has(reference)) return;
    seen.add(reference);
    const { options: compilerOptions, fileNames } = reference.commandLine;
    const options = readOptions(ts, pluginEntryOf(compilerOptions, "transform") ?? pluginEntryOf(compilerOptions, "name"), () => {});
    for (const fileName of fileNames) if (!byFile.has(key(fileName))) byFile.set(key(fileName), options);
    reference.references?.forEach(visit);
  };
  references.forEach(visit);
  return (sourceFile) => byFile.get(key(sourceFile.fileName)) ?? own;
}
