/**
 * The command line's words, read without loading TypeScript:
 *
 *     ts-async-init check -p app/tsconfig.json    → { kind: "check", project: "app/tsconfig.json" }
 *     ts-async-init build --pretty false          → { kind: "build", pretty: false }
 *     ts-async-init --version                     → { kind: "version" }
 *     ts-async-init chekc                         → { kind: "misuse", message: "unknown command 'chekc'. …" }
 */

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "check" | "build"; project: string | undefined; pretty: boolean | undefined }
  /** No command at all: the usage, as an error. */
  | { kind: "none" }
  | { kind: "misuse"; message: string };

export const COMMANDS = ["check", "build"] as const;

const SEE_HELP = "see 'ts-async-init --help'";

export function parseArguments(args: readonly string[]): Command {
  const [first, ...rest] = args;
  if (first === undefined) return { kind: "none" };
  if (first === "-h" || first === "--help" || first === "help") return { kind: "help" };
  if (first === "-v" || first === "--version") return { kind: "version" };
  if (first !== "check" && first !== "build") {
    const what = first.startsWith("-") ? `option '${first}' before a command` : `command '${first}'`;
    return misuse(`unknown ${what}. The commands are 'check' and 'build'; ${SEE_HELP}.`);
  }

  let project: string | undefined;
  let pretty: boolean | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "-h" || flag === "--help") return { kind: "help" };
    if (flag === "-p" || flag === "--project") {
      const value = inline ?? rest[++i];
      if (value === undefined || value === "") return misuse(`${flag} needs a value: the project's tsconfig.json, or its folder.`);
      if (project !== undefined) return misuse(`${flag} is given twice: ${first} takes one project (its references come along).`);
      project = value;
    } else if (flag === "--pretty") {
      // `--pretty`, `--pretty true`, `--pretty false`, `--pretty=false`, as tsc reads it.
      const next = inline ?? (rest[i + 1] === "true" || rest[i + 1] === "false" ? rest[++i] : "true");
      if (next !== "true" && next !== "false") return misuse(`--pretty is true or false, not '${next}'.`);
      pretty = next === "true";
    } else if (flag.startsWith("-")) {
      return misuse(`unknown option '${flag}' for ${first}. It takes -p <tsconfig.json or its folder> and --pretty [true|false]; ${SEE_HELP}.`);
    } else {
      return misuse(`unexpected argument '${arg}': ${first} compiles a project; name its tsconfig.json (or folder) with -p.`);
    }
  }
  return { kind: first, project, pretty };
}

function misuse(message: string): Command {
  return { kind: "misuse", message };
}

export const USAGE = `Usage: ts-async-init <command> [-p <tsconfig.json or its folder>] [--pretty [true|false]]

Commands:
  check   Type-checks the project as 'tsc --noEmit' does, with ts-async-init's own
          checks (TS46001 and up) and without the checker's untrue TS2851 on
          'await using' of an @asyncInit class. Writes nothing.
  build   Compiles the project with the rewrite: the .js, .d.ts and source maps that
          tspc writes with the ts-async-init plugin entry, for any project, one
          whose typescript is 7 (the native compiler) too.

Options:
  -p, --project <path>    the project's tsconfig.json, or its folder (default: .)
  --pretty [true|false]   colours and code excerpts (default: on a terminal, unless
                          NO_COLOR is set, or "pretty" in tsconfig.json)
  -h, --help              this text
  -v, --version           the version, and the TypeScript used for the current folder

Referenced projects ("references" in tsconfig.json) are checked or built too, each
before the projects that reference it.

The TypeScript used: the project's own 'typescript' when it is 5.2 to 6.x, else
'@typescript/typescript6' (TypeScript 6's API, installed next to TypeScript 7).

Exit status: 0 when no error was found (warnings are printed), 1 when one was,
2 when the command line is wrong.
`;
