/*! my-lib v1.0.0 | MIT */
// Database access.

import { defaults } from "./types.js";

/** @asyncInit */
export class Db {
  options = defaults;
  async init() {}
}
