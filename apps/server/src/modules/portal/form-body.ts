import { BadRequestError } from '../../platform/http/errors.js';
import type { HttpApp } from '../../platform/http/server.js';

/** A submitted HTML form: its text fields (last value wins) and its files. */
export type FormBody = { fields: Record<string, string>; files: { fileName: string; bytes: Buffer }[] };

export const MAX_FORM_FILES = 5;

/**
 * Reads HTML form posts (urlencoded, or multipart with files) into a FormBody, using
 * the platform's own Fetch parser (undici) so no multipart dependency is needed. Only
 * in the plugin that calls it: the API keeps taking JSON alone.
 */
export function acceptForms(app: HttpApp) {
  const parse = async (contentType: string, body: Buffer): Promise<FormBody> => {
    let data: FormData;
    try {
      data = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new BadRequestError('The form could not be read; send it again from the page');
    }
    const fields: Record<string, string> = {};
    const files: FormBody['files'] = [];
    for (const [name, value] of data.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else if (value.size > 0)
        files.push({ fileName: value.name || 'file', bytes: Buffer.from(await value.arrayBuffer()) });
    }
    return { fields, files };
  };
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (request, body, done) => {
      parse(String(request.headers['content-type']), body as Buffer).then(
        (form) => done(null, form),
        (error: Error) => done(error),
      );
    });
  }
}
