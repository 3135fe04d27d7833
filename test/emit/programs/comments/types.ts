// Imported by the comments cases, as a type, as a type only, or as a value.
export type Options = { url: string };
export const defaults: Options = { url: "db://" };
