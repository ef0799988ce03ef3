import { createRequire } from 'node:module';

/**
 * Chinese prefecture-level and county-level place names (china-area-data), so a question about a city
 * whose plan is not loaded ("杭州的方案…") is told so instead of being answered from another city.
 */

let names: string[] | undefined;

/** Place names, full ("杭州市") and short ("杭州"), longest first. Loaded on first use. */
export function placeNames(): string[] {
  if (names) return names;
  const data = createRequire(import.meta.url)('china-area-data/v5/data.json') as Record<string, Record<string, string>>;
  const out = new Set<string>();
  for (const [code, children] of Object.entries(data)) {
    if (code === '86') continue;
    // Children of a province are prefectures (short names allowed); children of a prefecture are
    // counties, only county-level cities written in full ("宜兴市") — short county names are words.
    const prefectures = /0000$/.test(code);
    for (const name of Object.values(children)) {
      if (prefectures) {
        out.add(name);
        const short = name.replace(/(市|地区|自治州|盟)$/, '');
        if (short.length >= 2 && !/(族|自治)/.test(short)) out.add(short);
      } else if (/市$/.test(name)) {
        out.add(name);
      }
    }
  }
  names = [...out].sort((a, b) => b.length - a.length);
  return names;
}
