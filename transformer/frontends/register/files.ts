/** The TypeScript files the hook rewrites, by extension (outside node_modules). */
export const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/i;
