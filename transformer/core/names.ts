/**
 * `asyncInit_5f3a9c1e`: in a classic script (no import or export) the plumbing is
 * a global, beside those of every other script (several `<script>` tags, or one
 * `outFile`), so its name comes from a hash of the script's text rather than a
 * counter that restarts at 1 in each file. Both back ends name it so.
 */
export function scriptPlumbingName(text: string): string {
  let hash = 0x811c9dc5; // FNV-1a, 32 bits
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  let name = `asyncInit_${(hash >>> 0).toString(16).padStart(8, "0")}`;
  while (text.includes(name)) name += "_";
  return name;
}
