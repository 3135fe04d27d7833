export const kDispose: typeof Symbol.asyncDispose = Symbol.asyncDispose;
export const keys = { dispose: Symbol.asyncDispose } as const;
export const kOther = Symbol("other");
