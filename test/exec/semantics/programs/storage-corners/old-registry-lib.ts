// The module old-registry.ts loads after it has left a registry under the old key.
/** @asyncInit */
export class Db { async init() {} }
