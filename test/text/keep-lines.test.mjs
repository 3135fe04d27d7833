// keepLines puts an inserted plumbing on one line (emit/text/oneLine.ts): for every
// form the plumbing takes (all of it or what awaiting needs, TypeScript or JavaScript,
// with globals of the module's own or without), the line parses to the same program
// as the plumbing's own lines, statement for statement.

import { createRequire } from "node:module";
import test from "ava";
import { ts } from "./support.mjs";

const require = createRequire(import.meta.url);
const plumbing = require("../../dist/plumbing/index.js");
const { onOneLine } = require("../../dist/emit/text/oneLine.js");

const SHADOWED = [[], ["Promise"], ["globalThis", "WeakMap", "Symbol"], [...plumbing.PLUMBING_GLOBALS]];
const FORMS = { PLUMBING_TS: true, AWAIT_ONLY_TS: true, PLUMBING_JS: false, AWAIT_ONLY_JS: false };

/** The program a text parses to, printed without comments (its layout made one line), and what the parser complained of. */
function program(text, typed) {
  const file = ts.createSourceFile(typed ? "p.ts" : "p.js", `const p = ${text};`, ts.ScriptTarget.Latest, true, typed ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  // The printer keeps a node on one line when it was written on one: the layout differs, not the tokens.
  const printed = ts.createPrinter({ removeComments: true }).printFile(file).replace(/\s+/g, " ");
  return { printed, errors: file.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")) };
}

test("the plumbing on one line parses to the same program as its own lines, in every form", (t) => {
  let forms = 0;
  for (const [form, typed] of Object.entries(FORMS)) {
    for (const shadowed of SHADOWED) {
      const text = plumbing.withGlobalsFromGlobalObject(plumbing[form], shadowed, { typed }).trim();
      const line = onOneLine(ts, text);
      const label = `${form}, own ${shadowed.join(", ") || "nothing"}`;
      t.false(line.includes("\n"), label);
      t.true(line.length < text.length, label);
      const lines = program(text, typed);
      const joined = program(line, typed);
      t.deepEqual(lines.errors, [], label);
      t.deepEqual(joined.errors, [], label);
      t.is(joined.printed, lines.printed, label);
      forms++;
    }
  }
  t.is(forms, 16);
});

test("a template with substitutions is refused rather than joined wrong", (t) => {
  const template = ["(() => `a", "$", "{1}", "b`)()"].join("\n").replace("$\n", "$");
  t.throws(() => onOneLine(ts, template), { message: /template with substitutions/ });
  t.is(onOneLine(ts, "(() => {\n  // a comment\n  return 1; /* another */\n})()"), "(() => { return 1; })()");
});
