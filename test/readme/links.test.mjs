// Every link inside the README to one of its own sections (`[text](#anchor)`) names a
// heading that exists, by the anchors GitHub makes from headings: so a renamed or
// missing section shows here rather than as a dead link.

import { readFileSync } from "node:fs";
import test from "ava";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped (not `-` or `_`), each space a `-`. */
const anchorOf = (heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

/** The README without its code blocks, where `#` starts comments, not headings. */
const prose = README.replace(/^```[\s\S]*?^```/gm, "");
const anchors = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
const links = [...prose.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);

test("the README links to its own sections", (t) => {
  t.true(links.length > 10);
});

test("every link to a section of the README names one that exists", (t) => {
  t.deepEqual([...new Set(links.filter((anchor) => !anchors.has(anchor)))], []);
});
