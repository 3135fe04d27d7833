/**
 * What ends a line for a diagnostic's line number, as for TypeScript, JavaScript and
 * esbuild: `\r\n`, `\n`, and also a lone `\r`, U+2028 and U+2029.
 */
export const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** The 1-based line and column of the character at `at`, as editors and bundlers print them. */
export function lineAndColumnAt(code: string, at: number): { line: number; column: number } {
  const before = code.slice(0, at).split(LINE_BREAK);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
