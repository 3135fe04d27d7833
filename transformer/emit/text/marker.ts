import { GENERATED, jsDoc } from "../comments";

/**
 * The comment before the inlined plumbing, by what the module needs of it: with the
 * plumbing's import, how this back end's output says it is one. core/tag.ts's
 * isRewrittenText recognises both, and test/text/rewritten-text.test.mjs checks that it
 * recognises every form of the output.
 */
export const PLUMBING_COMMENT = {
  classes: jsDoc(GENERATED.plumbing.classes),
  await: jsDoc(GENERATED.plumbing.await),
} as const;
