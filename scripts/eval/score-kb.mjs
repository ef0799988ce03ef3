#!/usr/bin/env node
// Scores `duban kb --json` against gold records: plan place and title, and per task lead, units and
// deadline. usage: node scripts/eval/score-kb.mjs GOLD-KB.jsonl KB.json [--verbose]
// Gold lines: {"kind":"plan","file","city","title",…} and {"kind":"task","file","ref","textStart","lead",
// "units","deadline"}. A gold task is matched to the plan's task whose text starts with (or contains)
// textStart, or failing that the one with the same ref. Names compare after removing whitespace and
// punctuation, full-width → half-width and traditional → simplified.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const OpenCC = createRequire(join(process.cwd(), 'x.js'))('opencc-js');
const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
// Pinyin after characters (發(fā)) is page damage, not part of a name.
const norm = (s) => t2s(String(s ?? '').normalize('NFKC').replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/gi, '')).replace(/[\s\p{P}\p{S}]/gu, '');
const [goldPath, kbPath, flag] = process.argv.slice(2);
const verbose = flag === '--verbose';
const gold = readFileSync(goldPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const kb = JSON.parse(readFileSync(kbPath, 'utf8'));
const base = (f) => String(f).split('/').pop();
const plans = new Map(kb.plans.map((p) => [base(p.file), p]));
const setEq = (a, b) => {
  const x = [...new Set((a ?? []).map(norm))].sort().join('|');
  const y = [...new Set((b ?? []).map(norm))].sort().join('|');
  return x === y;
};
const placeEq = (a, b) => {
  const strip = (s) => norm(s).replace(/(市|县|区|省|自治区|自治州|地区|新区|示范区)$/, '');
  // 九龙坡区 names the same place as 重庆市九龙坡区.
  if (!a && !b) return true;
  return !!a && !!b && (strip(a) === strip(b) || norm(a).endsWith(norm(b)) || norm(b).endsWith(norm(a)));
};

let planN = 0, cityOk = 0, titleOk = 0;
let taskN = 0, found = 0, leadOk = 0, unitsOk = 0, deadlineOk = 0, allOk = 0;
const fails = [];
for (const g of gold) {
  const file = base(g.file);
  if (g.kind === 'plan') {
    planN++;
    const p = plans.get(file);
    const c = placeEq(p?.city, g.city);
    const t = !!p && norm(p.title) === norm(g.title);
    cityOk += c ? 1 : 0;
    titleOk += t ? 1 : 0;
    if (!c || !t) fails.push(`PLAN ${file}: city ${p?.city} (gold ${g.city}) title ${p?.title} (gold ${g.title})`);
    continue;
  }
  if (g.kind !== 'task') continue;
  taskN++;
  const mine = kb.tasks.filter((t) => base(t.file) === file);
  const start = norm(g.textStart);
  const t =
    mine.find((x) => norm(x.text).startsWith(start)) ??
    mine.find((x) => start.length >= 4 && norm(x.text).includes(start)) ??
    (g.ref ? mine.find((x) => norm(x.ref) === norm(g.ref)) : undefined);
  if (!t) {
    fails.push(`TASK ${file} ${g.ref ?? ''} ${g.textStart}: not found`);
    continue;
  }
  found++;
    // Gold deadlines are either normalized (2024-06) or as printed (2024年6月底前): either form matches.
  const l = setEq(t.lead, g.lead), u = setEq(t.units, g.units);
  // (A gold month, 2024-06, is met by a day in it, 2024-06-30: the record is the more precise.)
  const d = (t.deadline ?? null) === (g.deadline ?? null) || (!!g.deadline && norm(t.deadlineText) === norm(g.deadline)) || (!!g.deadline && /^\d{4}-\d{2}$/.test(g.deadline) && String(t.deadline ?? '').startsWith(`${g.deadline}-`));
  leadOk += l ? 1 : 0; unitsOk += u ? 1 : 0; deadlineOk += d ? 1 : 0;
  if (l && u && d) allOk++;
  else fails.push(`TASK ${file} ${g.ref ?? ''} ${g.textStart}: lead ${JSON.stringify(t.lead)} (gold ${JSON.stringify(g.lead)}) units ${JSON.stringify(t.units)} (gold ${JSON.stringify(g.units)}) deadline ${t.deadline} (gold ${g.deadline})`);
}
if (verbose) for (const f of fails) console.log(f);
const pct = (a, b) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '0'}%)`;
console.log(`plans: city ${pct(cityOk, planN)}, title ${pct(titleOk, planN)}`);
console.log(`tasks: found ${pct(found, taskN)}, lead ${pct(leadOk, taskN)}, units ${pct(unitsOk, taskN)}, deadline ${pct(deadlineOk, taskN)}`);
console.log(`kb: ${pct(allOk, taskN)} tasks exact (lead, units and deadline)`);
