/**
 * `await using` where the running Node.js has no such syntax (Node 22; 24 and later have it).
 * Node strips the types and leaves `await using` as it is, so a module that declares one
 * fails to compile there, with or without the rewrite. With it, Node's SyntaxError would
 * quote the rewritten line:
 *
 *     const db_1 = new Db(); await using db = asyncInit_1.pending(db_1) ? … : db_1;
 *                                        ^^
 *     SyntaxError: Unexpected identifier 'db'
 *
 * so the hook says it first, at the declaration as written, with what to use instead:
 *
 *     ts-async-init/register: src/main.ts:4:3 declares 'await using', which Node.js v22.23.3 does not have …
 */

import { compileFunction } from "node:vm";
import { isAwaitUsing } from "../../core/syntax";
import { AWAIT_USING_TEXT } from "../../core/tag";
import { defaultTypeScript } from "../typescript";

let hasIt: boolean | undefined;

/** Whether this Node.js compiles `await using` (asked once). */
export function hasAwaitUsingSyntax(): boolean {
  if (hasIt === undefined) {
    try {
      compileFunction("return async () => { await using x = null; };");
      hasIt = true;
    } catch {
      hasIt = false;
    }
  }
  return hasIt;
}

/** Where the first `await using` declaration of a TypeScript source starts (1-based line and column), if it has one. */
export function firstAwaitUsing(source: string, path: string): { line: number; column: number } | undefined {
  // A file with a tagged class and no `await using` in its text (most of them) is not parsed: on a cache hit, TypeScript is not loaded.
  if (!AWAIT_USING_TEXT.test(source)) return undefined;
  const ts = defaultTypeScript();
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const find = (node: import("typescript").Node): import("typescript").Node | undefined => (isAwaitUsing(ts, node) ? node : ts.forEachChild(node, find));
  const found = find(file);
  if (found === undefined) return undefined;
  const { line, character } = file.getLineAndCharacterOfPosition(found.getStart(file));
  return { line: line + 1, column: character + 1 };
}
