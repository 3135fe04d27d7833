import { Diagnostics } from "../../core/diagnostics";
import { mayNeedRewrite, mentionsTagInAnyCase, REWRITE_MENTIONS } from "../../core/tag";
import type { TransformDiagnostic } from "../api";
import { lineAndColumnAt } from "../lines";

/**
 * A framework's single-file component in Vite, webpack or Rspack: the file itself (`App.vue`),
 * not one of the modules its plugin makes of its blocks (`App.vue?vue&type=script&lang.ts`,
 * which in `vite build` are TypeScript modules like any other, and rewritten).
 */
export const COMPONENT_FILE = /\.(?:vue|svelte)$/;

/** Where a component is built: by Vite (its dev server and vitest, or `vite build`), or by webpack or Rspack (vue-loader, svelte-loader). */
export type ComponentBuild = "vite serve" | "vite build" | "webpack" | "rspack";

/** What TS46011 says strips a block's types, by where the component is built and its framework. */
const COMPILERS: Record<ComponentBuild, { vue: string; svelte: string }> = {
  "vite serve": { vue: "@vitejs/plugin-vue, in Vite's dev server and vitest,", svelte: "the Svelte plugin" },
  "vite build": { vue: "@vitejs/plugin-vue", svelte: "the Svelte plugin" },
  webpack: { vue: "webpack (vue-loader hands the block to your TypeScript loader after this plugin's loader has run)", svelte: "svelte-loader" },
  rspack: { vue: "Rspack (vue-loader hands the block to your TypeScript loader after this plugin's loader has run)", svelte: "svelte-loader" },
};

/**
 * TS46011 for a `<script lang="ts">` block of a component that mentions the tag or
 * `await using`, where the framework's plugin strips the block's types itself and this
 * plugin never gets it as a module of its own: a Svelte component's, always; a Vue
 * component's `lang="ts"` block in Vite's dev server and vitest (`@vitejs/plugin-vue` builds
 * it inline there, and as its own `?vue&type=script&lang.ts` module in `vite build`). A
 * `lang="tsx"` block, or one with a `src`, is always a module of its own. Undefined when
 * nothing is missed: `wouldRewrite` tells whether the block, as a module, would be
 * rewritten or have an error.
 *
 *     <script setup lang="ts">            (App.vue, in `vite dev`)
 *     /** @asyncInit *\/ class Db { … }    → error TS46011 at the tag
 *     await using tx = begin();          → warning TS46011 (if the block has no tag)
 */
export function unseenComponentScript(
  code: string,
  fileName: string,
  where: ComponentBuild,
  wouldRewrite: (body: string, lang: "ts" | "tsx") => boolean,
): TransformDiagnostic | undefined {
  const svelte = fileName.endsWith(".svelte");
  const serving = where !== "vite build";
  // Blocks in HTML comments (`<!-- <script lang="ts">…</script> -->`) are blanked out, keeping every offset.
  const live = code.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, " "));
  // An attribute's quoted value may hold `>` (`generic="T extends Array<number>"`).
  for (const block of live.matchAll(/<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/g)) {
    const attributes = block[1];
    const lang = /\blang\s*=\s*["']?([\w-]+)/.exec(attributes)?.[1];
    if (lang !== "ts" && lang !== "tsx") continue;
    // In webpack and Rspack, vue-loader hands each block to the loaders of its rules after this plugin's loader has run.
    const seenAsModule = !svelte && (/\bsrc\s*=/.test(attributes) || (where.startsWith("vite") && (lang === "tsx" || !serving)));
    const body = block[2];
    // A mention in a comment or a string is no reason: the block is parsed, as a module would be.
    if (seenAsModule || !mayNeedRewrite(body) || !wouldRewrite(body, lang)) continue;
    const at = (block.index ?? 0) + block[0].indexOf(body);
    return unseen(code, fileName, body, at, `<script lang="${lang}">`, COMPILERS[where][svelte ? "svelte" : "vue"]);
  }
  return undefined;
}

/**
 * An Astro component (`index.astro`). Astro's own Vite plugin compiles it to JavaScript
 * before this plugin's transform gets it, dropping its comments (the tag with them), so the
 * plugin reads it as Vite loads it (unseenAstroFrontmatter).
 */
export const ASTRO_FILE = /\.astro$/;

/**
 * TS46011 for an Astro component's frontmatter (its TypeScript between the `---` fences)
 * that mentions the tag or `await using`: Astro compiles it, and this plugin never gets it
 * as a module of its own. Undefined when nothing is missed (`wouldRewrite` as for a
 * component's script block). A `<script>` of the component is a module of its own, and
 * rewritten.
 *
 *     ---
 *     /** @asyncInit *\/ class Db { … }    → error TS46011 at the tag
 *     await using tx = begin();          → warning TS46011 (if the frontmatter has no tag)
 *     ---
 */
export function unseenAstroFrontmatter(source: string, fileName: string, wouldRewrite: (body: string, lang: "ts") => boolean): TransformDiagnostic | undefined {
  const frontmatter = /^\s*---[^\S\r\n]*\r?\n([\s\S]*?)^---/m.exec(source);
  if (!frontmatter) return undefined;
  const body = frontmatter[1];
  if (!mayNeedRewrite(body) || !wouldRewrite(body, "ts")) return undefined;
  return unseen(source, fileName, body, frontmatter.index + frontmatter[0].indexOf(body), "frontmatter", "Astro");
}

/**
 * TS46011 at the first mention in `body`, which starts at `start` of the file's `source`. A
 * tagged class would ship as written: an error. An `await using` alone may never hold a
 * tagged instance (an untagged disposable is fine as written), which only the code's author
 * knows: a warning.
 */
function unseen(source: string, fileName: string, body: string, start: number, block: string, compiler: string): TransformDiagnostic {
  const entry = mentionsTagInAnyCase(body) ? Diagnostics.componentScriptUnseen : Diagnostics.componentAwaitUsingUnseen;
  return {
    code: entry.code,
    category: entry.category === "Error" ? "error" : "warning",
    message: entry.text(block, compiler),
    file: fileName,
    ...lineAndColumnAt(source, start + firstMention(body)),
  };
}

/** Where the block first mentions the tag (in any case) or `await using`. */
function firstMention(body: string): number {
  return Math.min(...REWRITE_MENTIONS.map((mention) => mention.exec(body)?.index ?? body.length));
}
