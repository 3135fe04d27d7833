// `await using` of resources that are not tagged, in every position.
export const log: string[] = [];

class Lock implements AsyncDisposable {
  async [Symbol.asyncDispose]() {
    log.push("unlock");
  }
}

function maybeLock(take: boolean): Lock | null {
  return take ? new Lock() : null;
}

async function acquire(): Promise<Lock> {
  return new Lock();
}

export async function run(locks: Lock[]) {
  await using lock = new Lock(), none = maybeLock(false);
  await using awaited = await acquire();
  await using scope = {
    async [Symbol.asyncDispose]() {
      log.push("scope");
    },
  };
  for (await using each of locks) log.push(`each ${typeof each}`);
  for (const _ of [1, 2]) {
    await using inLoop = new Lock();
    void inLoop;
  }
  return [lock, none, awaited, scope].length;
}
