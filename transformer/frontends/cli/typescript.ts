import { checkTypeScript } from "../../core/compatibility";
import { Diagnostics } from "../../core/diagnostics";
import { chooseTypeScript as choose, type Located } from "../typescript";

/**
 * Which TypeScript the command line compiles a project with (../typescript.ts), looked
 * up as `require` would from the project's folder, then from the current one (never
 * from where this package is: a TypeScript found there need not be the project's).
 */
export type Choice = { found: Located } | { problem: string };

export function chooseTypeScript(projectDir: string, cwd: string): Choice {
  const choice = choose(projectDir === cwd ? [projectDir] : [projectDir, cwd]);
  if ("found" in choice) return choice;
  if (choice.problem === "none") return { problem: Diagnostics.cliNoTypescript.text(projectDir) };
  if (choice.problem === "native") return { problem: Diagnostics.cliTypescriptNative.text(choice.version) };
  return { problem: Diagnostics.cliTypescriptTooOld.text(choice.version) };
}

/** Loads the chosen TypeScript; a problem (an API that lacks what the rewrite calls) comes back as a TS46009 message. */
export function loadTypeScript(located: Located): { ts: typeof import("typescript") } | { problem: string } {
  const ts: typeof import("typescript") = require(located.dir);
  const unsupported = checkTypeScript(ts);
  return unsupported ? { problem: unsupported.messageText as string } : { ts };
}
