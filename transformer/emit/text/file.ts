import type * as ts from "typescript";
import type { FilePlan } from "../../core/plan";
import type { TextEdits } from "./edits";

/** Everything the text back end's rewrites of one file share. */
export interface TextFile {
  ts: typeof import("typescript");
  sourceFile: ts.SourceFile;
  plan: FilePlan;
  /** The file's text, as the user wrote it. */
  source: string;
  edits: TextEdits;
  /** TypeScript out (the generated code is typed, erasably), or JavaScript out (a `.js` file: no types). */
  typed: boolean;
  /** Every line of the input stays on its line number (see TextSetup.keepLines): nothing generated starts a line of its own. */
  keepLines: boolean;
  /** Write the name an anonymous tagged class expression takes from its place (see TextSetup.nameClassExpressions). */
  nameClassExpressions: boolean;
  /** The name of this module's plumbing object (`asyncInit_1`). */
  plumbing: string;
  /** Its code is below the classes (keepLines: in a function after the last line, see index.ts). */
  plumbingBelow: boolean;
  /** The name each async function of a tagged class keeps its caller's context in (`asyncInitContext_1`). */
  contextName(): string;
  /** A name for a generated identifier that nothing in the file uses (`db_1`). */
  unique(base: string): string;
  /** `: T` where the output is TypeScript; nothing where it is JavaScript. */
  type(annotation: string): string;
  /** `: Promise<void>` where the output is TypeScript and the file has no `Promise` of its own; else nothing (the type is inferred). */
  promiseOfVoid(): string;
}
