import { describe, expect, it } from 'vitest';
import { extractOwners, splitDepartments } from '../../src/ingest/extract-owners.ts';
import { extractTargets } from '../../src/ingest/extract-targets.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { findPlanPlace } from '../../src/ingest/find-plan-place.ts';
import { normalizeText } from '../../src/ingest/normalize-text.ts';

/**
 * Owner labels, targets and page identity seen on four fresh sets of real pages (fixtures written for
 * these tests, imitating the structures, not copying the pages).
 */

describe('owners a bracket states in two ways', () => {
  it('〔X、Y等按职责分工负责。责任单位:Z〕 — both lists own the item, the role sentence first', () => {
    const o = extractOwners('1.加强项目准入管理。严格落实产业政策。〔市环保局、发展改革委、水利局等按职责分工负责。责任单位:各县(市、区)人民政府、各园区管委。以下均需各县(市、区)人民政府落实,不再列出。〕');
    expect(o?.units).toEqual(['市环保局', '发展改革委', '水利局', '各县(市、区)人民政府', '各园区管委']);
    expect(o?.lead).toEqual([]);
  });

  it('a label alone keeps its own units', () => {
    expect(extractOwners('2.做好统计。(责任单位:市统计局)')?.units).toEqual(['市统计局']);
  });

  it('an office division closing an item owns it: "…100项。(标准化处)"', () => {
    expect(extractOwners('1.完善农业地方标准体系,发布省地方标准80项。(标准化处)')).toMatchObject({ lead: [], units: ['标准化处'] });
    expect(extractOwners('2.开展执法检查。(执法稽查处、食品生产科)')?.units).toEqual(['执法稽查处', '食品生产科']);
  });

  it('a bracket that is no owner stays none: "(详见出处)"', () => {
    expect(extractOwners('加强宣传。(详见出处)')).toBeNull();
  });

  it('"…按职责分工分别负责" after the last body is no part of its name', () => {
    expect(extractOwners('加强互联网侵权治理。(州委网信办、州公安局、州市场监管局按职责分工分别负责)')?.units).toEqual(['州委网信办', '州公安局', '州市场监管局']);
  });

  it('责任地区 names units; 治理时限 is a deadline', () => {
    const a = extractOwners('1.破除准入壁垒。(牵头单位:市发展改革委;责任地区:各区县政府、高新区管委会)');
    expect(a).toMatchObject({ lead: ['市发展改革委'], units: ['市发展改革委', '各区县政府', '高新区管委会'] });
    const b = extractOwners('3.推进清单制管理。(牵头单位:县安委办;责任单位:县应急局、县公安局;治理时限:2022年10月)');
    expect(b).toMatchObject({ lead: ['县安委办'], units: ['县安委办', '县应急局', '县公安局'], deadlineText: '2022年10月' });
  });
});

describe('stems that share the ending of the body after them', () => {
  it('"市知识产权、工商、版权局" are three bureaus of the city', () => {
    expect(splitDepartments('市知识产权、工商、版权局')).toEqual(['市知识产权局', '市工商局', '市版权局']);
    expect(splitDepartments('区发改、经信委')).toEqual(['区发改委', '区经信委']);
  });

  it('bodies with endings of their own, and phrases, are left as written', () => {
    expect(splitDepartments('乡畜牧站、卫生院')).toEqual(['乡畜牧站', '卫生院']);
    expect(splitDepartments('市财政局、税务局')).toEqual(['市财政局', '税务局']);
    expect(splitDepartments('各乡镇、街道')).not.toContain('各乡镇局');
  });
});

describe('targets whose lead only says where', () => {
  it('"每个县(区)至少新增1件X": X is the metric, not the scope', () => {
    const t = extractTargets('十四五期间,全市每个县(区)至少新增1件地理标志产品(商标),全市要培育3个地理标志知名品牌');
    expect(t.map((x) => [x.metric, x.valueText])).toEqual([
      ['地理标志产品(商标)', '1件'],
      ['地理标志知名品牌', '3个'],
    ]);
  });

  it('"各乡镇均建成1个…", "各县区至少创建2个…"', () => {
    expect(extractTargets('每个乡镇均建成1个农产品检测室')[0].metric).toBe('农产品检测室');
    expect(extractTargets('各县区至少创建2个示范街区')[0].metric).toBe('示范街区');
  });

  it('a real metric before the comparator is kept, its 至少 dropped', () => {
    expect(extractTargets('高新技术企业新增12家')[0].metric).toBe('高新技术企业');
    expect(extractTargets('产品合格率至少达到96%')[0].metric).toBe('产品合格率');
  });
});

describe('page identity', () => {
  it('a grid 发文日期 dates the document when there is no 落款 or 成文日期', () => {
    const m = extractPlanMeta(['索引号: X-2025-1 主题分类: 政务督查', '发文机构: 市政府办公室 发文文号: 铜政办发〔2025〕3号', '发文日期: 2025年02月20日 发布日期: 2025-03-01 10:30', '关于落实重点工作分工的意见']);
    expect(m.facts.find((f) => f.kind === 'signed')?.value).toBe('2025年02月20日');
    expect(m.facts.find((f) => f.kind === 'published')?.value).toBe('2025-03-01 10:30');
    expect(m.issuer).toBe('市政府办公室');
  });

  it('a timestamp run into 来源 is the page date', () => {
    const m = extractPlanMeta(['青山市人民政府', '印发《关于推进计量工作的实施方案》的通知', '青府发〔2023〕9号', '2023-05-20 18:11:01来源:青山市人民政府 点击量:', '各县(区)人民政府:']);
    expect(m.facts.find((f) => f.kind === 'published')?.value).toBe('2023-05-20');
  });

  it('发布部门 is a publisher; a site section above the notice is no issuer', () => {
    const m = extractPlanMeta(['蚌埠企业服务专栏', '', '关于印发蚌埠市食品安全工作攻坚方案的通知', '发布部门:蚌埠市市场监督管理局 发布时间:2023年02月06日']);
    expect(m.issuer).toBe('蚌埠市市场监督管理局');
  });

  it('a seal note "(代)" after the 落款 body is no part of it', () => {
    const m = extractPlanMeta(['山城市节能减排工作领导小组', '办公室关于印发山城市降碳工作方案的通知', '各县(市、区)人民政府:', '现将方案印发给你们。', '山城市节能减排工作领导小组办公室(代)', '2024年3月12日']);
    expect(m.issuer).toBe('山城市节能减排工作领导小组办公室');
  });

  it('a city text that keeps naming its province is the one city it names there', () => {
    const lines = ['为深入贯彻视察东北、辽宁、大连时的重要讲话精神,推动辽宁全面振兴,服务辽宁沿海经济带建设,制定本方案。', '1.破除准入壁垒。(牵头单位:市发展改革委)', '2.推进登记改革。(牵头单位:市市场监管局)'];
    expect(findPlanPlace({ title: null, issuer: null, notice: null, docNo: null, lines })).toBe('大连');
  });

  it('a district text is the one district of its level it names inside the city it keeps naming', () => {
    const lines = ['区人民政府各工作部门,各街道办事处,西安大兴新区管委会各部门:', '根据我省、我市关于加强电梯安全工作的部署,推动西安电梯安全水平提升,经区政府同意,建立莲湖区电梯安全问题专项联席会议制度。', '联席会议办公室设在区市场监管局,区住建局、区应急局配合。'];
    expect(findPlanPlace({ title: null, issuer: null, notice: null, docNo: null, lines })).toBe('莲湖区');
  });

  it('a dateline ("兰州讯") is where the reporter is, not the subject', () => {
    const lines = ['新甘肃客户端兰州讯 甘肃省市场监管局日前印发实施方案,力争全省地理标志专用标志使用企业达到400家。', '全省各地要加强指导。'];
    expect(findPlanPlace({ title: null, issuer: null, notice: null, docNo: null, lines })).toBe('甘肃省');
  });

  it('places a title approves are its objects: "关于批准四平市等…开展吉林省…"', () => {
    expect(findPlanPlace({ title: '关于批准四平市等11个市(县)开展吉林省质量强市示范城市创建活动的通知', issuer: null, notice: null, docNo: null, lines: [] })).toBe('吉林省');
  });

  it('accessibility switches above a notice are no part of its issuer', () => {
    const m = extractPlanMeta(['• 设为首页', '• 无障碍阅读', '• 长者版', '区人民政府办公室关于印发2023年区政府工作报告重点任务分解的通知', '各街办,区政府各部门:']);
    expect(m.issuer ?? '').not.toContain('长者版');
  });

  it('a place in brackets near the start of a title, inside the first, is the plan\'s: "北京城市副中心(通州区)…"', () => {
    expect(findPlanPlace({ title: '北京城市副中心(通州区)国民经济和社会发展第十四个五年规划纲要区级任务分工方案', issuer: null, notice: null, docNo: null, lines: [] })).toBe('通州区');
  });

  it('a site\'s link list above the page is skipped: the title below it is found', () => {
    const nav = ['- 国家民委', '- 公安部', '- 民政部', '- 司法部', '- 财政部', '- 商务部', '- 审计署'];
    const m = extractPlanMeta([...Array(8).fill('- 首页'), ...nav, ...nav, ...nav, ...nav, ...nav, ...nav, ...nav, '邢川市人民政府办公室关于印发邢川市质量强市建设行动方案(2023—2027年)的通知', '邢政办字〔2023〕5号', '各县(市、区)人民政府,开发区管委会,市政府有关部门:']);
    expect(m.title).toBe('邢川市质量强市建设行动方案(2023—2027年)');
    expect(m.facts.find((f) => f.kind === 'addressees')?.value).toBe('各县(市、区)人民政府,开发区管委会,市政府有关部门');
  });

  it('addressees that are a bureau\'s own teams and stations', () => {
    const m = extractPlanMeta(['徐水区市场监督管理局关于印发《2025年知识产权保护工作实施方案》的通知', '执法大队、保护中心,各科室,各市场监督管理所:', '现将方案印发给你们。']);
    expect(m.facts.find((f) => f.kind === 'addressees')?.value).toBe('执法大队、保护中心,各科室,各市场监督管理所');
  });

  it('question marks standing for a page\'s indent are dropped, a question mark in text is kept', () => {
    expect(normalizeText('??上海市徐汇区市场监督管理局\n??2025年6月13日', false)).toBe('上海市徐汇区市场监督管理局\n2025年6月13日');
    expect(normalizeText('完成了吗??', false)).toBe('完成了吗??');
  });

  it('a province text stays the province', () => {
    const lines = ['为推动辽宁全面振兴,服务辽宁沿海经济带建设,支持大连发挥龙头作用,结合我省实际,制定本方案。', '1.破除准入壁垒。(牵头单位:省发展改革委)'];
    expect(findPlanPlace({ title: null, issuer: null, notice: null, docNo: null, lines })).toBe('辽宁省');
  });
});
