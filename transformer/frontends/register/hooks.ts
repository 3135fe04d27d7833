/**
 * The load hook of `ts-async-init/register` (registered by ./index.ts): `load`
 * for `module.register()`, which runs it in Node's hooks thread, and `loadSync`
 * for `module.registerHooks()`, which runs it in the application's own thread.
 *
 * For each TypeScript module of the application (a `file:` URL ending in `.ts`,
 * `.mts`, `.cts` or `.tsx`) it takes the source from the
 * next loader and hands on the rewritten TypeScript, in the format it was given:
 *
 *     nextLoad(url) → { format: "module-typescript", source: "/** @asyncInit *\/ export class Db …" }
 *     load(url)     → { format: "module-typescript", source: "const asyncInit_1 = …; export class Db …
 *                                                             //# sourceMappingURL=data:…" }
 *
 * Node then strips the types (everything the rewrite adds is erasable), or tsx
 * compiles it. A file that mentions neither the tag nor `await using` is handed
 * on untouched (`transform`'s own quick test, before anything is parsed).
 *
 * - Errors (TS46001…) fail the load of that module, one line each:
 *   `src/db.ts:3:14 - error TS46001: …`; warnings go to stderr, once per file.
 * - A TypeScript file under node_modules is rewritten too: Node.js refuses to strip
 *   types there (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING, its own error, after the
 *   rewrite), but tsx compiles it (a workspace package that ships its `.ts`). A package
 *   that ships its tagged classes compiled (with `tspc`) is JavaScript, left alone;
 *   `await using` of them works through the run-time test of every rewritten `await using`.
 * - There is no type checker: each `await using` is tested when it runs (see
 *   "Without a type checker" in the README).
 */

import { readFileSync, writeSync } from "node:fs";
import type { LoadFnOutput, LoadHook } from "node:module";
import { relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileFunction } from "node:vm";
import { isMainThread } from "node:worker_threads";
import { Diagnostics } from "../../core/diagnostics";
import { isRewrittenText, mayNeedRewrite, mentionsTag } from "../../core/tag";
import type { TransformDiagnostic } from "../api";
import { cachedTransform, defaultCacheDir } from "../cache";
import { lineAndColumnAt } from "../lines";
import { NoTypeScriptError } from "../typescript";
import { firstAwaitUsing, hasAwaitUsingSyntax } from "./awaitUsing";
import { classTagIn } from "./classTag";
import { isAppJavaScript, isTypeScriptFormat, runsAsCommonJs, TYPESCRIPT_FILE } from "./files";
import { firstTime, saidAlready, shareOnce } from "./once";

/**
 * The script Node was started with (`node --import ts-async-init/register src/main.ts`):
 * the command that a message suggests runs it, not the module that the message is about.
 * The hooks thread of `module.register()` has no `process.argv[1]`: the app's thread hands it over. A worker's
 * `process.argv[1]` is its own module, which the command would run alone: none is named there.
 */
let entryPoint: string | undefined = isMainThread ? process.argv[1] : undefined;

/** Run by `module.register()` in the hooks thread: the app's thread hands over what the two share (./index.ts). */
export function initialize(data: { once?: Int32Array; entryPoint?: string } | undefined): void {
  if (data?.once) shareOnce(data.once);
  if (typeof data?.entryPoint === "string") entryPoint = data.entryPoint;
}

/** The entry point, as a command that runs the app names it. */
function entryPointToRun(): string {
  return entryPoint ? display(entryPoint) : "<your entry point>";
}

type Loaded = Awaited<ReturnType<Parameters<LoadHook>[2]>>;

export const load: LoadHook = async (url, context, nextLoad) => {
  let loaded: Loaded;
  try {
    loaded = await nextLoad(url, context);
  } catch (error) {
    throw explainUnknownExtension(url, error);
  }
  return rewrite(url, loaded);
};

export function loadSync(url: string, context: Parameters<LoadHook>[1], nextLoad: (url: string, context?: Partial<Parameters<LoadHook>[1]>) => Loaded): Loaded {
  let loaded: Loaded;
  try {
    loaded = nextLoad(url, context);
  } catch (error) {
    throw explainUnknownExtension(url, error);
  }
  return rewrite(url, loaded);
}

/** The TypeScript that Node's CommonJS loader is about to strip and run (./require.ts), rewritten. */
export function rewriteForCompile(path: string, format: string, source: string): string {
  return String(rewrite(pathToFileURL(path).href, { format, source } as Loaded).source);
}

/**
 * A TypeScript module that Node's CommonJS loader compiles as JavaScript (./require.ts).
 * The file itself, as it is: Node does not strip types here (`-r` on Node 20, type
 * stripping turned off), and fails as for `--import` (else a file without annotations
 * would run unrewritten). Compiled by another loader: said once, if it has a tagged class.
 */
export function refuseOrWarnCompiledAsJavaScript(path: string, content: string): void {
  if (typeScriptPath(pathToFileURL(path).href) === undefined) return;
  const text = readText(path);
  // The file itself, with something to rewrite, or with types that JavaScript cannot parse (Node's SyntaxError at
  // its first annotation would not say why). One that parses and has nothing to rewrite runs: it is JavaScript as it is.
  const itself = text !== undefined && withoutBom(text) === withoutBom(content);
  if (itself && (mayNeedRewrite(text) || !parsesAsCommonJs(path, content))) {
    throw notStrippedError(path);
  }
  if (text !== undefined) refuseTagged(path, text, COMPILED_ELSEWHERE);
}

/** Whether Node's CommonJS loader can compile the code as it is (only asked of a TypeScript file that Node does not strip). */
function parsesAsCommonJs(path: string, content: string): boolean {
  try {
    compileFunction(content, ["exports", "require", "module", "__filename", "__dirname"], { filename: path });
    return true;
  } catch (error) {
    return !(error instanceof SyntaxError);
  }
}

const COMPILED_ELSEWHERE =
  'compiled from the file itself by another loader (tsx?), as CommonJS or through require(), out of this hook\'s reach: under tsx, write ES modules ("type": "module", or .mts) and load them with import';

/**
 * Node.js fails a TypeScript file it does not strip with ERR_UNKNOWN_FILE_EXTENSION and
 * a stack of its loader and this hook: said plainly instead, with why and what to do.
 */
function explainUnknownExtension(url: string, error: unknown): unknown {
  const path = typeScriptPath(url);
  if (path === undefined || (error as { code?: unknown })?.code !== "ERR_UNKNOWN_FILE_EXTENSION") return error;
  return notStrippedError(path);
}

/** The error for a TypeScript file that Node.js does not strip here: why, and what to do. */
function notStrippedError(path: string): Error {
  return plainError(
    `ts-async-init/register: ${display(path)} is TypeScript that Node.js does not run here: ${whyNotStripped(display(path), entryPointToRun(), process.versions.node, runsAsCommonJs(path))}`,
    [path],
  );
}

/**
 * Why a Node.js (this one, or of `version`) does not strip the types of `file`, and what to do
 * (a command that runs `entry`, the app's entry point):
 * .tsx is never stripped; 22.18 and later, and 23.6 and later, strip types unless told not to;
 * 22.6 to 22.17 and 23.0 to 23.5 when told to; older ones never.
 * tsx is offered for an ES module only: it compiles a CommonJS one (`commonJs`, files.ts)
 * out of this hook's reach (TS46011), so there the message says to make it an ES module first.
 */
export function whyNotStripped(file: string, entry: string, version = process.versions.node, commonJs = false): string {
  const withTsx = `tsx: node --import ts-async-init/register --import tsx ${entry}`;
  const asModule = /\.cts$/i.test(file) ? "rename it to .mts" : 'make it an ES module ("type": "module" in package.json, or .mts)';
  const esmFirst = `${asModule} and use ${withTsx} (tsx compiles CommonJS out of this hook's reach)`;
  const orTsx = commonJs ? `or ${esmFirst}` : `or ${withTsx}`;
  if (/\.tsx$/i.test(file))
    return `Node.js strips the types of .ts, .mts and .cts files only. ${commonJs ? 'Make it an ES module ("type": "module" in package.json) and use' : "Use"} ${withTsx}`;
  const [major = 0, minor = 0] = version.split(".").map(Number);
  if (major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18))
    return `type stripping is turned off (--no-experimental-strip-types?). Turn it on, or ${commonJs ? esmFirst : `use ${withTsx}`}`;
  if ((major === 22 && minor >= 6) || major === 23)
    return `Node.js v${version} strips types only when told to (22.18 and later do by default). Add --experimental-strip-types (node --experimental-strip-types --import ts-async-init/register ${entry}), use Node.js 22.18 or later, ${orTsx}`;
  return `Node.js v${version} does not strip types (22.18 and later do). Use Node.js 22.18 or later, ${orTsx}`;
}

const decoder = new TextDecoder();

/**
 * The module as the next loader gave it, rewritten if it is TypeScript that
 * Node strips (`module-typescript`, `commonjs-typescript`, `typescript`), or TypeScript that
 * tsx compiles next: tsx's resolve hook makes the format plain `module`, and the
 * source is then still the file itself.
 */
function rewrite(url: string, loaded: Loaded): Loaded {
  const path = typeScriptPath(url);
  if (path === undefined) {
    if (url.startsWith("file:")) warnIfTaggedJavaScript(fileURLToPath(url), loaded.source ?? undefined);
    return loaded;
  }
  if (loaded.source == null) {
    // tsx's CommonJS modules: its require hook compiles them from the file itself (./require.ts may see them too).
    if (loaded.format === "commonjs") refuseOrWarnSkipped(path, COMPILED_ELSEWHERE);
    return loaded;
  }
  const source = typeof loaded.source === "string" ? loaded.source : decoder.decode(loaded.source as Uint8Array);
  // Rewritten already, by this hook registered a second time on the way (with -r and tsx, each module passes it twice).
  if (isRewrittenText(source)) return loaded;
  const kind = String(loaded.format);
  if (!isTypeScriptFormat(kind) && !(kind === "module" && isTheFileItself(path, source))) return loaded;

  const { code, map, diagnostics } = transformOrExplain(source, path);
  report(diagnostics);
  // Said for a module left as it is too (`await using db = await new Db()` needs no rewrite), in place of Node's bare SyntaxError.
  const refused = isTypeScriptFormat(kind) ? awaitUsingWithoutSyntax(source, path, kind) : undefined;
  if (refused) throw refused;
  if (map === null) return loaded;
  // The file's URL, as Node reads a map's sources (relative to the module's URL): its bare name would lose a `#`, `?` or `%` part.
  map.sources = [pathToFileURL(path).href];
  return { ...loaded, source: `${code}\n//# sourceMappingURL=${map.toUrl()}\n` } satisfies LoadFnOutput;
}

/**
 * Node strips types and leaves `await using` to its JavaScript, which may have none (Node 22): the error that says so at the declaration as written (./awaitUsing.ts).
 * tsx lowers it, in ES modules only: it compiles a CommonJS module (`kind` "commonjs-typescript") out of this hook's reach (TS46011), so the message does not offer it there.
 */
function awaitUsingWithoutSyntax(source: string, path: string, kind: string): Error | undefined {
  if (hasAwaitUsingSyntax()) return undefined;
  const at = firstAwaitUsing(source, path);
  if (at === undefined) return undefined;
  const place = `${display(path)}:${at.line}:${at.column}`;
  const elsewhere =
    kind === "commonjs-typescript"
      ? "or Node.js 24 or later (tsx, which lowers 'await using', compiles a CommonJS module out of this hook's reach)"
      : `Node.js 24 or later, or tsx, which lowers 'await using': node --import ts-async-init/register --import tsx ${entryPointToRun()}`;
  return plainError(
    `ts-async-init/register: ${place} declares 'await using', which Node.js v${process.versions.node} does not have (Node.js 24 and later do), with or without this hook. Use '${at.insteadOf}' and '${at.teardown}' in its place, ${elsewhere}`,
    [`${path}:${at.line}:${at.column}`],
  );
}

/** Modules rewritten by an earlier run are read back (frontends/cache.ts), without loading TypeScript. */
const transform = cachedTransform(defaultCacheDir());

/**
 * `transform`, with a message that names the file when there is no TypeScript it can
 * parse with (\`typescript\` is an optional peer dependency, which Node's type
 * stripping does not need): TS46009 says what to install (../typescript.ts).
 */
function transformOrExplain(source: string, path: string): ReturnType<typeof transform> {
  try {
    // Lines kept: a stack trace points at the right line without --enable-source-maps too.
    return transform(source, path, { keepLines: true });
  } catch (error) {
    if (!(error instanceof NoTypeScriptError)) throw error;
    throw plainError(
      `ts-async-init/register: ${display(path)} has @asyncInit classes or await using, which ts-async-init/register parses with TypeScript. TS${error.code}: ${error.text}`,
      [path],
    );
  }
}

/** The file's path when `url` is a TypeScript file of the application, else undefined. */
function typeScriptPath(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const bare = new URL(url);
  bare.search = ""; // tsx adds queries of its own (?tsx-namespace=…)
  bare.hash = "";
  if (!TYPESCRIPT_FILE.test(bare.pathname)) return undefined;
  return fileURLToPath(bare);
}

/**
 * Whether the source that a loader after this hook handed back as plain
 * `module` is still the file's own TypeScript, as tsx's chain gives it when tsx
 * was registered after this hook. If it is not, a loader registered after this
 * one (tsx imported first) has compiled it already, and this hook comes too late
 * to rewrite anything: say so, once per process.
 */
function isTheFileItself(path: string, source: string): boolean {
  const text = readText(path);
  // A byte order mark: the source comes decoded without it (TextDecoder drops it), the file is read with it.
  if (text !== undefined && withoutBom(text) === withoutBom(source)) return true;
  refuseOrWarnSkipped(
    path,
    `already compiled, by a loader registered before this hook (tsx?): import ts-async-init/register first, with --import, \`node --import ts-async-init/register --import tsx ${entryPointToRun()}\``,
    text,
  );
  return false;
}

/**
 * A module that another loader compiled before this hook could rewrite it. One with the
 * tag fails its load (error TS46011 at the tag): its tagged classes would run as written,
 * their init never. One with `await using` alone, which a compiler with a type checker may
 * rightly leave as written, is said once per process, with why (its text read only while
 * that is still to say).
 */
function refuseOrWarnSkipped(path: string, why: string, text?: string): void {
  const source = text ?? readText(path);
  if (source === undefined) return;
  refuseTagged(path, source, why);
  if (saidAlready() || !mayNeedRewrite(source) || !firstTime()) return;
  writeSync(2, `ts-async-init/register: ${display(path)} was NOT rewritten: it came ${why}.\n`);
}

/**
 * A tagged class in a JavaScript file of the app (not of `node_modules`, not output this
 * package wrote): the hook rewrites TypeScript only, so the class runs as written and its
 * init never runs. Said once per file, on stderr; the module still loads.
 *
 *     src/legacy.js:  /** @asyncInit *\/ export class Db { … }
 *     → ts-async-init/register: src/legacy.js:1:5 tags a class @asyncInit in JavaScript, which this hook leaves as it is …
 */
export function warnIfTaggedJavaScript(path: string, content: string | ArrayBufferView | ArrayBuffer | undefined): void {
  if (!isAppJavaScript(path) || warnedJavaScript.has(path)) return;
  // A CommonJS module comes without its source (Node's CommonJS loader reads it): the file, then. Bytes are searched
  // for the tag before any text is made of them: most modules have none.
  const given = content ?? readBytes(path);
  if (given === undefined || !mentionsTagIn(given)) return;
  const source = typeof given === "string" ? given : bytesOf(given).toString("utf8");
  const tag = classTagIn(source);
  if (tag === undefined || isRewrittenText(source)) return;
  warnedJavaScript.add(path);
  const { line, column } = lineAndColumnAt(source, tag);
  writeSync(
    2,
    `ts-async-init/register: ${display(path)}:${line}:${column} tags a class @asyncInit in JavaScript, which this hook leaves as it is (it rewrites .ts, .mts and .cts files): the class runs as written, and its init never runs. Write it in a TypeScript file.\n`,
  );
}

const warnedJavaScript = new Set<string>();

/** Whether a module's source mentions the tag, searched in its bytes as they are (no text is made of a module without it). */
const mentionsTagIn = (source: string | ArrayBufferView | ArrayBuffer): boolean =>
  typeof source === "string" ? mentionsTag(source) : bytesOf(source).includes("@asyncInit");

/** A Buffer over a module's bytes, not a copy of them. */
const bytesOf = (source: ArrayBufferView | ArrayBuffer): Buffer =>
  ArrayBuffer.isView(source) ? Buffer.from(source.buffer, source.byteOffset, source.byteLength) : Buffer.from(source);

/** A module with a tagged class that another loader compiled: its load fails, TS46011 at the first tag. */
function refuseTagged(path: string, source: string, why: string): void {
  const tag = classTagIn(source);
  if (tag !== undefined) throw diagnosticError([compiledFirst(path, source, tag, why)]);
}

/** TS46011 at the module's first tag (1-based line and column). */
function compiledFirst(path: string, source: string, at: number, why: string): TransformDiagnostic {
  const { code, text } = Diagnostics.moduleCompiledFirst;
  return { code, category: "error", message: text(why), file: path, ...lineAndColumnAt(source, at) };
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function readText(path: string): string | undefined {
  return readBytes(path)?.toString("utf8");
}

function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Warnings go to stderr, each once (a module loaded again, with a query or by another
 * loader, says nothing new; one edited and loaded again in the process says its new
 * warnings); errors fail the load.
 */
function report(diagnostics: TransformDiagnostic[]): void {
  const errors = diagnostics.filter((d) => d.category === "error");
  const warnings = diagnostics
    .filter((d) => d.category !== "error")
    .map(format)
    .filter((warning) => !warned.has(warning));
  for (const warning of warnings) warned.add(warning);
  if (warnings.length) writeSync(2, `${warnings.join("\n")}\n`);
  if (errors.length) throw diagnosticError(errors);
}
const warned = new Set<string>();

/** `src/db.ts:3:14 - error TS46001: …`, as `tsc --pretty` writes it, the path relative to the working directory. */
function format(d: TransformDiagnostic): string {
  return `${display(d.file)}:${d.line}:${d.column} - ${d.category} TS${d.code}: ${d.message}`;
}

function display(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith(`..${sep}`) && inside !== ".." ? inside : path;
}

/**
 * The error that fails the load. Its message is the diagnostics, one a line; its
 * stack, which Node prints, is the message followed by the place of each error
 * as a stack frame (`    at /app/src/db.ts:3:14`), in place of the frames of this
 * hook, which would tell the user nothing.
 */
function diagnosticError(errors: TransformDiagnostic[]): Error {
  return plainError(
    errors.map(format).join("\n"),
    errors.map((d) => `${d.file}:${d.line}:${d.column}`),
  );
}

function plainError(message: string, places: string[]): Error {
  const error = new Error(message);
  error.stack = [message, ...places.map((place) => `    at ${place}`)].join("\n");
  return error;
}
