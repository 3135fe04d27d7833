import type MagicString from "magic-string";
import type * as ts from "typescript";

/**
 * The edits of one file, over magic-string, in an order that nests right.
 *
 * Text is added in three ways:
 *
 * - `insertLeft`: attached to the text before it (after an opening brace: the state
 *   field, the teardown's wrapper, the context an async function keeps), at once;
 * - `insertRight`: attached to the text after it (before a closing brace: the
 *   generated members, the end of the teardown's wrapper), at once;
 * - `wrap`, around a node (`asyncInit_1.ready(x)`, `asyncInit_1.inside(c, () => x)`,
 *   a loop body in a block…), all at the end (`finish`), both sides attached to
 *   the text before them, so that a wrap that starts or ends where another does
 *   nests inside it when its range is smaller (or, for the same range, its layer lower):
 *
 *       asyncInit_1.inside(c, () => asyncInit_1.ready(x))     ready wraps x first, inside wraps both
 *
 * So text inserted left where a wrap starts comes before it, and text inserted right
 * where a wrap ends comes after it. Removed text takes what was attached to it along;
 * replaced text keeps it.
 */
export interface TextEdits {
  readonly source: string;
  insertLeft(at: number, text: string): void;
  insertRight(at: number, text: string): void;
  /** `layer` orders wraps of the same range: the lower one is inside. */
  wrap(start: number, end: number, prefix: string, suffix: string, layer?: number): void;
  replace(start: number, end: number, text: string): void;
  remove(start: number, end: number): void;
  /** Moves the text of [start, end) to before `to`: text added after it stays in place, text wrapped around it moves along. */
  move(start: number, end: number, to: number): void;
  finish(): void;
}

interface Wrap {
  start: number;
  end: number;
  prefix: string;
  suffix: string;
  layer: number;
}

export function createTextEdits(source: string, out: MagicString): TextEdits {
  const wraps: Wrap[] = [];
  return {
    source,
    insertLeft: (at, text) => void out.appendLeft(at, text),
    insertRight: (at, text) => void out.prependRight(at, text),
    wrap: (start, end, prefix, suffix, layer = 0) => void wraps.push({ start, end, prefix, suffix, layer }),
    replace: (start, end, text) => void out.update(start, end, text),
    remove: (start, end) => void out.remove(start, end),
    move: (start, end, to) => void out.move(start, end, to),
    finish() {
      const size = (w: Wrap) => w.end - w.start;
      // Outer prefixes first, inner suffixes first: both appended to the text before them.
      for (const w of [...wraps].sort((a, b) => size(b) - size(a) || b.layer - a.layer)) if (w.prefix) out.appendLeft(w.start, w.prefix);
      for (const w of [...wraps].sort((a, b) => size(a) - size(b) || a.layer - b.layer)) if (w.suffix) out.appendLeft(w.end, w.suffix);
      wraps.length = 0;
    },
  };
}

/**
 * Unique names for the generated identifiers, as TypeScript's `createUniqueName`
 * makes them (`db_1`, `asyncInit_1`, `asyncInitContext_1`): the first `<base>_<n>`
 * that no word of the file's text is, and that this file has not handed out yet.
 */
export function createNames(source: string): (base: string) => string {
  const taken = new Set(source.match(/[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*/gu) ?? []);
  return (base) => {
    const stem = base.endsWith("_") ? base : `${base}_`;
    for (let i = 1; ; i++) {
      const name = `${stem}${i}`;
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
  };
}

/** Where the line that `at` is on starts (after a `\n`, or a `\r` alone, as a file may end its lines). */
export function lineStartOf(source: string, at: number): number {
  return Math.max(source.lastIndexOf("\n", at - 1), source.lastIndexOf("\r", at - 1)) + 1;
}

/** The whitespace a line starts with. */
export function indentAt(source: string, at: number): string {
  return /^[ \t]*/.exec(source.slice(lineStartOf(source, at)))![0];
}

/** Whether only spaces and tabs come before `at` on its line. */
export function startsLine(source: string, at: number): boolean {
  return /^[ \t]*$/.test(source.slice(lineStartOf(source, at), at));
}

/**
 * Where the line that `at` is on ends, if only spaces, tabs and comments come
 * after `at` on it (before its line break); else undefined.
 *
 *     class Db { // the database        → the position after "database"
 *     class Db { init() {} }            → undefined
 */
export function restOfLineIsEmpty(ts: typeof import("typescript"), source: string, at: number): number | undefined {
  let end = at;
  for (const comment of ts.getTrailingCommentRanges(source, at) ?? []) {
    if (/[\n\r]/.test(source.slice(end, comment.pos))) break;
    end = comment.end;
  }
  while (end < source.length && (source[end] === " " || source[end] === "\t")) end++;
  if (end === source.length || source[end] === "\n" || source[end] === "\r") return end;
  return undefined;
}

/** The position just after the token that ends before `at` (skipping back over whitespace). */
export function endOfTokenBefore(source: string, at: number): number {
  while (at > 0 && /\s/.test(source[at - 1])) at--;
  return at;
}

/** The `,` between two declarators (or elements), skipping comments. */
export function commaBetween(ts: typeof import("typescript"), sourceFile: ts.SourceFile, from: number): number {
  const { kind, end } = tokenAfter(ts, sourceFile, from);
  if (kind !== ts.SyntaxKind.CommaToken) throw new Error(`ts-async-init: expected a comma at ${from}`);
  return end - 1;
}

/** The token that comes next after `from`, past comments and line breaks: its kind and where it ends. */
export function tokenAfter(ts: typeof import("typescript"), sourceFile: ts.SourceFile, from: number): { kind: ts.SyntaxKind; end: number } {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, sourceFile.languageVariant, sourceFile.text, undefined, from);
  const kind = scanner.scan();
  return { kind, end: scanner.getTextPos() };
}
