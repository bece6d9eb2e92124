/**
 * Every job queue, declared where its name is defined:
 * `export const SEND_QUEUE = defineQueue('email-send')`. A job can only be enqueued to
 * a declared queue (enqueue throws otherwise), and a worker refuses to start while a
 * declared queue has no handler, naming it. Together they make "rows and jobs pile up
 * with nothing consuming them" a failed start instead of silence.
 */
const declared = new Set<string>();

export function defineQueue<const Name extends string>(name: Name): Name {
  declared.add(name);
  return name;
}

/** The declared queues, sorted (every module's, once its file is loaded). */
export function declaredQueues() {
  return [...declared].sort();
}

export function assertDeclaredQueue(queue: string) {
  if (!declared.has(queue)) {
    throw new Error(
      `job queue ${queue} is not declared: define its name with defineQueue() so the worker can check it has a consumer`,
    );
  }
}
