import { describe, expect, it } from 'vitest';
import { extractReports, reportDates } from '../../src/ingest/extract-reports.ts';
import { extractPhases } from '../../src/ingest/extract-phases.ts';
import { extractDuties } from '../../src/ingest/extract-duties.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { extractCampaignDates } from '../../src/ingest/extract-campaign-dates.ts';
import { parseChineseDate, parseDeadline, parseMonthRange } from '../../src/ingest/parse-dates.ts';
import { parseOutline } from '../../src/ingest/parse-outline.ts';

const outline = (texts: string[]) => parseOutline(texts.map((text, i) => ({ text, line: i + 1 })));

describe('dates', () => {
  it('parses deadlines and ranges as plans write them', () => {
    expect(parseDeadline('2013年12月')).toBe('2013-12');
    expect(parseDeadline('2026年6月底前')).toBe('2026-06');
    expect(parseDeadline('2026年12月31日')).toBe('2026-12-31');
    expect(parseDeadline('2014年底')).toBe('2014-12');
    expect(parseDeadline('长期坚持')).toBeNull();
    expect(parseChineseDate('二〇一二年七月六日')).toBe('2012-07-06');
    expect(parseChineseDate('二○一二年五月二十七日')).toBe('2012-05-27');
    expect(parseMonthRange('计划阶段(2017年10月-2018年3月)')).toMatchObject({ start: '2017-10', end: '2018-03' });
    expect(parseMonthRange('时间:2014年7月至12月')).toMatchObject({ start: '2014-07', end: '2014-12' });
  });
});

describe('extractReports', () => {
  it('reads what, when, to whom and by whom', () => {
    const [r] = extractReports('各县(市、区)、市直各部门分别于6月底和12月底向市质量强市工作领导小组办公室(市市场监管局)书面报告半年和全年工作总结。');
    expect(r).toMatchObject({
      kind: 'duty',
      what: '半年和全年工作总结',
      when: '6月底和12月底',
      dates: ['06-30', '12-31'],
      perYear: 2,
      to: '市质量强市工作领导小组办公室(市市场监管局)',
      from: '各县(市、区)、市直各部门',
    });
  });

  it('reads 将X报Y: the thing sent, the recurring time over a start date, the office it goes to', () => {
    const [r] = extractReports('从2022年3月起,务于每月25日前将本单位主要领导审阅同意后的《重点任务落实推进情况表》(电子版)报旗政府督查室。');
    expect(r).toMatchObject({ what: '重点任务落实推进情况表(电子版)', when: '每月25日前', to: '旗政府督查室' });
  });

  it('reads a cadence in days ("每两天…上报一次"), and what is sent without how often or to whom', () => {
    const [r] = extractReports('各乡镇、县直各有关单位要将各项筹备工作进展每三天向县筹备办公室上报一次。');
    expect(r).toMatchObject({ what: '各项筹备工作进展', when: '每三天', to: '县筹备办公室', from: '各乡镇、县直各有关单位' });
  });

  it('reads cadences and reporting systems', () => {
    const rs = extractReports('每年发布2次以上质量分析报告;建立重大质量事故报告制度。');
    expect(rs.map((r) => [r.kind, r.what, r.perYear])).toEqual([
      ['duty', '质量分析报告', 2],
      ['system', '重大质量事故报告制度', null],
    ]);
    expect(reportDates('7月10日前和1月底')).toEqual(['07-10', '01-31']);
  });
});

describe('extractPhases', () => {
  it('reads phase headings with dates, and 第N阶段 with a 时间 line', () => {
    const root = outline([
      '六、进度安排',
      '(一)计划阶段(2017年10月-2018年3月)',
      '组织制定创建工作规划。',
      '(二)迎检阶段(2020年9月-10月)',
      '第一阶段:出台方案,落实目标任务。',
      '时间:2013年2月至3月',
      '目标任务:制定创建工作方案。',
    ]);
    expect(extractPhases(root).map((p) => [p.name, p.start, p.end, p.description])).toEqual([
      ['计划阶段', '2017-10', '2018-03', '组织制定创建工作规划'],
      ['迎检阶段', '2020-09', '2020-10', ''],
      ['第一阶段:出台方案,落实目标任务', '2013-02', '2013-03', '制定创建工作方案'],
    ]);
  });
});

describe('extractDuties', () => {
  it('reads per-department duty sections, not task sections', () => {
    const root = outline([
      '四、责任分解',
      '(一)市市场监管局',
      '组织制定质量发展规划;发布质量状况报告。',
      '(二)市总工会、团市委',
      '开展群众性质量活动。',
      '五、工作任务和职责分工',
      '(一)实施质量振兴战略,提升竞争优势。',
      '此项工作由各级政府牵头负责。',
    ]);
    const duties = extractDuties(root);
    expect(duties.map((d) => [d.heading, d.departments, d.text])).toEqual([
      ['市市场监管局', ['市市场监管局'], '组织制定质量发展规划;发布质量状况报告。'],
      ['市总工会、团市委', ['市总工会', '团市委'], '开展群众性质量活动。'],
    ]);
  });
});

describe('extractPlanMeta', () => {
  it('reads title, city, issuer, document number and date from a notice header', () => {
    const meta = extractPlanMeta(
      ['明州市人民政府关于印发《明州市质量强市工作方案》的通知', '明政发〔2026〕8号', '各县(市、区)人民政府:', '现将《方案》印发给你们。', '明州市人民政府', '2026年3月2日', '明州市质量强市工作方案'],
      'x.txt',
    );
    expect(meta).toMatchObject({ title: '明州市质量强市工作方案', city: '明州', issuer: '明州市人民政府', docNo: '明政发〔2026〕8号', date: '2026-03-02' });
  });

  it('reads metadata grids and does not take a cited document number for the plan’s own', () => {
    const grid = extractPlanMeta(['文号 | 明政发[2012]92号 |', '制发机关 | 明州人民政府 |', '成文日期 | 2012-08-23 |'], 'y.txt');
    expect(grid).toMatchObject({ docNo: '明政发[2012]92号', issuer: '明州人民政府', city: '明州', date: '2012-08-23' });
    const cited = extractPlanMeta(['为贯彻《省质量兴省活动方案的通知》(省政办发(2006)3号)精神,结合我市实际,制定本方案。'], 'z.txt');
    expect(cited.docNo).toBeNull();
  });
});

describe('extractCampaignDates', () => {
  it('finds campaign days with their calendar dates', () => {
    const found = extractCampaignDates('利用“质量月”、“3·15”、“世界标准日”等开展宣传。');
    expect(found.map((c) => [c.name, c.date])).toEqual([
      ['质量月', '09'],
      ['3·15国际消费者权益日', '03-15'],
      ['世界标准日', '10-14'],
    ]);
  });
});

describe('extractPlanMeta city', () => {
  it('reads the city after 关于印发 in a notice title', () => {
    expect(extractPlanMeta(['关于印发吐鲁番市创建全国质量强市示范城市工作规划的通知 ?'], 'a.txt').city).toBe('吐鲁番');
    expect(extractPlanMeta(['明州市质量强市工作方案 ??'], 'a.txt').title).toBe('明州市质量强市工作方案');
  });
});
