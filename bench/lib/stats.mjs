// Small helpers shared by the benchmarks: medians, the machine description, table formatting.

import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The spread of a sample, as the half-distance between its quartiles relative to its median (a noise indicator). */
export const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const m = median(values);
  return m === 0 ? 0 : (q(0.75) - q(0.25)) / 2 / m;
};

/** What the numbers were measured on. */
export function machine() {
  const list = cpus();
  let nproc = String(list.length);
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {}
  return {
    nproc,
    model: list[0]?.model ?? "unknown",
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** A Markdown table from a header and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export const fixed = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
export const thousands = (n) => Math.round(n).toLocaleString("en-US");

/** "✓" or "✗" against a target, so a reader sees at a glance which targets are met. */
export const verdict = (ok) => (ok ? "met" : "**missed**");
