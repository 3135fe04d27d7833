import { insideTemplate, mentionsTag } from "../../core/tag";

/**
 * Where the first `@asyncInit` tag (its `@`) is in a module that the hook does not parse (JavaScript of the
 * app, or TypeScript another loader compiled first), by its text alone: a tag in a JSDoc
 * block that stands before a class, not one that documentation mentions in prose, nor one
 * in a template literal (code that writes code).
 *
 *     /** @asyncInit *\/ @Component({ providers: [f()] }) export class Db {…}    → the tag
 *     /** @asyncInit *\/ module.exports = class {…}                                → the tag
 *     /** Unlike a class tagged @asyncInit, this is ready at once. *\/ export function open() {…}   → none
 *     const source = `/** @asyncInit *\/ export class Gen {}`;                      → none
 */
export function classTagIn(source: string): number | undefined {
  if (!mentionsTag(source)) return undefined;
  for (const match of source.matchAll(JSDOC_TAGS)) {
    const end = source.indexOf("*/", match.index + 3);
    if (end !== -1 && classFollows(source, end + 2) && !insideTemplate(source, match.index)) return match.index + match[0].lastIndexOf("@");
  }
  return undefined;
}

/** The tag in a JSDoc block (the index is the block's start). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: ZWNJ and ZWJ are identifier parts of their own here, as in core/tag.ts
const JSDOC_TAGS = /\/\*\*(?:(?:(?!\*\/)[\s\S])*?[\s*])?@asyncInit(?![\p{ID_Continue}$\u200c\u200d-])/gu;

/**
 * Whether `class` comes next from `at`, past what may stand between a tag's comment and its
 * class: space and comments, modifiers, decorators with their arguments
 * (`@Inject<Db>()`, `@Component({ providers: [f()] })`), a binding's `const Db =`,
 * `module.exports =`, an opening parenthesis.
 */
function classFollows(source: string, at: number): boolean {
  let i = at;
  for (let steps = 0; steps < MAX_STEPS && i !== -1; steps++) {
    i = after(SPACE_AND_COMMENTS, source, i);
    if (matchesAt(CLASS, source, i)) return true;
    if (source[i] === "(") i++;
    else if (source[i] === "@") i = afterDecorator(source, after(DOTTED_NAME, source, i + 1));
    else {
      const modifier = after(MODIFIER, source, i, -1);
      i = modifier !== -1 ? modifier : after(BINDING, source, i, -1);
    }
  }
  return false;
}

/** A tag's class is a few words from its comment: a text that goes on further is no class's. */
const MAX_STEPS = 64;

/** `@name` is read; its type arguments and arguments follow, if any. */
function afterDecorator(source: string, at: number): number {
  let i = after(SPACE_AND_COMMENTS, source, at);
  if (source[i] === "<") i = after(SPACE_AND_COMMENTS, source, afterBalanced(source, i, "<", ">"));
  return source[i] === "(" ? afterBalanced(source, i, "(", ")") : i;
}

/** The index after the bracket that closes the one at `at` (strings skipped), or -1. */
function afterBalanced(source: string, at: number, open: string, close: string): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const char = source[i];
    if (char === '"' || char === "'" || char === "`") i = endOfString(source, i);
    else if (char === open) depth++;
    else if (char === close && --depth === 0) return i + 1;
    if (i === -1) return -1;
  }
  return -1;
}

/** The index of the quote that ends the string starting at `at`, or -1. */
function endOfString(source: string, at: number): number {
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === source[at]) return i;
  }
  return -1;
}

/** The index after what `pattern` (sticky) matches at `at`; `otherwise` where it matches nothing. */
function after(pattern: RegExp, source: string, at: number, otherwise = at): number {
  pattern.lastIndex = at;
  return pattern.test(source) ? pattern.lastIndex : otherwise;
}

const matchesAt = (pattern: RegExp, source: string, at: number): boolean => after(pattern, source, at, -1) !== -1;

const NAME = String.raw`[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*`;
/** Space, and comments of either kind (a block comment ends at its own first `*\/`). */
const SPACE_AND_COMMENTS = /(?:\s+|\/\/[^\n\r]*|\/\*(?:(?!\*\/)[\s\S])*\*\/)*/y;
const CLASS = /class\b/y;
const MODIFIER = /(?:export|default|abstract|declare)\b/y;
const DOTTED_NAME = new RegExp(String.raw`${NAME}(?:\.${NAME})*`, "uy");
/** `const Db =`, `module.exports =`, `Db =` (not `==`). */
const BINDING = new RegExp(String.raw`(?:(?:const|let|var)\s+)?${NAME}(?:\.${NAME})*\s*=(?!=)`, "uy");
