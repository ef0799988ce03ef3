#!/usr/bin/env node
// The retrieval floor duban is measured against: a bot that pastes the three best BM25 sentences.
// usage: node scripts/eval/bm25-bot.mjs PLANS_DIR QUESTIONS.jsonl > ANSWERS.jsonl
// Sentences: the plans' text split at 。；！？ and line ends; terms: character bigrams (and single Han
// characters) of the normalised text (half-width, simplified); BM25 with k1 = 1.2, b = 0.75.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import OpenCC from 'opencc-js';

const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
const norm = (s) => t2s(s.normalize('NFKC')).replace(/\s+/g, ' ');

function files(dir) {
  const st = statSync(dir);
  if (!st.isDirectory()) return [dir];
  return readdirSync(dir).sort().flatMap((f) => files(join(dir, f)));
}

function terms(s) {
  const t = s.replace(/[\s\p{P}\p{S}]/gu, '');
  const out = [];
  for (let i = 0; i < t.length; i++) {
    out.push(t[i]);
    if (i + 1 < t.length) out.push(t.slice(i, i + 2));
  }
  return out;
}

const [plansDir, qFile] = process.argv.slice(2);
const sentences = [];
for (const f of files(plansDir)) {
  if (!/\.(txt|md|html?)$/i.test(f)) continue;
  const text = norm(readFileSync(f, 'utf8'));
  for (const s of text.split(/[。；;！!？?\n]/)) {
    const x = s.trim();
    if (x.replace(/\s/g, '').length >= 4) sentences.push({ file: f.split('/').pop(), text: x, tf: null, len: 0 });
  }
}
const df = new Map();
for (const s of sentences) {
  const tf = new Map();
  for (const w of terms(s.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
  s.tf = tf;
  s.len = [...tf.values()].reduce((a, b) => a + b, 0);
  for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
}
const N = sentences.length;
const avg = sentences.reduce((a, s) => a + s.len, 0) / Math.max(1, N);
const idf = (w) => Math.log(1 + (N - (df.get(w) ?? 0) + 0.5) / ((df.get(w) ?? 0) + 0.5));

for (const line of readFileSync(qFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const { id, q } = JSON.parse(line);
  const qt = [...new Set(terms(norm(q)))];
  const scored = sentences.map((s) => {
    let score = 0;
    for (const w of qt) {
      const f = s.tf.get(w);
      if (!f) continue;
      score += idf(w) * ((f * 2.2) / (f + 1.2 * (0.25 + 0.75 * (s.len / avg))));
    }
    return { s, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const top = scored.slice(0, 3).filter((x) => x.score > 0);
  const answer = top.map((x) => x.s.text).join('\n');
  process.stdout.write(`${JSON.stringify({ id, answer, found: top.length > 0, citations: top.map((x) => ({ file: x.s.file, ref: null, quote: x.s.text.slice(0, 60) })) })}\n`);
}
