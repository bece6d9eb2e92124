import type { Insertable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { AttachmentsTable } from '../../db/schema.js';

export function createAttachmentsRepository(db: Executor) {
  return {
    findUpload(token: string) {
      return db.selectFrom('uploads').selectAll().where('token', '=', token).executeTakeFirst();
    },
    findUploadById(id: number) {
      return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertUpload(upload: { token: string; uploader_id: number; expires_at: Date; created_at: Date }) {
      return db.insertInto('uploads').values(upload).returningAll().executeTakeFirstOrThrow();
    },
    /** Deletes an upload and its files not on a comment; files already on comments stay, unlinked. */
    deleteUpload(id: number) {
      return db.transaction().execute(async (trx) => {
        await trx
          .updateTable('attachments')
          .set({ upload_id: null })
          .where('upload_id', '=', id)
          .where('comment_id', 'is not', null)
          .execute();
        await trx
          .deleteFrom('attachments')
          .where('upload_id', '=', id)
          .where('comment_id', 'is', null)
          .execute();
        await trx.deleteFrom('uploads').where('id', '=', id).execute();
      });
    },
    insert(attachment: Insertable<AttachmentsTable>) {
      return db.insertInto('attachments').values(attachment).returningAll().executeTakeFirstOrThrow();
    },
    findById(id: number) {
      return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    },
    ofUpload(uploadId: number) {
      return db
        .selectFrom('attachments')
        .selectAll()
        .where('upload_id', '=', uploadId)
        .orderBy('id')
        .execute();
    },
    ofComments(commentIds: number[]) {
      if (commentIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('attachments')
        .selectAll()
        .where('comment_id', 'in', commentIds)
        .orderBy('id')
        .execute();
    },
    /** Attaches an upload's files to a comment; returns the attachments now on it. */
    attachUploads(uploadIds: number[], commentId: number, ticketId: number) {
      if (uploadIds.length === 0) return Promise.resolve([]);
      return db
        .updateTable('attachments')
        .set({ comment_id: commentId, ticket_id: ticketId })
        .where('upload_id', 'in', uploadIds)
        .where('comment_id', 'is', null)
        .returningAll()
        .execute();
    },
  };
}

export type AttachmentsRepository = ReturnType<typeof createAttachmentsRepository>;
