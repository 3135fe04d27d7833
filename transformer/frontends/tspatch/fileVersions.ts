import type * as ts from "typescript";
import { declarationOutput } from "../../core/analyze";
import type { Options } from "../../core/options";
import { findTag, mayNeedRewrite, mentionsTag } from "../../core/tag";
import { forEachDescendant } from "../../core/walk";
import { buildId } from "../buildId";
import { hash } from "../hash";

/**
 * Incremental and watch builds (`--incremental`, `tspc -b`, `tspc -w`) emit a file again
 * when its text changes, or when a file it imports changes the shape of what it
 * exports. What this plugin emits for a file depends on more than that: on which
 * classes of the program are tagged and what they look like (a file that awaits a `Db`
 * it imports through a re-export is not emitted again when `Db` gets the tag), on the
 * plugin's options, and on this package's own code; and its warnings about the `.d.ts`
 * on `declaration` and `removeComments`, whose change TypeScript keeps the diagnostics across. The builder tells a changed file
 * by its version (a hash of its text, kept in .tsbuildinfo); each file's version gets a
 * suffix, a hash of all of those, so that when one of them changes every file is
 * emitted again, as in a fresh build, and otherwise nothing changes:
 *
 *     sourceFile.version   "4f1c…"  →  "4f1c…@ts-async-init:9a0e…"
 *
 * What a tagged class looks like is what other files' output depends on: its name,
 * its tag, what it extends and its members' names (not their bodies: an edit inside
 * `init` rebuilds only its own file, as before).
 */
export function versionFilesByTaggedClasses(ts: typeof import("typescript"), program: ts.Program, options: Options, warningsAtEmit = false): void {
  const files = program.getSourceFiles();
  const tagged = files.filter((file) => mentionsTag(file.text)).map((file) => [file.fileName, taggedClassShapes(ts, file)]);
  const state = [buildId(), options, declarationOutput(program.getCompilerOptions()), tagged];
  const suffix = `${SUFFIX}${hash(JSON.stringify(state), 16)}`;
  // Where the program's emit reports this plugin's warnings (see warningsBlockEmit in program.ts), a file that may get
  // one (it mentions the tag or `await using`) has another version, so that a builder does not take its diagnostics from
  // a `--noEmit` run, which holds them among the file's own (they would stop the emit under `noEmitOnError`), and back.
  const warningSuffix = warningsAtEmit ? `${SUFFIX}${hash(JSON.stringify([...state, "warnings at emit"]), 16)}` : suffix;
  for (const file of files as readonly (ts.SourceFile & { version?: string })[]) {
    // A watch program's unchanged files are the last program's objects: their suffix is replaced.
    if (typeof file.version !== "string" || !HASH.test(file.version)) continue;
    file.version = file.version.replace(SUFFIXED, "") + (mayNeedRewrite(file.text) ? warningSuffix : suffix);
  }
}

const SUFFIX = "@ts-async-init:";
const SUFFIXED = /@ts-async-init:[0-9a-f]*$/;
/**
 * The builders' versions are hashes of the text (SHA-256, in hex). A language service
 * (an editor's, ts-loader's, ts-jest's) numbers versions itself and asks its host for
 * them on every request: a version of its files changed here would make it parse
 * every file again each time. It keeps no build info, so it is left alone.
 */
const HASH = /^[0-9a-f]{32,}(?:@ts-async-init:[0-9a-f]*)?$/;

/**
 * Whether a language service made the program: ts-node's (whose program holds the files
 * required so far) or ts-loader's (whose output webpack keeps, in watch mode and in its
 * cache, for modules that did not change themselves). It numbers its files' versions,
 * where builders hash their text and a plain program has none.
 */
export function isLanguageServiceProgram(program: ts.Program): boolean {
  const root = program.getRootFileNames()[0];
  const version = root === undefined ? undefined : (program.getSourceFile(root) as { version?: unknown } | undefined)?.version;
  return typeof version === "string" && !HASH.test(version);
}

/** Each tagged class of the file: its name, its tag's argument, its heritage clauses and its members' names. */
function taggedClassShapes(ts: typeof import("typescript"), sourceFile: ts.SourceFile): string[][] {
  const shapes: string[][] = [];
  forEachDescendant(ts, sourceFile, (node) => {
    if (!ts.isClassLike(node)) return;
    const tag = findTag(ts, sourceFile, node);
    if (tag) shapes.push(shapeOf(sourceFile, node, tag.argument?.text ?? ""));
  });
  return shapes;
}

function shapeOf(sourceFile: ts.SourceFile, node: ts.ClassLikeDeclaration, argument: string): string[] {
  const heritage = (node.heritageClauses ?? []).map((clause) => clause.getText(sourceFile));
  const members = node.members.map((member) => `${member.kind}:${member.name?.getText(sourceFile) ?? ""}`);
  return [node.name?.text ?? "", argument, ...heritage, ...members];
}
