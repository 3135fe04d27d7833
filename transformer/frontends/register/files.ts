/** The TypeScript files the hook rewrites, by extension. */
export const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/i;

/**
 * The formats Node gives TypeScript that it strips: `module-typescript`, `commonjs-typescript`,
 * and `typescript` for a `.ts` file of a package.json without `"type"` (Node tells which kind
 * of module it is once the types are stripped).
 */
export const isTypeScriptFormat = (format: unknown): format is string =>
  format === "module-typescript" || format === "commonjs-typescript" || format === "typescript";
