/**
 * Headers for serving a stored file. Every file is a download (never rendered in our
 * origin): `attachment`, the sniffed type with `nosniff`, and a sandbox CSP in case a
 * browser renders it anyway. The name is given twice: an ASCII fallback, and the real
 * name in RFC 5987 form (`filename*=UTF-8''…`).
 */
export function contentDisposition(fileName: string) {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function contentHeaders(file: { file_name: string; content_type: string; size: number }) {
  return {
    'content-type': file.content_type,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(file.file_name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
    'cache-control': 'private, max-age=3600',
  };
}

/** A file name as stored: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}
