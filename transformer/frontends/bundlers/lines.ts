/**
 * What ends a line for a diagnostic's line number, as for TypeScript, JavaScript and
 * esbuild: `\r\n`, `\n`, and also a lone `\r`, U+2028 and U+2029.
 */
export const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;
