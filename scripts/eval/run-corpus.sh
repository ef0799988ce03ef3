#!/usr/bin/env bash
# Scores duban and the BM25 retrieval floor on a development corpus kept outside the repository.
# usage: scripts/eval/run-corpus.sh CORPUS_DIR [DATE]
#   CORPUS_DIR holds plans/ (the documents), qa.jsonl (questions, ../shared/eval format) and optionally
#   gold-kb.jsonl (plan and task records, see score-kb.mjs). DATE is "today" for the answers.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:?corpus dir}
date=${2:-2026-12-01}
out=${OUT:-/tmp/duban-eval}
mkdir -p "$out"
score=../shared/eval/score-qa.mjs
npx duban ask --plans "$corpus/plans" --date "$date" --no-llm --batch "$corpus/qa.jsonl" --json > "$out/duban.jsonl"
node scripts/eval/bm25-bot.mjs "$corpus/plans" "$corpus/qa.jsonl" > "$out/bm25.jsonl"
node "$score" "$corpus/qa.jsonl" "$out/duban.jsonl" --verbose > "$out/duban.score"
node "$score" "$corpus/qa.jsonl" "$out/bm25.jsonl" > "$out/bm25.score"
paste <(grep -v '^FAIL\|^  ' "$out/duban.score") <(cat "$out/bm25.score") | sed 's/^/duban | bm25: /'
if [ -f "$corpus/gold-kb.jsonl" ]; then
  npx duban kb --plans "$corpus/plans" --json --no-cache > "$out/kb.json" 2>/dev/null || true
  node scripts/eval/score-kb.mjs "$corpus/gold-kb.jsonl" "$out/kb.json" --verbose > "$out/kb.score"
  tail -3 "$out/kb.score"
fi
