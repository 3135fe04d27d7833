import { createUnplugin, type FilterPattern, type UnpluginInstance, type UnpluginMessage } from "unplugin";
import { PLUMBING_JS } from "../../plumbing";
import { type TransformDiagnostic, transform } from "../api";

/**
 * The bundler plugin: one unplugin, reached through a thin entry per bundler
 * (`ts-async-init/vite`, `/rolldown`, `/rollup`, `/esbuild`, `/webpack`, `/rspack`,
 * `/bun`). It runs the text back end (frontends/api.ts) on each TypeScript module
 * that mentions `@asyncInit` or `await using`, before the bundler strips the types,
 * and serves the plumbing once per bundle as a virtual module that the rewritten
 * modules import:
 *
 *     // src/db.ts, as the bundler gets it after this plugin
 *     import { plumbing as asyncInit_1 } from "ts-async-init/plumbing";
 *     /** @asyncInit *\/
 *     export class Db { … }
 *
 * Nothing is cached between calls: each transform reads only the code it is given,
 * so watch mode and dev servers see every edit (adding or removing the tag too).
 */

export interface Options {
  /** The init method of classes tagged plain `@asyncInit` (default `init`). */
  initMethod?: string;
  /** Let tagged classes keep their state in a private field (default true; only from ES2022 up). */
  stateField?: boolean;
  /**
   * The language level of the bundle (`"ES2020"`, `"ES2022"`, `"ESNext"`…). Default: Vite's
   * `build.target` when it names an ECMAScript version, else ESNext. It only decides where
   * tagged instances keep their state: a private field (ES2022 up) or a WeakMap (below);
   * the bundler lowers the rest of the code to its own target as usual.
   */
  target?: string;
  /** The modules to rewrite (ids, as strings or regular expressions). Default: `.ts`, `.tsx`, `.mts`, `.cts`. */
  include?: FilterPattern;
  /** The modules left alone. Default: declaration files and anything in `node_modules`. */
  exclude?: FilterPattern;
  /** The TypeScript to parse with (only its parser is used); default `require("typescript")`. */
  typescript?: typeof import("typescript");
}

/**
 * What rewritten modules import the plumbing from; the plugin resolves it to a virtual
 * module (no such file exists). Not `virtual:…`: webpack reads a `scheme:` request as a
 * URL and never asks the resolvers, where unplugin serves virtual modules.
 */
export const PLUMBING_MODULE = "ts-async-init/plumbing";
/** Its resolved id: `\0` tells other plugins (and Vite) that it is not a file. */
const RESOLVED_PLUMBING = `\0${PLUMBING_MODULE}`;
/** The virtual module: the full plumbing as JavaScript (what `asyncInit_1` holds when it is inlined), once per bundle. */
const PLUMBING_MODULE_CODE = `/** ts-async-init: makes @asyncInit classes awaitable and async-disposable (generated). */\nexport const plumbing = ${PLUMBING_JS.trim()};\n`;

const DEFAULT_INCLUDE = [/\.[cm]?tsx?$/];
const DEFAULT_EXCLUDE = [/\.d\.[cm]?ts$/, /[\\/]node_modules[\\/]/];
/** The text the back end looks for before it parses a file; bundlers that evaluate filters natively send it nothing else. */
const MENTIONS = [/@asyncInit/, /\bawait(?:\s|\/\*[\s\S]*?\*\/)+using\b/];

const exact = (id: string) => new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);

export const unplugin: UnpluginInstance<Options | undefined, false> = createUnplugin<Options | undefined, false>((options = {}, meta) => {
  // Rollup, Rolldown and esbuild print `loc` with errors and warnings, Vite with errors only;
  // unplugin hands webpack, Rspack and Bun the message alone. Where `loc` is not printed, the message says where.
  const printsLoc = (category: "error" | "warning") =>
    ["rollup", "rolldown", "esbuild"].includes(meta.framework) || (meta.framework === "vite" && category === "error");
  let target = options.target;
  return {
    name: "ts-async-init",
    enforce: "pre",
    resolveId: {
      filter: { id: exact(PLUMBING_MODULE) },
      handler: (id) => (id === PLUMBING_MODULE ? RESOLVED_PLUMBING : undefined),
    },
    load: {
      filter: { id: exact(RESOLVED_PLUMBING) },
      handler: (id) => (id === RESOLVED_PLUMBING ? { code: PLUMBING_MODULE_CODE, map: null } : undefined),
    },
    transform: {
      filter: {
        id: { include: options.include ?? DEFAULT_INCLUDE, exclude: options.exclude ?? DEFAULT_EXCLUDE },
        code: { include: MENTIONS },
      },
      handler(code, id) {
        const fileName = id.replace(/[?#].*$/, "");
        const result = transform(code, fileName, {
          initMethod: options.initMethod,
          stateField: options.stateField,
          target,
          typescript: options.typescript,
          plumbing: { import: PLUMBING_MODULE },
        });
        let failed = false;
        for (const diagnostic of result.diagnostics) {
          const text = message(diagnostic, fileName, !printsLoc(diagnostic.category));
          if (diagnostic.category === "error") {
            failed = true;
            this.error(text);
          } else this.warn(text);
        }
        if (failed || result.map === null) return null;
        return { code: result.code, map: result.map };
      },
    },
    vite: {
      configResolved(config: { build?: { target?: unknown } }) {
        target ??= ecmaScriptTarget(config.build?.target);
      },
    },
  };
});

/**
 * `TS46001: @asyncInit class 'Db' has no method 'init'. …` at the file, line and column,
 * which Rollup prints as `src/db.ts (3:13)` and Vite and Rolldown as `/…/src/db.ts:3:13`:
 * `loc.column` is 0-based, as Rollup's plugin API defines it. With `where`, the message
 * itself starts with `/…/src/db.ts:3:14: ` (1-based, as editors count).
 */
function message(diagnostic: TransformDiagnostic, id: string, where = false): UnpluginMessage {
  return {
    message: `${where ? `${id}:${diagnostic.line}:${diagnostic.column}: ` : ""}TS${diagnostic.code}: ${diagnostic.message}`,
    code: `TS${diagnostic.code}`,
    id,
    loc: { file: id, line: diagnostic.line, column: diagnostic.column - 1 },
  };
}

/**
 * The ECMAScript version in a bundler's target (`"es2020"`, `["es2022", "chrome100"]`), the
 * lowest if several; undefined for browser lists, which every supported bundler lowers to itself.
 */
function ecmaScriptTarget(target: unknown): string | undefined {
  const versions = (Array.isArray(target) ? target : [target]).filter((t): t is string => typeof t === "string" && /^es(\d{4}|next)$/i.test(t));
  return versions.sort((a, b) => (a.toLowerCase() === "esnext" ? 1 : b.toLowerCase() === "esnext" ? -1 : a.localeCompare(b)))[0];
}
