import type * as ts from "typescript";

/** Where the command line writes: diagnostics to `stdout` (as tsc does), progress and notes to `stderr`. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Prints diagnostics as tsc does: `src/db.ts(3,14): error TS46001: …`, paths
 * relative to the current folder; with `pretty`, tsc's colours and code
 * excerpts, and a closing count.
 */
export function createPrinter(ts: typeof import("typescript"), stdout: Output, cwd: string, pretty: boolean) {
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()),
    getCurrentDirectory: () => cwd,
    getNewLine: () => "\n",
  };
  let errors = 0;
  let warnings = 0;
  // A diagnostic two projects both report (an error of a config that both read): printed once.
  const printed = new Set<string>();
  const isNew = (d: ts.Diagnostic): boolean => {
    const key = JSON.stringify([d.file?.fileName, d.start, d.code, ts.flattenDiagnosticMessageText(d.messageText, "\n")]);
    if (printed.has(key)) return false;
    printed.add(key);
    return true;
  };
  return {
    print(all: readonly ts.Diagnostic[]): void {
      const diagnostics = all.filter(isNew);
      if (!diagnostics.length) return;
      errors += diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
      warnings += diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Warning).length;
      stdout.write(pretty ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host) : ts.formatDiagnostics(diagnostics, host));
    },
    /** tsc's closing line in pretty mode: `Found 2 errors.` */
    finish(): void {
      if (!pretty || errors + warnings === 0) return;
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
      const found = [errors && count(errors, "error"), warnings && count(warnings, "warning")].filter(Boolean).join(" and ");
      stdout.write(`\nFound ${found}.\n\n`);
    },
    get errors() {
      return errors;
    },
  };
}

/** From this many files on, the progress is shown when stderr is not a terminal too (a CI log), at each quarter. */
export const PROGRESS_FILES = 500;

/**
 * A progress line on stderr while files are checked, so that stdout keeps only
 * the diagnostics:
 *
 * - on a terminal, one line rewritten in place at most every 100 ms
 *   (`ts-async-init: checked 1200/2000 files of tsconfig.json`), erased at the end;
 *   a check that takes less than 100 ms shows none;
 * - elsewhere, for PROGRESS_FILES files or more, a line at each quarter.
 */
export function createProgress(stderr: Output, total: number, of: string, now: () => number = Date.now) {
  const line = (n: number) => `ts-async-init: checked ${n}/${total} files of ${of}`;
  let done = 0;
  if (stderr.isTTY) {
    const start = now();
    let last = start;
    let shown = false;
    return {
      tick(): void {
        done++;
        const time = now();
        if (time - last < 100) return;
        last = time;
        shown = true;
        stderr.write(`\r\x1b[K${line(done)}`);
      },
      end(): void {
        if (shown) stderr.write("\r\x1b[K");
      },
    };
  }
  const quarter = total >= PROGRESS_FILES ? Math.ceil(total / 4) : Infinity;
  return {
    tick(): void {
      done++;
      if (done % quarter === 0 || (done === total && quarter !== Infinity)) stderr.write(`${line(done)}\n`);
    },
    end(): void {},
  };
}
