import { createHash } from "node:crypto";

/** The first `length` hex digits of the text's SHA-256: the name of a cache file, or a part of a version. */
export function hash(text: string, length = 40): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
