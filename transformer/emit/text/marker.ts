import { GENERATED, jsDoc } from "../comments";

/**
 * How this back end's output says it is one: the comment before the inlined plumbing,
 * or the plumbing's import. Imports only the comments' texts, so that a front end can
 * ask without loading the back end (or TypeScript).
 */

/** The comment before the inlined plumbing, by what the module needs of it. */
export const PLUMBING_COMMENT = {
  classes: jsDoc(GENERATED.plumbing.classes),
  await: jsDoc(GENERATED.plumbing.await),
} as const;

/**
 * Whether `code` is this back end's output already: it holds the plumbing as the back end
 * inserts it, inlined or imported. A front end that may meet a module twice (a bundler
 * with the plugin twice, Node's hook registered twice) leaves such a module alone.
 *
 *     /** ts-async-init: makes this module's @asyncInit classes … (generated). *\/ const asyncInit_1 = (() => {
 *     /** ts-async-init: makes this module's @asyncInit classes … (generated). *\/ function asyncInitPlumbing_1() { return (() => {   (keepLines)
 *     import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
 */
export function isRewrittenText(code: string): boolean {
  return /\/\*\* ts-async-init: [^*]*\(generated\)\. \*\/\s*(?:(?:const|var) asyncInit_\w* = |function asyncInit\w*\(\) \{\s*return )\(\(\) => \{|import \{ plumbing as asyncInit_\w* \} from "[^"]*";/.test(
    code,
  );
}
