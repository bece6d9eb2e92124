import type { FrontlineModule, ModuleContext } from '../../../platform/module.js';

/** Email channel: mailboxes, IMAP and SMTP in, outbox out, threading. */
export function createEmailModule(_context: ModuleContext): FrontlineModule {
  return { name: 'email' };
}
