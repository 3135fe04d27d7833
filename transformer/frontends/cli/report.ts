import type * as ts from "typescript";
import { fileKey } from "../../core/referencedProjects";

/** Where the command line writes: diagnostics to `stdout` (as tsc does), progress and notes to `stderr`. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Where an error is, for tsc's closing summary: its file and 1-based line. */
interface FileInError {
  fileName: string;
  line: number;
}

/** TypeScript's own closing summary of `tsc --pretty` (`Found 3 errors in 2 files.` and the table of files): on `ts` at run time, not in its typings. */
type ErrorSummaryText = (errorCount: number, filesInError: (FileInError | undefined)[], newLine: string, host: ts.FormatDiagnosticsHost) => string;

/**
 * Prints diagnostics as tsc does: `src/db.ts(3,14): error TS46001: …`, paths
 * relative to the current folder; with `pretty`, tsc's colours and code
 * excerpts, a blank line after each, and tsc's closing summary of the errors
 * (`tsc -b`'s, the count alone, for projects with `references`).
 */
export function createPrinter(ts: typeof import("typescript"), stdout: Output, cwd: string, pretty: boolean, references = false) {
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => fileKey(ts, f),
    getCurrentDirectory: () => cwd,
    getNewLine: () => "\n",
  };
  const filesInError: (FileInError | undefined)[] = [];
  // A diagnostic two projects both report (an error of a config that both read): printed once.
  const printed = new Set<string>();
  const isNew = (d: ts.Diagnostic): boolean => {
    const key = JSON.stringify([d.file?.fileName, d.start, d.code, ts.flattenDiagnosticMessageText(d.messageText, "\n")]);
    if (printed.has(key)) return false;
    printed.add(key);
    return true;
  };
  // Each file's line in the summary, as tsc gives it: that of the file's first diagnostic, of any category.
  const firstLines = new Map<string, number>();
  const noteFirstLine = ({ file, start }: ts.Diagnostic) => {
    if (file && !firstLines.has(file.fileName)) firstLines.set(file.fileName, file.getLineAndCharacterOfPosition(start ?? 0).line + 1);
  };
  const fileInError = ({ file }: ts.Diagnostic): FileInError | undefined => file && { fileName: file.fileName, line: firstLines.get(file.fileName) ?? 1 };
  return {
    print(all: readonly ts.Diagnostic[]): void {
      const diagnostics = all.filter(isNew);
      diagnostics.forEach(noteFirstLine);
      filesInError.push(...diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map(fileInError));
      if (!pretty) stdout.write(ts.formatDiagnostics(diagnostics, host));
      else for (const diagnostic of diagnostics) stdout.write(`${ts.formatDiagnosticsWithColorAndContext([diagnostic], host)}\n`);
    },
    /** tsc's closing summary in pretty mode, of the errors only: `Found 2 errors in the same file, starting at: src/db.ts:3`. */
    finish(): void {
      if (!pretty || filesInError.length === 0) return;
      const summary = (ts as { getErrorSummaryText?: ErrorSummaryText }).getErrorSummaryText;
      const count = filesInError.length;
      // Projects with references end as `tsc -b` ends them: the count alone.
      const files = references ? filesInError.map(() => undefined) : filesInError;
      stdout.write(summary ? summary(count, files, "\n", host) : `\nFound ${count} error${count === 1 ? "" : "s"}.\n\n`);
    },
    get errors() {
      return filesInError.length;
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
