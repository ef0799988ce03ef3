import { describe, expect, it } from 'vitest';
import { parseOutline, readMarker, sectionPath, splitAtMarkers, walkOutline } from '../../src/ingest/parse-outline.ts';

const lines = (texts: string[]) => texts.map((text, i) => ({ text, line: i + 1 }));

describe('parseOutline', () => {
  it('nests 一、/(一)/1、/(1)/① headings by the order their styles appear', () => {
    const root = parseOutline(
      lines([
        '一、总体要求',
        '(一)指导思想。坚持质量第一。',
        '二、重点任务',
        '(一)夯实质量基础',
        '1、提炼城市质量精神。通过征集形成精神(市委宣传部负责)。',
        '(1)开展质量攻关。',
        '①食品安全。',
        '2、加强标准化。',
        '(二)提升产品质量',
      ]),
    );
    expect(root.children.map((c) => c.label)).toEqual(['一', '二']);
    const two = root.children[1];
    expect(two.children.map((c) => c.label)).toEqual(['(一)', '(二)']);
    expect(two.children[0].children.map((c) => c.label)).toEqual(['1', '2']);
    const item1 = two.children[0].children[0];
    expect(item1.title).toBe('提炼城市质量精神');
    expect(item1.children[0].label).toBe('(1)');
    expect(item1.children[0].children[0].label).toBe('①');
    expect(sectionPath(item1)).toEqual(['二、重点任务', '(一)夯实质量基础', '1、提炼城市质量精神']);
  });

  it('splits a whole document written on one line at its markers', () => {
    const one = '说明文字。 一、重要意义 首先,质量是根本。 二、目标 (一)总体目标。到2015年,建成强市。 (二)具体目标 1、产品质量:(1)农产品合格率达到97%。(2)工业品合格率达到95%。';
    const root = parseOutline(lines([one]));
    const labels = [...walkOutline(root)].map((n) => n.label);
    expect(labels).toEqual(['一', '二', '(一)', '(二)', '1', '(1)', '(2)']);
    expect(root.text).toBe('说明文字。');
  });

  it('does not take decimals, years or table refs for headings', () => {
    expect(splitAtMarkers('种植面积0.8万亩, 2015年达到1.1万亩 1.1.1、通过征集')).toHaveLength(1);
    expect(readMarker('2013年3月30日')).toBeNull();
    expect(readMarker('12365热线')).toBeNull();
    expect(readMarker('第一阶段:出台方案')?.label).toBe('第一阶段');
  });
});
