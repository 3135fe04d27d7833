import { readFileSync } from "node:fs";
import { join } from "node:path";

let id: string | null | undefined;

/**
 * A hash of this package's compiled code (every .js file of it), which `npm run build`
 * writes to dist/build-id.txt (scripts/build-id.mjs): another version, or a rebuilt one,
 * has another. Null where there is no such file (a build by plain tsc).
 */
export function buildId(): string | null {
  if (id === undefined) {
    try {
      id = readFileSync(join(__dirname, "..", "build-id.txt"), "utf8").trim() || null;
    } catch {
      id = null;
    }
  }
  return id;
}
