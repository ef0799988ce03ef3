import { describe, expect, it } from 'vitest';
import { extractTargets } from '../../src/ingest/extract-targets.ts';

const pick = (text: string, year: number | null = null) =>
  extractTargets(text, year).map((t) => [t.metric, t.comparator, t.valueText, t.unit, t.qualifier, t.year]);

describe('extractTargets', () => {
  it('reads metric, comparator, value, unit, qualifier and the paragraph year', () => {
    expect(pick('到2027年,食品抽检合格率达到98%以上;药品抽检合格率不低于99%;重点工业产品事故发生率控制在0.5‰以内。')).toEqual([
      ['食品抽检合格率', '达到', '98%以上', '%', '以上', 2027],
      ['药品抽检合格率', '不低于', '99%', '%', null, 2027],
      ['重点工业产品事故发生率', '控制在', '0.5‰以内', '‰', '以内', 2027],
    ]);
  });

  it('reads times in working days as one unit, and never a meeting’s number as a target', () => {
    expect(pick('全流程审批时间压缩至90个工作日以内。')).toEqual([['全流程审批时间', '压缩至', '90个工作日以内', '个工作日', '以内', null]]);
    expect(pick('《实施方案》已经市政府七届44次常务会议讨论通过。')).toEqual([]);
  });

  it('lists several targets in one clause separated by 、', () => {
    const t = pick('创中国名牌产品3个、地理标志产品达到22个、省著名商标达到100件', 2015);
    expect(t.map((x) => [x[0], x[2]])).toEqual([
      ['创中国名牌产品', '3个'],
      ['地理标志产品', '22个'],
      ['省著名商标', '100件'],
    ]);
  });

  it('keeps "分别" values together and ignores baseline years', () => {
    const [a] = extractTargets('到2015年,生产性服务业和生活性服务业顾客满意度分别达80和70以上');
    expect(a).toMatchObject({ metric: '生产性服务业和生活性服务业顾客满意度', valueText: '80和70以上', year: 2015 });
    const [b] = extractTargets('到2015年,万元GDP能耗比2010年下降20%');
    expect(b).toMatchObject({ comparator: '下降', valueText: '20%', year: 2015 });
    expect(b.metric).toContain('万元GDP能耗');
  });

  it('carries the subject into later clauses with their own years', () => {
    const t = extractTargets('主要农产品抽检合格率达到或超过全省平均水平,2012年达96%,到2015年稳定在97%以上。');
    expect(t.map((x) => [x.metric, x.valueText, x.year])).toEqual([
      ['主要农产品抽检合格率', '96%', 2012],
      ['主要农产品抽检合格率', '97%以上', 2015],
    ]);
  });

  it('reads a value placed before its noun', () => {
    const [t] = extractTargets('建成1个以上食品进出口质量安全示范区。');
    expect(t).toMatchObject({ metric: '食品进出口质量安全示范区', valueText: '1个以上', comparator: '建成' });
  });

  it('does not take dates, document numbers or hotlines for targets', () => {
    expect(extractTargets('根据冀政〔2010〕57号文件,2013年3月30日起发挥12365热线作用,开展“3·15”活动。')).toEqual([]);
  });

  it('keeps magnitudes and points in the value, and leaves current values and leading dashes out', () => {
    const t = (text: string) => extractTargets(text).map((x) => [x.metric, x.valueText, x.unit, x.year]);
    expect(t('到2026年,注册商标总量达到3万件,质量竞争力指数达到86分以上。')).toEqual([
      ['注册商标总量', '3万件', '万件', 2026],
      ['质量竞争力指数', '86分以上', '分', 2026],
    ]);
    expect(t('2023年全市产品质量合格率为90.2%。到2027年,产品质量合格率稳定在95%以上。')).toEqual([['产品质量合格率', '95%以上', '%', 2027]]);
    expect(t('到2027年:——食品抽检合格率保持在98%以上')).toEqual([['食品抽检合格率', '98%以上', '%', 2027]]);
    expect(t('引进2-3个全国知名品牌')[0]).toEqual(['全国知名品牌', '2-3个', '个', null]);
  });
});
