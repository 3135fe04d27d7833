import { resolve } from "node:path";
import type { FilterPattern } from "unplugin";

/** What the plugin's transform filter says of module ids: the user's include and exclude, or the defaults. */
export interface IdFilter {
  include?: FilterPattern;
  exclude?: FilterPattern;
}

/**
 * The include and exclude, evaluated on a module's path as unplugin's adapters evaluate
 * them, for a bundler that calls the plugin without doing so itself and must be answered
 * at once (Bun's runtime, ../../bun.ts): an excluded path is not taken; an included one
 * is; with no include, every path is. A regular expression tests the path with `/` for
 * its separators; a glob is matched by picomatch (`dot: true`), from the working directory
 * unless it is absolute or starts with `**`:
 *
 *     { include: ["src/**\/*.ts"], exclude: [/legacy/] }, run in /app
 *       → /app/src/db.ts: taken; /app/src/legacy/old.ts: not; /app/test/db.test.ts: not
 */
export function idFilter({ include, exclude }: IdFilter): (path: string) => boolean {
  const included = patternsOf(include).map(matcherOf);
  const excluded = patternsOf(exclude).map(matcherOf);
  return (path) => {
    const id = withSlashes(path);
    if (excluded.some((matches) => matches(id))) return false;
    return included.length === 0 || included.some((matches) => matches(id));
  };
}

const patternsOf = (pattern: FilterPattern | undefined): (string | RegExp)[] => (pattern == null ? [] : [pattern].flat());

const withSlashes = (path: string): string => path.replace(/\\/g, "/");

function matcherOf(pattern: string | RegExp): (id: string) => boolean {
  if (pattern instanceof RegExp) {
    return (id) => {
      pattern.lastIndex = 0; // a global or sticky pattern tests each id from its start
      return pattern.test(id);
    };
  }
  return picomatch()(globFromWorkingDir(pattern), { dot: true });
}

/** `src/**\/*.ts` → `/app/src/**\/*.ts` (the working directory's own glob characters escaped); `**\/*.ts` and `/abs/**` as they are. */
function globFromWorkingDir(glob: string): string {
  if (glob.startsWith("**") || /^(?:\/|(?:[A-Z]:)?[/\\|])/i.test(glob)) return withSlashes(glob);
  const workingDir = withSlashes(resolve(process.cwd())).replace(/[\\^$*+?.()|[\]{}]/g, "\\$&");
  return `${workingDir}/${withSlashes(glob).replace(/^\.\//, "")}`;
}

type Picomatch = (glob: string, options: { dot: boolean }) => (path: string) => boolean;

/** picomatch, loaded only for a glob (unplugin matches globs with it too). */
const picomatch = (): Picomatch => require("picomatch") as Picomatch;
