import { describe, expect, it } from 'vitest';
import { arabizeQuantities, parseChineseNumeral } from '../../src/llm/chinese-numerals.ts';
import { checkGrounded, findUngrounded, normalizeForGrounding } from '../../src/llm/grounding.ts';
import type { GroundingRecord } from '../../src/llm/types.ts';
import { DRAFT, RECORDS } from './sample-records.ts';

/** Records as the integrator passes them: the draft, then each citation's quote. */
const WITH_DRAFT: GroundingRecord[] = [{ label: '答案草稿', text: DRAFT }, ...RECORDS];
const bad = (text: string, records = WITH_DRAFT, extra?: string[]) => checkGrounded(text, records, extra).problems;

describe('checkGrounded accepts faithful text', () => {
  it.each([
    '1.4.3 由市质监局牵头，厦门检验检疫局、市经发局、人行厦门中心支行、厦门海关等单位参加，2014年6月前完成〔厦门 分解表1.4.3〕。',
    '这项工作由市质监局牵头，需在2014年6月底前完成〔厦门 分解表1.4.3〕',
    '质监局牵头，公安局、商务局、工商局配合〔厦门 分解表1.4.3〕',
    '厦门市质监局牵头。〔厦门 分解表1.4.3〕',
    '市级监督抽查合格率要达到96%，国家和省级抽查合格率达到94%以上。',
    '市级监督抽查合格率达到百分之九十六以上，期限2013年底。',
    '完成时限：２０１４年６月，牵头：市质监局',
    '1. 市质监局牵头\n2. 厦门保监局参加\n3. 2014年6月完成',
    '质量诚信体系建设共有3项任务(1.4.1、1.4.2、1.4.3)，由市质监局负责。',
  ])('%s', (text) => {
    const records = text.includes('3项') ? [...WITH_DRAFT, { label: '统计', text: '1.4 共3项' }] : WITH_DRAFT;
    expect(bad(text, records)).toEqual([]);
  });

  it('accepts 2014-06 in a record for 2014年6月 in the text, and 两年 for 2年', () => {
    const records = [{ label: 'x', text: '两年内完成,截至2014-06由市质监局验收' }];
    expect(bad('2年内完成，2014年6月由市质监局验收', records)).toEqual([]);
    expect(bad('两年内完成', [{ label: 'x', text: '2年内完成' }])).toEqual([]);
  });

  it('accepts a citation marker given as a record label and a document number in the records', () => {
    const records = [{ label: '〔邢台 二(三)〕', text: '依据邢政〔2014〕12号,质监局牵头' }];
    expect(bad('质监局牵头〔邢台 二(三)〕', records)).toEqual([]);
    expect(bad('依据邢政〔2014〕12号，质监局牵头〔邢台二(三)〕', records)).toEqual([]);
  });

  it('treats extraAllowed as given text', () => {
    expect(bad('厦门市气象局负责', RECORDS, ['厦门市气象局'])).toEqual([]);
  });
});

describe('checkGrounded rejects invented facts', () => {
  it.each([
    ['由市气象局负责〔厦门 分解表1.4.3〕', ['市气象局']],
    ['市质监局牵头，2015年6月完成', ['2015年6月']],
    ['市质监局牵头，2014年3月完成', ['2014年3月']],
    ['市级监督抽查合格率达97%以上', ['97%以上']],
    ['合格率达6%', ['6%']],
    ['共有11个部门参与', ['11个']],
    ['需在两年内完成', ['2年']],
    ['分三个阶段推进', ['3个']],
    ['省质监局牵头', ['省质监局']],
    ['泉州质监局牵头', ['泉州质监局']],
    ['市质监局牵头〔泉州 分解表1.4.3〕', ['〔泉州分解表1.4.3〕']],
    ['详见1.4.4', ['1.4.4']],
    ['市政府办公室统筹', ['市政府办公室']],
    ['依据厦府〔2013〕98号', ['厦府〔2013〕98号']],
    ['12月15日前报送', ['12月15日']],
  ])('%s', (text, problems) => {
    expect(bad(text)).toEqual(problems);
  });

  it('does not find a number inside a longer one', () => {
    expect(bad('1.4', RECORDS)).toEqual(['1.4']);
    expect(bad('4.3', RECORDS)).toEqual(['4.3']);
    expect(bad('2月', RECORDS)).toEqual(['2月']);
  });

  it('refuses a qualifier the record does not have', () => {
    const records = [{ label: 'x', text: '合格率达95%' }];
    expect(bad('合格率达95%', records)).toEqual([]);
    expect(bad('合格率达95%以上', records)).toEqual(['95%以上']);
  });

  it('labels each problem with its kind', () => {
    const items = findUngrounded('市气象局于2015年牵头，覆盖率99%〔泉州〕', WITH_DRAFT);
    expect(items).toEqual([
      { kind: 'citation', item: '〔泉州〕' },
      { kind: 'date', item: '2015年' },
      { kind: 'number', item: '99%' },
      { kind: 'department', item: '市气象局' },
    ]);
  });

  it('ignores words that only end like departments', () => {
    expect(bad('全部部门要统筹布局，办理好信息共享，以企业为中心，推动政府职能转变，加强人才队伍建设', RECORDS)).toEqual([]);
  });
});

describe('normalisation helpers', () => {
  it('parses Chinese numerals', () => {
    expect([parseChineseNumeral('十二'), parseChineseNumeral('两百零五'), parseChineseNumeral('二〇一四'), parseChineseNumeral('三万')]).toEqual([12, 205, 2014, 30000]);
    expect(parseChineseNumeral('万')).toBeNull();
  });

  it('rewrites quantities but not words', () => {
    expect(arabizeQuantities('两年内建成三个中心，培育一批企业，每两年一次，统一管理，三万元，十二月底')).toBe('2年内建成3个中心，培育一批企业，每两年一次，统一管理，3万元，12月底');
  });

  it('normalises width, spaces and date spellings', () => {
    expect(normalizeForGrounding('２０１４ 年 ０６ 月，９６％，2014.6，人民政府')).toBe('2014年6月,96%,2014年6月,政府');
  });
});
