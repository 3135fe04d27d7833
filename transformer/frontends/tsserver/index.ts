import type * as ts from "typescript";
import { type Analyzer, analyzeProgram } from "../../core/analyze";
import { diagnosticKey } from "../../core/diagnostics";
import { DEFAULT_OPTIONS, pluginEntryOf, readOptions } from "../../core/options";
import { createCheckerErrorFilter } from "../tspatch/checkerErrors";
import { optionPlaceIn } from "../tspatch/optionPlace";

type TypeScript = typeof import("typescript");
type PluginCreateInfo = import("typescript").server.PluginCreateInfo;
/** The language service this plugin's proxy wraps, kept on the proxy (a global symbol: two copies of the plugin agree). */
const UNWRAPPED = Symbol.for("ts-async-init.languageService");
type WithUnwrapped = { [UNWRAPPED]?: ts.LanguageService };
/**
 * The fixes of all of a kind that act where this plugin drops a diagnostic as untrue, by
 * fix id, each with the codes it fixes: "Remove all unnecessary uses of 'await'" (TS80007:
 * it would delete the `await` that runs init), and "Delete all unused declarations" and its
 * kin (TS6133: they would delete, or rename, a `private async init()`).
 */
const FIXES_OF_UNTRUE: Record<string, readonly number[]> = {
  removeUnnecessaryAwait: [80007],
  unusedIdentifier_delete: [6133],
  unusedIdentifier_deleteImports: [6133],
  unusedIdentifier_prefix: [6133],
  unusedIdentifier_infer: [6133],
};
type RegionCheck = (fileName: string, ranges: ts.TextRange[]) => { diagnostics: ts.Diagnostic[]; spans: ts.TextSpan[] } | undefined;

/**
 * The TypeScript language-service plugin, for tsserver and so for every editor
 * built on it: `"plugins": [{ "name": "ts-async-init" }]` in tsconfig.json.
 *
 * It wraps the project's language service so that the editor shows what
 * `tspc` reports:
 *
 * - no TS2851 on `await using db = new Db()` and no "'await' has no effect"
 *   suggestion (TS80007, whose quick fix would delete the `await` that runs
 *   init) for rewritten classes (see `frontends/tspatch/checkerErrors.ts`), and no
 *   edit there in a fix of all of a kind ("Remove all unnecessary uses of 'await'");
 * - this transformer's own diagnostics (the checks: 46001 and up) as the user types;
 * - the options of its entry, and those it leaves out from the entry tspc runs (see withBuildOptions);
 * - a bad or unknown option of its entry (TS46006) among the project's option
 *   diagnostics, which editors show on tsconfig.json (tsserver's configFileDiag event).
 *
 * Everything else is the language service's own answer. A failure inside the
 * plugin is logged and the unwrapped answer returned: the editor keeps working.
 */
export function createLanguageServicePlugin(ts: TypeScript): ts.server.PluginModule {
  return {
    create(info: PluginCreateInfo): ts.LanguageService {
      // After an edit of tsconfig.json, tsserver calls create again with the service it has, this
      // plugin's proxy: wrapped again, each layer would keep its old options and report again.
      const service = (info.languageService as WithUnwrapped)[UNWRAPPED] ?? info.languageService;
      const log = (message: string) => info.project.projectService.logger.info(`[ts-async-init] ${message}`);
      const config = withBuildOptions(info.config, info.project.getCompilerOptions());
      const options = readOptions(ts, config, () => {});

      // Analyses belong to one program; a new program (after an edit) starts afresh.
      let current:
        | { program: ts.Program; analyze: Analyzer; dropUntrue: ReturnType<typeof createCheckerErrorFilter>; optionDiagnostics: ts.Diagnostic[] }
        | undefined;
      function forProgram() {
        const program = service.getProgram();
        if (!program) return undefined;
        if (current?.program !== program) {
          const analyze = analyzeProgram(ts, program, options);
          // The options' diagnostics again, now at their place in this program's tsconfig.json.
          const optionDiagnostics: ts.Diagnostic[] = [];
          readOptions(ts, config, (d) => optionDiagnostics.push(d), optionPlaceIn(ts, program));
          current = { program, analyze, dropUntrue: createCheckerErrorFilter(ts, program, analyze), optionDiagnostics };
        }
        return current;
      }

      function guarded<T>(answer: T, change: (answer: T) => T): T {
        try {
          return change(answer);
        } catch (error) {
          log(`kept the language service's answer after an error: ${(error as Error)?.stack ?? error}`);
          return answer;
        }
      }

      const proxy: ts.LanguageService & WithUnwrapped = Object.create(null);
      proxy[UNWRAPPED] = service;
      for (const key of Object.keys(service) as (keyof ts.LanguageService)[]) {
        const method = service[key];
        (proxy as unknown as Record<string, unknown>)[key] =
          typeof method === "function" ? (...args: unknown[]) => (method as Function).apply(service, args) : method;
      }

      /**
       * The checker's diagnostics of a file without the untrue ones, and the plugin's own that
       * `where` takes (default: all); undefined when the file is no part of the program.
       */
      function checkedWithOwn(fileName: string, diagnostics: readonly ts.Diagnostic[], where = (_d: ts.Diagnostic) => true): ts.Diagnostic[] | undefined {
        const state = forProgram();
        const sourceFile = state?.program.getSourceFile(fileName);
        if (!state || !sourceFile) return undefined;
        const kept = state.dropUntrue(diagnostics);
        // Under a TypeScript patched by `ts-patch install`, the program transformer has added them already.
        const seen = new Set(kept.map(diagnosticKey));
        return [...kept, ...state.analyze.diagnosticsOf(sourceFile).filter((d) => where(d) && !seen.has(diagnosticKey(d)))];
      }

      proxy.getSemanticDiagnostics = (fileName) =>
        guarded(service.getSemanticDiagnostics(fileName), (diagnostics) => checkedWithOwn(fileName, diagnostics) ?? diagnostics);

      // The editor's quick check of the visible lines first (TypeScript ≥ 5.6; not in its public typings).
      const internal = service as unknown as { getRegionSemanticDiagnostics?: RegionCheck };
      if (internal.getRegionSemanticDiagnostics) {
        const regionCheck = internal.getRegionSemanticDiagnostics.bind(service);
        (proxy as unknown as { getRegionSemanticDiagnostics: RegionCheck }).getRegionSemanticDiagnostics = (fileName, ranges) =>
          guarded(regionCheck(fileName, ranges), (region) => {
            if (!region) return region;
            // The plugin's own diagnostics in the lines checked (the spans of the statements that touch the ranges).
            const inSpans = (d: ts.Diagnostic) =>
              d.start !== undefined && region.spans.some((span) => d.start! >= span.start && d.start! < span.start + span.length);
            const diagnostics = checkedWithOwn(fileName, region.diagnostics, inSpans);
            return diagnostics ? { ...region, diagnostics } : region;
          });
      }

      // A new array: tsserver adds the project's own errors to it.
      proxy.getCompilerOptionsDiagnostics = () =>
        guarded(service.getCompilerOptionsDiagnostics(), (diagnostics) => [...diagnostics, ...(forProgram()?.optionDiagnostics ?? [])]);

      proxy.getSuggestionDiagnostics = (fileName) =>
        guarded(service.getSuggestionDiagnostics(fileName), (diagnostics) => forProgram()?.dropUntrue(diagnostics) ?? diagnostics);

      /**
       * A fix for all of a kind in a file ("Remove all unnecessary uses of 'await'", "Delete all
       * unused declarations", offered on another such diagnostic) is computed from the checker's
       * own diagnostics: its edits at those this plugin drops as untrue (the `await` that runs
       * init, the `private async init()` that the generated `then` calls) are left out.
       */
      proxy.getCombinedCodeFix = (scope, fixId, formatOptions, preferences) =>
        guarded(service.getCombinedCodeFix(scope, fixId, formatOptions, preferences), (combined) => {
          const id = String(fixId);
          const codes = Object.hasOwn(FIXES_OF_UNTRUE, id) ? FIXES_OF_UNTRUE[id] : undefined;
          if (!codes) return combined;
          const untrue = untrueIn(scope.fileName).filter((d) => codes.includes(d.code));
          if (untrue.length === 0) return combined;
          // An edit that meets such a diagnostic's span (the removal of its `await`, of the method it names).
          const touchesUntrue = (span: ts.TextSpan) =>
            untrue.some((d) => span.start < d.start! + d.length! && d.start! < span.start + Math.max(span.length, 1));
          const changes = combined.changes
            .map((file) =>
              file.fileName === scope.fileName ? { ...file, textChanges: file.textChanges.filter((change) => !touchesUntrue(change.span)) } : file,
            )
            .filter((file) => file.textChanges.length > 0 || file.isNewFile);
          return { ...combined, changes };
        });

      /** The checker's diagnostics of a file that this plugin drops as untrue. */
      function untrueIn(fileName: string): ts.Diagnostic[] {
        const state = forProgram();
        if (!state) return [];
        const all = [...service.getSemanticDiagnostics(fileName), ...service.getSuggestionDiagnostics(fileName)];
        return all.filter((d) => d.start !== undefined && d.length !== undefined && state.dropUntrue([d]).length === 0);
      }

      return proxy;
    },
  };
}

/**
 * The editor entry's options, each that it leaves out taken from the entry that tspc runs, so
 * that the editor checks classes as the build does:
 *
 *     { "transform": "ts-async-init", "transformProgram": true, "initMethod": "setup" },
 *     { "name": "ts-async-init" }                                  → the editor's initMethod is "setup"
 */
function withBuildOptions(config: Record<string, unknown> | undefined, compilerOptions: ts.CompilerOptions): Record<string, unknown> {
  const build = pluginEntryOf(compilerOptions, "transform");
  if (!build) return config ?? {};
  const taken = Object.keys(DEFAULT_OPTIONS).filter((key) => !(config && key in config) && key in build);
  return { ...Object.fromEntries(taken.map((key) => [key, build[key]])), ...config };
}
