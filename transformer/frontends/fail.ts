/**
 * Throws `text` (a diagnostic's code and message) as an error whose stack is the message
 * alone, made with no frames: the message says what to change, and a tool that prints the
 * frame an error was made at (Bun shows the line of this package's source that threw) or
 * its stack prints only the message.
 *
 *     failWith("error TS46010: ts-async-init/vite is a bundler's plugin, …")
 */
export function failWith(text: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    throw Object.assign(new Error(text), { stack: text });
  } finally {
    Error.stackTraceLimit = limit;
  }
}
