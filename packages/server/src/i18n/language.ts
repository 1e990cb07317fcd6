import type { FastifyRequest } from 'fastify';

export type Language = 'en' | 'ur';

/**
 * The language a client reads, from Accept-Language (the web app sends the one its user chose).
 * The first tag with a quality above zero that we speak wins; English otherwise.
 */
export function requestLanguage(request: FastifyRequest): Language {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return 'en';
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, quality: q ? Number(q.slice(2)) : 1 };
    })
    .filter((t) => t.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of tags) {
    if (tag === 'ur' || tag.startsWith('ur-')) return 'ur';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
