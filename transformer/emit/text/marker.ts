import { GENERATED, jsDoc } from "../comments";

/**
 * How this back end's output says it is one: the comment before the inlined plumbing,
 * or the plumbing's import (which isRewrittenText, core/tag.ts, recognises). Imports
 * only the comments' texts, so that a front end can ask without loading the back end
 * (or TypeScript).
 */

/** The comment before the inlined plumbing, by what the module needs of it. */
export const PLUMBING_COMMENT = {
  classes: jsDoc(GENERATED.plumbing.classes),
  await: jsDoc(GENERATED.plumbing.await),
} as const;
