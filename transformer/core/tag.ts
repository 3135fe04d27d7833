import type * as ts from "typescript";
import { forEachDescendant } from "./walk";

/** What `/** @asyncInit [name] *\/` before a class says. */
export interface AsyncInitTag {
  /** The JSDoc comment that holds the tag. */
  comment: ts.CommentRange;
  /**
   * The word after the tag, if any (`setup` in `@asyncInit setup`), with its position,
   * and the tag with it as written (`@asyncInit(setup)`, for TS46004's message).
   */
  argument?: { text: string; pos: number; written: string };
  /** Where the tag's own word ends (after `@asyncInit`): where a `.d.ts` names the init method of a tag without one. */
  end: number;
}

/** Quick test on a file's text, so that files without the tag cost nothing more. */
export const mentionsTag = (text: string): boolean => text.includes("@asyncInit");

/** `await using`, also with a line break or a comment (a block, or a line's) between the two words. */
export const AWAIT_USING_TEXT = /\bawait(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n\r]*[\n\r])+using\b/;

/** The tag in any case, or a near miss of it (`@asyncinit`, `@ asyncInit`, `＠asyncInit`): what a file that may need the rewrite, or a warning, mentions. */
const TAG_MENTION = /[@＠]\s*asyncinit/i;
const TAG_MENTIONS = new RegExp(TAG_MENTION.source, "gi");

/** Whether a file mentions the tag in any case, or a near miss of it: it is searched, so that those are warned about (see miscasedTags). */
export const mentionsTagInAnyCase = (text: string): boolean => TAG_MENTION.test(text);

/** What a file's text mentions if the rewrite may change it, or warn: the tag in any case, or `await using` (bundlers that evaluate filters natively take these). */
export const REWRITE_MENTIONS: readonly RegExp[] = [TAG_MENTION, AWAIT_USING_TEXT];

/** The test before anything is parsed: a file that mentions neither the tag (in any case) nor `await using` needs nothing. */
export const mayNeedRewrite = (text: string): boolean => mentionsTagInAnyCase(text) || AWAIT_USING_TEXT.test(text);

/**
 * Whether `code` is the text back end's output already, by its text alone: it holds the
 * plumbing as that back end inserts it (emit/text/marker.ts), inlined or imported, at the
 * start of a line or after a statement (not inside a string: a quote would come before it;
 * nor on a line of a template literal, by the backticks before it). A front end that may
 * meet a module twice (a bundler with the plugin twice, Node's hook registered twice)
 * leaves such a module alone without parsing it; what this cannot tell, the analysis does
 * (isRewrittenFile).
 *
 *     /** ts-async-init: makes this module's @asyncInit classes … (generated). *\/ const asyncInit_1 = (() => {
 *     /** ts-async-init: makes this module's @asyncInit classes … (generated). *\/ function asyncInitPlumbing_1() { return (() => {   (keepLines)
 *     import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
 *
 * and as other tools leave it in what they build of such output (which a bundler whose `include`
 * takes JavaScript, `node_modules` too, may meet): tsc's ES5 (`var asyncInit_1 = (function () {`),
 * a library bundled with the plugins, its plumbing named anew (`const plumbing = (() => {`), or
 * a module of a library built one module per file (tsdown's `unbundle`, Rolldown's
 * `preserveModules`), which imports the plumbing's module from the file written for it:
 *
 *     import { plumbing } from "./_virtual/_/@ts-async-init/plumbing.mjs";
 *     const require_plumbing = require("./_virtual/_/@ts-async-init/plumbing.cjs");
 */
export function isRewrittenText(code: string): boolean {
  if (!code.includes(PLUMBING_PREFIX) && !code.includes(MARKER_PREFIX) && !code.includes(PLUMBING_FILE_PREFIX)) return false;
  for (const match of code.matchAll(PLUMBING_LINES)) if (!insideTemplate(code, match.index)) return true;
  return false;
}

/** What each form of the plumbing's line holds, one or the other: the quick test before the regular expression. */
const PLUMBING_PREFIX = "asyncInit_";
const MARKER_PREFIX = "/** ts-async-init: ";
const PLUMBING_FILE_PREFIX = "/@ts-async-init/plumbing.";
/** The file a library built one module per file holds the plumbing's module in, as a regular expression's source. */
const PLUMBING_FILE_NAME = String.raw`\/@ts-async-init\/plumbing\.[cm]?js`;

/** Whether an odd number of backticks comes before `at`: a line of a multi-line template literal (`…\nimport { plumbing … }\n…`). */
export function insideTemplate(code: string, at: number): boolean {
  let backticks = 0;
  for (let i = code.indexOf("`"); i !== -1 && i < at; i = code.indexOf("`", i + 1)) backticks++;
  return backticks % 2 === 1;
}

/** The plumbing's line, as the text back end writes it: every one of the text (`g`), each at a line's start or a statement's end (`m`). */
const PLUMBING_LINES = new RegExp(
  String.raw`(?:^|[;}]|\*\/)[ \t]*(?:\/\*\* ts-async-init: [^*]*\(generated\)\. \*\/\s*(?:(?:const|var|let) [\w$]+ = (?:\(\(\) => \{|\(function \(\) \{)|function asyncInit\w*\(\) \{\s*return \(\(\) => \{)|import \{ plumbing as asyncInit_\w* \} from "[^"]*";|(?:import \{ plumbing(?: as [\w$]+)? \} from |(?:const|var|let) [\w$]+ = require\()["'][^"'\n]*${PLUMBING_FILE_NAME}["'])`,
  "gm",
);
/** The same, for a test of the whole text (no `g`, whose test() would carry lastIndex from one call to the next). */
const PLUMBING_LINE = new RegExp(PLUMBING_LINES.source, "m");

/**
 * Whether a parsed file is the text back end's output (ts-loader through ts-patch's compiler,
 * behind the webpack plugin's loader): its text says so, and one of its top-level statements
 * is the plumbing, an import of it or the declaration that holds it, not a string that
 * quotes one.
 */
export function isRewrittenFile(ts: typeof import("typescript"), sourceFile: ts.SourceFile): boolean {
  // The text without isRewrittenText's count of backticks (a stray one in a comment would hide the plumbing): the statements decide.
  const { text } = sourceFile;
  return (
    (text.includes(PLUMBING_PREFIX) || text.includes(MARKER_PREFIX) || text.includes(PLUMBING_FILE_PREFIX)) &&
    PLUMBING_LINE.test(text) &&
    sourceFile.statements.some((statement) => isPlumbingStatement(ts, statement, text))
  );
}

function isPlumbingStatement(ts: typeof import("typescript"), statement: ts.Statement, text: string): boolean {
  if (ts.isImportDeclaration(statement)) {
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) return false;
    const fromFile = ts.isStringLiteral(statement.moduleSpecifier) && PLUMBING_FILE.test(statement.moduleSpecifier.text);
    return bindings.elements.some(
      (e) => (e.propertyName?.text === "plumbing" && PLUMBING_NAME.test(e.name.text)) || (fromFile && (e.propertyName ?? e.name).text === "plumbing"),
    );
  }
  if (ts.isVariableStatement(statement)) {
    // Its own name, or another that a bundler gave it after the comment that marks it (`const plumbing = (() => {`), or a require() of its file.
    const named = statement.declarationList.declarations.some(
      (d) => ts.isIdentifier(d.name) && (PLUMBING_NAME.test(d.name.text) || (d.initializer !== undefined && requiresPlumbingFile(ts, d.initializer))),
    );
    return named || (ts.getLeadingCommentRanges(text, statement.pos) ?? []).some((c) => MARKER.test(text.slice(c.pos, c.end)));
  }
  return ts.isFunctionDeclaration(statement) && statement.name !== undefined && PLUMBING_NAME.test(statement.name.text);
}

const PLUMBING_NAME = /^asyncInit(?:Plumbing)?_\w+$/;
/** The file a library built one module per file holds the plumbing's module in (`./_virtual/_/@ts-async-init/plumbing.mjs`). */
const PLUMBING_FILE = new RegExp(`${PLUMBING_FILE_NAME}$`);

/** `require("./_virtual/_/@ts-async-init/plumbing.cjs")`. */
function requiresPlumbingFile(ts: typeof import("typescript"), value: ts.Expression): boolean {
  return (
    ts.isCallExpression(value) &&
    ts.isIdentifier(value.expression) &&
    value.expression.text === "require" &&
    value.arguments.length === 1 &&
    ts.isStringLiteral(value.arguments[0]) &&
    PLUMBING_FILE.test(value.arguments[0].text)
  );
}
const MARKER = /^\/\*\* ts-async-init: [^*]*\(generated\)\. \*\/$/;

// `@asyncInit` as a whole tag name (not `@asyncInitialize`), at the start of a
// JSDoc line or after white space, and the word that follows it on that line, after
// white space or none: `@asyncInit(setup)` names `(setup)`, which is no name (TS46004),
// not the default method.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: ZWNJ and ZWJ are identifier parts of their own here, not joiners of the characters around them
const TAG = /(?:^|[\s*])@asyncInit(?![\p{ID_Continue}$\u200c\u200d-])(?:[^\S\r\n]*([^\s*]\S*))?/u;

const TAGS = new RegExp(TAG.source, "gu");

/** The tag in another case: `@asyncinit`, `@ASYNCINIT`… (not `@asyncinitialize`). */
const TAG_IN_ANY_CASE = new RegExp(TAG.source, "iu");

/** A near miss of the tag, in any case: a space after `@` (`@ asyncInit`), a full-width `＠`. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: ZWNJ and ZWJ are identifier parts of their own here, as in TAG
const NEAR_MISS = /(?:^|[\s*])(?:@[^\S\r\n]+|＠[^\S\r\n]*)asyncinit(?![\p{ID_Continue}$\u200c\u200d-])/iu;

/** What a comment's text holds in place of the tag, as written (`@AsyncInit`, `@ asyncInit`), if anything. */
function nearMissIn(body: string): string | undefined {
  const match = TAG_IN_ANY_CASE.exec(body);
  if (match) return match[0].trim().split(/\s/)[0];
  return NEAR_MISS.exec(body)?.[0].trim();
}

/** Reads the tag out of one comment, or undefined when the comment is not a JSDoc block with the tag. */
export function readTag(text: string, comment: ts.CommentRange, ts: typeof import("typescript")): AsyncInitTag | undefined {
  return readTags(text, comment, ts)[0];
}

/** Every tag of one comment (a JSDoc block may hold several), in order. */
function readTags(text: string, comment: ts.CommentRange, ts: typeof import("typescript")): AsyncInitTag[] {
  const body = jsDocBody(text, comment, ts);
  if (body === undefined) return [];
  return [...body.matchAll(TAGS)].map((match) => {
    const end = comment.pos + 3 + match.index + match[0].indexOf("@asyncInit") + "@asyncInit".length;
    const argument = match[1]?.replace(/\*+$/, "");
    if (!argument) return { comment, end };
    const pos = comment.pos + 3 + match.index + match[0].length - match[1].length;
    const written = match[0].slice(match[0].indexOf("@asyncInit")).replace(/\*+$/, "");
    return { comment, argument: { text: argument, pos, written }, end };
  });
}

/**
 * The comments that count as "directly before" a class: those before it, those
 * on the same line after the previous token (`const X = /** @asyncInit *\/ class {}`),
 * those between its decorators or modifiers and the `class` keyword, and those
 * before the parentheses around a class expression.
 */
export function commentsBeforeClass(ts: typeof import("typescript"), sourceFile: ts.SourceFile, node: ts.ClassLikeDeclaration): ts.CommentRange[] {
  const text = sourceFile.text;
  const positions = [node.pos, ...(ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).map((m) => m.end)];
  // `/** @asyncInit */ (class {})`: the comment is before the parentheses.
  for (let at = node.parent; at && ts.isParenthesizedExpression(at); at = at.parent) positions.push(at.pos);
  for (const decorator of (ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined) ?? []) positions.push(decorator.end);
  return commentsAt(ts, text, positions);
}

/** The class's tag, if it has one (the first, if it has several: see findTags). */
export function findTag(ts: typeof import("typescript"), sourceFile: ts.SourceFile, node: ts.ClassLikeDeclaration): AsyncInitTag | undefined {
  for (const comment of commentsBeforeClass(ts, sourceFile, node)) {
    const tag = readTag(sourceFile.text, comment, ts);
    if (tag) return tag;
  }
  return undefined;
}

/**
 * Every tag directly before the class, in order: several JSDoc blocks may hold one, and
 * one block several.
 *
 *     /** @asyncInit setup *\/
 *     /** @asyncInit *\/          →   [setup, (no name)]
 *     class Db {}
 */
export function findTags(ts: typeof import("typescript"), sourceFile: ts.SourceFile, node: ts.ClassLikeDeclaration): AsyncInitTag[] {
  return commentsBeforeClass(ts, sourceFile, node).flatMap((comment) => readTags(sourceFile.text, comment, ts));
}

/** Every JSDoc comment of the file that holds the tag, wherever it is. */
export function allTagComments(ts: typeof import("typescript"), sourceFile: ts.SourceFile): AsyncInitTag[] {
  return commentsOfFile(ts, sourceFile)
    .map((comment) => readTag(sourceFile.text, comment, ts))
    .filter((tag): tag is AsyncInitTag => tag !== undefined);
}

/** A comment that holds something close to the tag, which is not the tag, and what it holds. */
export interface NearMiss {
  comment: ts.CommentRange;
  written: string;
}

/**
 * Every JSDoc comment of the file that holds the tag in another case, or with a space
 * after its `@`, which is not the tag: `/** @asyncinit *\/` leaves the class as written,
 * and its init never runs.
 *
 *     /** @AsyncInit *\/    →   { comment, written: "@AsyncInit" }
 *     /** @ asyncInit *\/   →   { comment, written: "@ asyncInit" }
 */
export function miscasedTags(ts: typeof import("typescript"), sourceFile: ts.SourceFile): NearMiss[] {
  const text = sourceFile.text;
  // Most files spell it right wherever they mention it: their comments are not read again.
  if (text.match(TAG_MENTIONS)?.every((written) => written === "@asyncInit") ?? true) return [];
  return commentsOfFile(ts, sourceFile).flatMap((comment) => {
    const body = jsDocBody(text, comment, ts);
    const written = body === undefined || readTag(text, comment, ts) ? undefined : nearMissIn(body);
    return written ? [{ comment, written }] : [];
  });
}

/**
 * The comments directly before a class that would tag it if they were JSDoc blocks:
 * only a `/** … *\/` block holds a tag.
 *
 *     // @asyncInit             →   { comment, written: "@asyncInit" }
 *     /* @asyncInit *\/
 *     class Db { … }
 */
export function tagsOutsideJsDoc(ts: typeof import("typescript"), sourceFile: ts.SourceFile, node: ts.ClassLikeDeclaration): NearMiss[] {
  const text = sourceFile.text;
  return commentsBeforeClass(ts, sourceFile, node).flatMap((comment) => {
    const raw = text.slice(comment.pos, comment.end);
    if (jsDocBody(text, comment, ts) !== undefined || raw.startsWith(MARKER_PREFIX)) return [];
    const written = nearMissIn(comment.kind === ts.SyntaxKind.MultiLineCommentTrivia ? raw.slice(2, -2) : raw.slice(2));
    return written ? [{ comment, written }] : [];
  });
}

/**
 * The text between `/**` and `*\/` of a JSDoc block; undefined for any other comment, and
 * for the comments the back ends write on what they generate, which mention the tag: they
 * stay in a bundle of their output that lost the plumbing's own comment (esbuild's), which
 * a bundler whose `include` takes JavaScript may meet.
 *
 *     /** ts-async-init: marks instances of @asyncInit classes … *\/    →   undefined
 */
function jsDocBody(text: string, comment: ts.CommentRange, ts: typeof import("typescript")): string | undefined {
  if (comment.kind !== ts.SyntaxKind.MultiLineCommentTrivia) return undefined;
  const raw = text.slice(comment.pos, comment.end);
  return raw.startsWith("/**") && raw !== "/**/" && !raw.startsWith(MARKER_PREFIX) ? raw.slice(3, -2) : undefined;
}

/** The comments before and after every node of the file. */
function commentsOfFile(ts: typeof import("typescript"), sourceFile: ts.SourceFile): ts.CommentRange[] {
  const positions: number[] = [];
  forEachDescendant(ts, sourceFile, (node) => {
    positions.push(node.pos, node.end);
  });
  return commentsAt(ts, sourceFile.text, positions);
}

function commentsAt(ts: typeof import("typescript"), text: string, positions: number[]): ts.CommentRange[] {
  const seen = new Map<number, ts.CommentRange>();
  for (const pos of positions) {
    for (const range of [...(ts.getTrailingCommentRanges(text, pos) ?? []), ...(ts.getLeadingCommentRanges(text, pos) ?? [])]) {
      seen.set(range.pos, range);
    }
  }
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}
