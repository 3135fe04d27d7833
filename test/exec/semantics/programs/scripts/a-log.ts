// Classic scripts (no import, no export) that share one global scope, loaded in name
// order by scripts.test.mjs. This one: the log they all write to.
const log: string[] = [];
