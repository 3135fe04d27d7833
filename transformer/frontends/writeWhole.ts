import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes `data` to `file` whole or not at all: another process may be reading it. False
 * when its folder cannot be written; nothing is left of the attempt.
 */
export function writeWhole(file: string, data: string | Uint8Array): boolean {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // No folder to write in: no temporary file either.
    }
    return false;
  }
}
