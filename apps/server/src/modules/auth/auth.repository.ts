import type { Executor } from '../../db/executor.js';
import { groupIdsColumn } from '../people/index.js';

export function createAuthRepository(db: Executor) {
  return {
    /** A live session with its user and the user's groups: one look-up per request. */
    findSessionUser(id: string, now: Date) {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select([
          groupIdsColumn,
          'sessions.id as session_id',
          'sessions.csrf_token as session_csrf_token',
          'sessions.last_seen_at as session_last_seen_at',
        ])
        .where('sessions.id', '=', id)
        .where('sessions.expires_at', '>', now)
        .executeTakeFirst();
    },
    insertSession(session: {
      id: string;
      user_id: number;
      csrf_token: string;
      expires_at: Date;
      user_agent: string;
      ip: string;
    }) {
      return db.insertInto('sessions').values(session).execute();
    },
    touchSession(id: string, now: Date, expiresAt: Date) {
      return db
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },
    deleteSession(id: string) {
      return db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    /** Ends a user's sessions, all of them or all but `keep`. */
    deleteSessionsOf(userId: number, keep?: string) {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keep !== undefined) query = query.where('id', '<>', keep);
      return query.execute();
    },
    /** An active token with its owner and the owner's groups: one look-up per request. */
    findTokenOwner(tokenHash: string) {
      return db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.owner_id')
        .selectAll('users')
        .select([
          groupIdsColumn,
          'api_tokens.id as token_id',
          'api_tokens.acts_as_any_user as token_acts_as_any_user',
        ])
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.active', '=', true)
        .executeTakeFirst();
    },
    touchToken(id: number, now: Date) {
      return db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },
    listTokens() {
      return db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
    },
    findTokenById(id: number) {
      return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertToken(token: {
      token_hash: string;
      token_hint: string;
      description: string;
      owner_id: number;
      acts_as_any_user: boolean;
    }) {
      return db.insertInto('api_tokens').values(token).returningAll().executeTakeFirstOrThrow();
    },
    updateToken(id: number, changes: { description?: string; active?: boolean }) {
      return db.updateTable('api_tokens').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
    },
    deleteToken(id: number) {
      return db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
