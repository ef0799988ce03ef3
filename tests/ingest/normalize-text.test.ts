import { describe, expect, it } from 'vitest';
import { looksTraditional, normalizeText, stripPinyin, toHalfWidth, unifyPunctuation } from '../../src/ingest/normalize-text.ts';
import { isNoiseLine, stripBoilerplate } from '../../src/ingest/strip-boilerplate.ts';

describe('normalizeText', () => {
  it('turns full-width digits, letters and brackets half-width', () => {
    expect(toHalfWidth('２０２６年（一）ＱＣ小组，达到９８％')).toBe('2026年(一)QC小组,达到98%');
  });

  it('removes pinyin annotations but keeps real parentheses', () => {
    expect(stripPinyin('發(fā)展質(zhì)量(ISO 9001)(1)(市质监局负责)')).toBe('發展質量(ISO 9001)(1)(市质监局负责)');
    expect(stripPinyin('危?;飞a(chǎn)')).toBe('危?;飞a');
    expect(stripPinyin('轉變?yōu)橐再|量')).toBe('轉變?)橐再|量');
  });

  it('converts traditional text to simplified only when the text is traditional', () => {
    const trad = '為貫徹落實科學發展觀,促進經濟發展方式轉變,提高產品、工程、服務和環境質量總體水平,實現經濟社會又好又快發展';
    expect(looksTraditional(trad)).toBe(true);
    expect(normalizeText('發(fā)展質(zhì)量', true)).toBe('发展质量');
    const simp = '为贯彻落实科学发展观,促进经济发展方式转变,提高产品、工程、服务和环境质量总体水平,实现经济社会又好又快发展';
    expect(looksTraditional(simp)).toBe(false);
  });

  it('keeps damaged text exactly as it is', () => {
    expect(normalizeText('“3?15消费者权益保护日”、??', false)).toBe('“3?15消费者权益保护日”、??');
  });

  it('unifies dashes and middle dots but keeps the em dash in names', () => {
    expect(unifyPunctuation('3•15 2017年10月–2018年3月 鼓浪屿—万石山')).toBe('3·15 2017年10月-2018年3月 鼓浪屿—万石山');
  });
});

describe('stripBoilerplate', () => {
  it('drops navigation, share prompts, ICP and weather lines, keeps plan text', () => {
    const lines = [
      '设为首页 | 加入收藏 | 网站地图',
      '当前位置: 首页>>政务公开>>正文',
      '明州市明天多云 天气预报 03/17',
      '一、指导思想',
      '扫一扫手机阅读',
      '备案许可证编号:ICP13002591号-1 Copyright © x All Rights Reserved',
      '推荐访问:明州市 质监 方案',
      '(三)组织申报注册商标,建立备案审查制度。',
    ];
    expect(stripBoilerplate(lines)).toEqual(['一、指导思想', '(三)组织申报注册商标,建立备案审查制度。']);
  });

  it('never drops a long content line, only cuts the noise phrase out of it', () => {
    const long = `${'加强质量基础工作,'.repeat(30)}扫一扫手机阅读`;
    expect(isNoiseLine(long)).toBe(false);
    expect(stripBoilerplate([long])[0].endsWith('加强质量基础工作,')).toBe(true);
  });
});
