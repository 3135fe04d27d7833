import type * as ts from "typescript";
import { createFileContext } from "../context";
import type { TaggedClass } from "../checks";
import type { Options } from "../options";
import { isAmbient } from "../syntax";
import { mentionsTag } from "../tag";
import { findTaggedClasses } from "../transform";

/** What the `before` transformer will do to one source file, found without emitting it. */
export interface FileAnalysis {
  /** The classes it rewrites (tagged, not ambient, and without errors), with their init method and teardown. */
  classes: Map<ts.Node, TaggedClass>;
  /** This transformer's diagnostics for the file (the checks: 46001 and up), exactly as the emit reports them. */
  diagnostics: ts.Diagnostic[];
}

const EMPTY: FileAnalysis = { classes: new Map(), diagnostics: [] };

/**
 * Runs the transformer's own class search and checks (`findTaggedClasses`) on
 * a file of `program`, so that the type checker, the `.d.ts` and the editor
 * agree with what the emit will do. Results are kept per source file object:
 * a changed file is a new object, in the next program.
 */
export function createFileAnalysis(ts: typeof import("typescript"), program: ts.Program, options: Options): (sourceFile: ts.SourceFile) => FileAnalysis {
  const cache = new WeakMap<ts.SourceFile, FileAnalysis>();
  const checker = program.getTypeChecker();
  // Finding and checking classes uses no part of the transformation context but its factory.
  const context = { factory: ts.factory, getCompilerOptions: () => program.getCompilerOptions() } as ts.TransformationContext;

  return (sourceFile) => {
    if (sourceFile.isDeclarationFile || !mentionsTag(sourceFile.text)) return EMPTY;
    let analysis = cache.get(sourceFile);
    if (!analysis) {
      const diagnostics: ts.Diagnostic[] = [];
      const file = createFileContext(ts, context, sourceFile, checker, options, (d) => diagnostics.push(d));
      analysis = { classes: findTaggedClasses(file), diagnostics };
      cache.set(sourceFile, analysis);
    }
    return analysis;
  };
}

/** Whether the transformer rewrites this class declaration (and so gives it `then` and `[Symbol.asyncDispose]`). */
export function createTransformedClassTest(ts: typeof import("typescript"), analyze: (sourceFile: ts.SourceFile) => FileAnalysis) {
  return (declaration: ts.ClassLikeDeclaration): boolean => {
    const sourceFile = declaration.getSourceFile();
    return !sourceFile.isDeclarationFile && !isAmbient(ts, declaration) && analyze(sourceFile).classes.has(declaration);
  };
}
