import type { IngestResult } from '../ingest/ingest-plans.ts';
import type { PlanSummary } from '../kb/knowledge-base.ts';

/** The readable `duban kb` summary: per plan, what was found, and every warning. */
export function formatSummary(plans: PlanSummary[], result: IngestResult): string {
  const s = result.stats;
  const lines = [
    `已加载 ${plans.length} 个方案(共 ${s.files} 个文件, ${(s.bytes / 1024).toFixed(0)} KB; 新解析 ${s.parsed}, 缓存 ${s.cached}; 用时 ${s.ms.toFixed(0)} ms)`,
  ];
  for (const p of plans) {
    const c = p.counts;
    const head = [p.title ?? '(无标题)', p.docNo, p.date].filter(Boolean).join('  ');
    lines.push('', `■ ${head}`, `  文件 ${p.file}${p.city ? ` · 城市 ${p.city}` : ''}`);
    lines.push(
      `  任务 ${c.tasks}(分解表 ${c.tableTasks}) · 目标 ${c.targets} · 部门职责 ${c.duties} · 阶段 ${c.phases} · 报告要求 ${c.reports} · 活动日 ${c.campaignDates} · 部门 ${c.departments}`,
    );
    for (const w of p.warnings.slice(0, 5)) lines.push(`  ⚠ ${w}`);
    if (p.warnings.length > 5) lines.push(`  ⚠ 还有 ${p.warnings.length - 5} 条提示(用 --json 查看全部)`);
  }
  if (result.warnings.length > 0) {
    lines.push('', `无法读取的文件 ${result.warnings.length} 个:`);
    for (const w of result.warnings) lines.push(`  ⚠ ${w.message}`);
  }
  return lines.join('\n');
}
