/**
 * What the hooks cannot reach: TypeScript that Node's CommonJS loader reads and
 * compiles itself, in the app's own thread. It hands each module's code to
 * `Module.prototype._compile`, which this wraps (registered beside the hooks by
 * ./index.ts, whatever their kind):
 *
 * - A `require()` made through `createRequire()` in an ES module, on Node 22–25 with
 *   the hooks of `module.register()`, which never see it. Node hands over the file's
 *   TypeScript to strip (`commonjs-typescript`, `module-typescript` for a `require()`
 *   of an ES module, `typescript` in a package without `"type"`), and it is rewritten
 *   first, by ./hooks.ts (loaded then):
 *
 *       module._compile("/** @asyncInit *\/ class Pool …", "/app/src/pool.cts", "commonjs-typescript")
 *       → _compile("const asyncInit_1 = …; class Pool …", "/app/src/pool.cts", "commonjs-typescript")
 *
 *   TypeScript that the hooks rewrote already (it holds the plumbing's registry key)
 *   is handed on as it is.
 * - A TypeScript file that Node compiles as JavaScript, as it is (it strips no types
 *   here: `-r` on Node 20, or type stripping turned off), and that mentions the tag or
 *   `await using`: an error that says why, as for `--import`, not a module run unrewritten.
 * - A TypeScript file compiled already, by another loader from the file itself
 *   (tsx's CommonJS hook), with none of the rewrite's code in it: ./hooks.ts says
 *   once that it was not rewritten, if it has a tagged class (whose rewrite, by this
 *   package in any mode, always holds the plumbing; an `await using` alone may be
 *   left as written by a compiler with a type checker, such as ts-node with the plugin).
 *
 * Every other module is compiled as it came, without loading anything.
 */

import * as nodeModule from "node:module";
import { mayNeedRewrite } from "../../core/tag";
import { REGISTRY_KEY } from "../../plumbing/registry";
import { isAppJavaScript, isTypeScriptFormat, TYPESCRIPT_FILE } from "./files";

type Compile = (this: unknown, content: unknown, filename: string, format?: unknown) => unknown;

export function watchCommonJs(): void {
  const prototype = (nodeModule.Module as unknown as { prototype: { _compile: Compile } }).prototype;
  const compile = prototype._compile;
  prototype._compile = function (content, filename, format) {
    if (typeof content !== "string" || !TYPESCRIPT_FILE.test(filename) || content.includes(REGISTRY_KEY)) {
      if (typeof content === "string" && content.includes("@asyncInit") && isAppJavaScript(filename)) hooks().warnIfTaggedJavaScript(filename, content);
      return compile.call(this, content, filename, format);
    }
    if (isTypeScriptFormat(format)) {
      if (mayNeedRewrite(content)) content = hooks().rewriteForCompile(filename, format, content);
    } else {
      hooks().refuseOrWarnCompiledAsJavaScript(filename, content);
    }
    return compile.call(this, content, filename, format);
  };
}

const hooks = () => require("./hooks") as typeof import("./hooks");
