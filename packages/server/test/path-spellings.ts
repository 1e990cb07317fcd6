/**
 * Other spellings of one address that a router may decode, fold or normalise to the same route: an
 * attacker's first try against a check made on the address text instead of the matched route.
 * Used by the route test of the auth hook and by the fuzz suite for every route.
 */
export function pathSpellings(path: string): string[] {
  const encode = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  const encodeUpper = (c: string) => encode(c).toUpperCase();
  const [, first = '', ...rest] = path.split('/');
  const tail = rest.join('/');
  const spellings = [
    // Encoded letters: one, all, upper-case hex, and an encoded letter further along.
    `/${encode(first[0] ?? 'a')}${first.slice(1)}/${tail}`,
    `/${[...first].map(encode).join('')}/${tail}`,
    `/${[...first].map(encodeUpper).join('')}/${tail}`,
    tail ? `/${first}/${encode(tail[0] ?? 'a')}${tail.slice(1)}` : `/${first}`,
    // Case.
    `/${first.toUpperCase()}/${tail}`,
    `/${first[0]?.toUpperCase() ?? ''}${first.slice(1)}/${tail}`,
    path.toUpperCase(),
    // Double encoding.
    `/%25${(first.charCodeAt(0) || 97).toString(16)}${first.slice(1)}/${tail}`,
    `/${[...first].map((c) => `%25${c.charCodeAt(0).toString(16)}`).join('')}/${tail}`,
    // Doubled, dot and dot-dot segments, a trailing slash, an encoded slash.
    `//${first}/${tail}`,
    `/${first}//${tail}`,
    `/./${first}/${tail}`,
    `/${first}/./${tail}`,
    `/x/../${first}/${tail}`,
    `/${first}/x/../${tail}`,
    `/${first}/%2e/${tail}`,
    `/${first}/${tail}/`,
    `/${first}%2f${tail}`,
    `/${first}%2F${tail}`,
    // Parameters and odd characters routers sometimes cut at.
    `/${first}/${tail};x=1`,
    `/${first};x=1/${tail}`,
    `/${first}/${tail}%00`,
    `/${first}/${tail}%20`,
    `/${first}/${tail}#x`,
    `/${first}/${tail}?`,
  ];
  return [...new Set(spellings)].filter((s) => s !== path);
}
