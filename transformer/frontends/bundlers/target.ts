/**
 * The language level of a bundle, read from the bundler's own target (esbuild's `target`,
 * Vite's `build.target`): all the plugin needs of it is whether the bundle keeps ES2022's
 * private fields and static blocks as written, where a tagged instance keeps its state in
 * one. Where it does not, the bundler would lower them itself, and esbuild renames the class
 * as it does (`Db.name` becomes `"_Db"`): below ES2022 the state goes in the WeakMap instead.
 *
 *     "es2020"                                 → "ES2020"
 *     ["es2024", "chrome120"]                  → "ES2022"
 *     "node20", ["chrome111", "safari16.4"]   → "ES2022"  (each has both features)
 *     "node14", ["chrome111", "safari15"]     → "ES2021"  (one lacks them)
 *     undefined, "baseline-widely-available"   → undefined (not known: the plugin's default)
 *
 * A year after 2022 is ES2022: every supported TypeScript knows ES2022, where 5.2 to 5.6
 * know no ES2024 (the text back end would report `"es2024"` as a bad option, which the
 * user did not set).
 */
export function ecmaScriptTarget(target: unknown): string | undefined {
  const entries = (Array.isArray(target) ? target : [target]).filter((entry): entry is string => typeof entry === "string");
  const levels = entries.map(levelOf).filter((level): level is number => level !== undefined);
  if (levels.length === 0) return undefined;
  const lowest = Math.min(...levels);
  return lowest === Number.POSITIVE_INFINITY ? "ESNext" : `ES${Math.min(lowest, 2022)}`;
}

/**
 * esbuild's language level, from its `target` and its `supported` option: a class feature
 * that the generated state needs turned off there (`supported: { "class-static-blocks": false }`)
 * makes esbuild lower it, and rename the class, as below ES2022.
 *
 *     { target: "node20" }                                                  → "ES2022"
 *     { target: "node20", supported: { "class-private-field": false } }    → "ES2021"
 */
export function esbuildTarget(options: { target?: unknown; supported?: unknown }): string | undefined {
  const target = ecmaScriptTarget(options.target);
  const supported = (options.supported ?? {}) as Record<string, unknown>;
  if (!ESBUILD_CLASS_FEATURES.some((feature) => supported[feature] === false)) return target;
  return target === undefined || !belowES2022(target) ? "ES2021" : target;
}

/**
 * The names esbuild's `supported` option gives the class features of the generated state (a
 * private field, its `in` test, a static block), and those of the other private members:
 * where esbuild lowers one of a class's private members, it lowers them all, the state's too.
 */
const ESBUILD_CLASS_FEATURES = [
  "class-field",
  "class-private-field",
  "class-private-brand-check",
  "class-static-blocks",
  "class-static-field",
  "class-private-method",
  "class-private-accessor",
  "class-private-static-field",
  "class-private-static-method",
  "class-private-static-accessor",
];

/**
 * The first version of each engine for which the bundlers keep class static blocks and
 * private fields as written, as esbuild names engines in its `target` (Vite's
 * `build.target` takes the same names). Chrome has both from 94, but Vite's compiler (Oxc)
 * lowers them up to Chrome 97 (and the Edge, Opera and Deno of that Chrome): the later one.
 */
const CLASS_FEATURES_SINCE: Record<string, number[]> = {
  chrome: [98],
  edge: [98],
  opera: [84],
  firefox: [93],
  safari: [16, 4],
  ios: [16, 4],
  node: [16, 11],
  deno: [1, 20],
};

/** Whether a language level (`"ES2020"`, `"ES6"`, `"ESNext"`) is below ES2022, where a bundler lowers class fields; false where it is not known. */
export function belowES2022(target: string | undefined): boolean {
  const level = target === undefined ? undefined : levelOf(target);
  return level !== undefined && level < 2022;
}

/** `es2020` → 2020, `es6` → 2015, `esnext` → Infinity; an engine: 2022 when it has the class features, else 2021; undefined for what is not a target. */
function levelOf(entry: string): number | undefined {
  const version = /^es(\d+|next)$/i.exec(entry);
  if (version) return version[1].toLowerCase() === "next" ? Number.POSITIVE_INFINITY : Number(version[1]) === 6 ? 2015 : Number(version[1]);
  const engine = /^([a-z]+)(\d+(?:\.\d+)*)$/i.exec(entry);
  if (!engine) return undefined;
  const since = CLASS_FEATURES_SINCE[engine[1].toLowerCase()];
  // An engine esbuild knows without the features (ie, hermes, rhino) is below ES2022 too.
  return since && !isBefore(engine[2].split(".").map(Number), since) ? 2022 : 2021;
}

/** Whether version `a` (`[16, 4]`) comes before `b`; missing parts count as 0. */
function isBefore(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x < y;
  }
  return false;
}
