/**
 * The plumbing on one line, for `keepLines` (see TextSetup): its tokens, each run of
 * white space and line breaks made one space, its comments left out.
 *
 *     (() => {                                   (() => { const shared = …; return plumbing; })()
 *         // the registry …                 →
 *         const shared = …;
 *         return plumbing;
 *     })()
 *
 * Only for the plumbing's own text, which ends each statement with `;` and has no
 * template with substitutions nor a regular expression (test/text/keep-lines.test.mjs
 * checks that the result parses to the same program, for every form of it).
 */
const cache = new Map<string, string>();

export function onOneLine(ts: typeof import("typescript"), text: string): string {
  let joined = cache.get(text);
  if (joined === undefined) {
    joined = joinTokens(ts, text);
    cache.set(text, joined);
  }
  return joined;
}

function joinTokens(ts: typeof import("typescript"), text: string): string {
  const { SyntaxKind } = ts;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let out = "";
  let gap = false;
  for (let token = scanner.scan(); token !== SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    switch (token) {
      case SyntaxKind.WhitespaceTrivia:
      case SyntaxKind.NewLineTrivia:
      case SyntaxKind.SingleLineCommentTrivia:
      case SyntaxKind.MultiLineCommentTrivia:
        gap = true;
        continue;
      case SyntaxKind.TemplateHead:
        throw new Error("ts-async-init: the plumbing has a template with substitutions, which onOneLine cannot join");
    }
    if (gap && out !== "") out += " ";
    gap = false;
    out += scanner.getTokenText();
  }
  return out;
}
