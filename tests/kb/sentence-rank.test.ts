import { describe, expect, it } from 'vitest';
import { charTerms, rankByBm25 } from '../../src/kb/sentence-rank.ts';

/** The BM25 floor over characters that orders the text a refusal offers. */

describe('rankByBm25', () => {
  const docs = [
    '各乡镇所要结合辖区实际,选好活动地点,做好活动方案。',
    '请各乡镇所于2026年11月17日前,向县局报送本次活动总结和统计数据。',
    '活动期间发放宣传资料不少于2万份。',
  ];

  it('ranks first the text sharing the question’s rarer characters, though worded otherwise', () => {
    const ranked = rankByBm25(docs, '活动总结最晚哪天前报上去？', 3);
    expect(ranked[0].index).toBe(1);
    expect(ranked.every((r, i) => i === 0 || r.score <= ranked[i - 1].score)).toBe(true);
  });

  it('leaves out text sharing nothing, and gives nothing for an empty question or k = 0', () => {
    expect(rankByBm25(docs, '财政预算', 3)).toEqual([]);
    expect(rankByBm25(docs, '？！ ', 3)).toEqual([]);
    expect(rankByBm25(docs, '活动', 0)).toEqual([]);
    expect(rankByBm25([], '活动', 3)).toEqual([]);
  });

  it('keeps the documents’ order on equal scores and returns at most k', () => {
    const same = ['质量月活动', '质量月活动', '质量月活动'];
    expect(rankByBm25(same, '质量月', 2).map((r) => r.index)).toEqual([0, 1]);
  });

  it('terms are characters and character pairs, without spaces, punctuation or case', () => {
    expect(charTerms('A 质量,月')).toEqual(['a', 'a质', '质', '质量', '量', '量月', '月']);
  });

  it('is linear in the text: 200k characters of one sentence are ranked at once', () => {
    const long = '质量'.repeat(100_000);
    expect(rankByBm25([long, '质量月'], '质量月', 2)).toHaveLength(2);
  });
});
