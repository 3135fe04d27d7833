/**
 * Throws `text` (a diagnostic's code and message) as an error whose stack is the message
 * alone, made with no frames: the message says what to change, and a tool that prints the
 * frame an error was made at (Bun shows the line of this package's source that threw) or
 * its stack prints only the message.
 *
 *     failWith("TS46010", "TS46010: ts-async-init/vite is the plugin for Vite, …")
 */
export function failWith(code: string, text: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    throw Object.assign(new Error(text), { stack: text, code });
  } finally {
    Error.stackTraceLimit = limit;
  }
}
