import { describe, expect, it } from 'vitest';
import { extractOwners, findClauseOwners, findSubjectOwners, FIRST_IS_LEAD, labelledSegments, ownerSegments, parseOwnerList, splitDepartments } from '../../src/ingest/extract-owners.ts';

describe('extractOwners', () => {
  it('reads (X负责): responsible units have no lead — several or one; 牵头 marks a lead', () => {
    const o = extractOwners('建立质量伤害监测体系(市卫健委、市场监管局负责)。');
    expect(o).toMatchObject({ lead: [], units: ['市卫健委', '市场监管局'], partners: [] });
    expect(extractOwners('建立质量档案(市场监管局负责)。')).toMatchObject({ lead: [], units: ['市场监管局'] });
    expect(extractOwners('建立质量档案(市场监管局牵头)。')).toMatchObject({ lead: ['市场监管局'], units: ['市场监管局'] });
    expect(extractOwners('推进诚信建设(市发改委、市商务局负责落实)。')?.lead).toEqual([]);
  });

  it('keeps 牵头 and 参加/配合 apart', () => {
    const o = extractOwners('建立联动机制(市市场监管局、市商务局牵头,市工信局、人行明州中心支行参加)。');
    expect(o?.lead).toEqual(['市市场监管局', '市商务局']);
    expect(o?.partners).toEqual(['市工信局', '人行明州中心支行']);
    expect(o?.units).toEqual(['市市场监管局', '市商务局', '市工信局', '人行明州中心支行']);
    expect(o?.quote).toBe('(市市场监管局、市商务局牵头,市工信局、人行明州中心支行参加)');
  });

  it('reads 负责 plus 参加 in one parenthesis: the responsible units, set against those taking part, lead', () => {
    const o = extractOwners('提升工程质量(市住建局、交通运输局负责,市政园林局参加)。');
    expect(o?.lead).toEqual(['市住建局', '交通运输局']);
    expect(o?.units).toEqual(['市住建局', '交通运输局', '市政园林局']);
    expect(o?.partners).toEqual(['市政园林局']);
  });

  it('a plain list of responsible units has no lead', () => {
    expect(extractOwners('提升工程质量(市住建局、交通运输局负责)。')?.lead).toEqual([]);
  });

  it('reads 此项工作由X牵头负责,Y、Z等部门配合 with department stems', () => {
    const o = extractOwners('培育服务名牌。此项工作由各县(市、区)政府牵头负责,市场监管、发改、工信等部门配合。');
    expect(o?.lead).toEqual(['各县(市、区)政府']);
    expect(o?.partners).toEqual(['市场监管', '发改', '工信']);
  });

  it('reads 由X牵头,Y等部门负责,Z配合', () => {
    const o = extractOwners('此项工作由各级政府牵头,发改、质监等部门负责,相关企业配合。');
    expect(o?.lead).toEqual(['各级政府']);
    expect(o?.units).toEqual(['各级政府', '发改', '质监', '相关企业']);
    expect(o?.partners).toEqual(['相关企业']);
  });

  it('reads 牵头单位/责任单位/配合单位 labels', () => {
    const o = extractOwners('推进质量教育。\n牵头单位:市教育局\n责任单位:市教育局、市科技局\n配合单位:团市委\n完成时限:2027年6月底');
    expect(o?.lead).toEqual(['市教育局']);
    expect(o?.units).toEqual(['市教育局', '市科技局', '团市委']);
    expect(o?.partners).toEqual(['团市委']);
  });

  it('ignores parentheses that are no owner expression', () => {
    expect(extractOwners('出口商品境外通报比率(通报次数/出口批次)低于全国平均水平。')).toBeNull();
    expect(extractOwners('具体评审办法由市质监部门制定,报市政府批准后执行。')).toBeNull();
  });

  it('treats a plain table cell as jointly responsible, commas included', () => {
    const o = parseOwnerList('相关区政府、园区管委会,市质监局');
    expect(o?.units).toEqual(['相关区政府', '园区管委会', '市质监局']);
    expect(o?.lead).toEqual([]);
  });

  it('splits lists without breaking names that contain parentheses', () => {
    expect(splitDepartments('市科技局、各县(市、区)政府等部门')).toEqual(['市科技局', '各县(市、区)政府']);
    expect(splitDepartments('市发改委、各县、市、区政府')).toEqual(['市发改委', '各县市区政府']);
    // A second name in brackets is a note, not part of the name.
    expect(splitDepartments('区民政局(区委社会工委)、各街道(园区)')).toEqual(['区民政局(区委社会工委)', '各街道(园区)']);
  });

  it('reads labels inside brackets of any kind, with the deadline beside them', () => {
    const a = extractOwners('加大简政放权力度。(牵头单位:州审批局;责任单位:州司法局、各县市人民政府,6月底完成)');
    expect(a).toMatchObject({ lead: ['州审批局'], units: ['州审批局', '州司法局', '各县市人民政府'], deadlineText: '6月底完成' });
    const b = extractOwners('开展环境整治[牵头单位:区卫健局、区创文办;责任单位:各街办(新区)]');
    expect(b).toMatchObject({ lead: ['区卫健局', '区创文办'], units: ['区卫健局', '区创文办', '各街办(新区)'] });
    const c = extractOwners('深化审批改革。(牵头单位:各县区政府)');
    expect(c?.units).toEqual(['各县区政府']);
  });

  it('reads 【牵头单位】, 主要责任单位 and 协办单位 labels on their own lines', () => {
    const o = extractOwners('完善领导体制。\n【牵头单位】区委组织部\n【协办单位】区委编办、区民政局(区委社会工委)、各街道党工委');
    expect(o).toMatchObject({ lead: ['区委组织部'], partners: ['区委编办', '区民政局(区委社会工委)', '各街道党工委'] });
    const p = extractOwners('地区生产总值增长5%。牵头领导:常务副区长 主要责任单位:区发改委 完成时限:2024年12月');
    expect(p).toMatchObject({ lead: ['区发改委'], units: ['区发改委'], deadlineText: '2024年12月' });
  });

  it('reads (X、Y按职责分工负责) as responsible units without a lead', () => {
    const o = extractOwners('推进修订地方性法规。(市场监管局、农业农村局、知识产权局按职责分工负责)');
    expect(o).toMatchObject({ lead: [], units: ['市场监管局', '农业农村局', '知识产权局'] });
    const q = extractOwners('搭建平台(市商务局牵头,各县区、开发园区按职责分工负责)');
    expect(q).toMatchObject({ lead: ['市商务局'], units: ['市商务局', '各县区', '开发园区'] });
  });

  it('reads 由X牵头,Y参与 and keeps brackets out of names', () => {
    const o = extractOwners('建立联席会议制度,由市发改委牵头,市财政局、市商务局参与。');
    expect(o).toMatchObject({ lead: ['市发改委'], partners: ['市财政局', '市商务局'] });
    const p = extractOwners('成立工作专班(省发改委、省直有关部门、各市〔州〕按职责分工负责)');
    expect(p?.units).toEqual(['省发改委', '省直有关部门', '各市〔州〕']);
  });

  it('splits an item with several owner annotations into one task per annotation', () => {
    const segs = ownerSegments('1.编制准入清单。完成清单编制工作。〔市生态环境局牵头,市发改局参与〕严控新建燃煤锅炉。(市生态环境局、市场监管局牵头,市工信局参与)');
    expect(segs?.map((s) => [s.text.slice(0, 8), s.owners.lead])).toEqual([
      ['1.编制准入清单', ['市生态环境局']],
      ['严控新建燃煤锅炉', ['市生态环境局', '市场监管局']],
    ]);
    expect(ownerSegments('建立档案(市场监管局负责)。')).toBeNull();
  });

  it('does not make units after the lead leads too, and drops a name the page end cut through', () => {
    const o = extractOwners('基本完成整治任务。(市生态环境局牵头督导,市公安局、市水务局、');
    expect(o).toMatchObject({ lead: ['市生态环境局'], units: ['市生态环境局', '市公安局', '市水务局'] });
    expect(extractOwners('实现重大突破。(牵头单位:市发')?.units ?? []).toEqual([]);
  });

  it('reads a bare list of bodies closing a sentence as responsible, not an alias after a name', () => {
    const segs = ownerSegments('建立落实台账。将落实情况作为报告的重要内容(县食安办)。压实监管责任(各镇政府、县级部门按职责分工负责)。');
    expect(segs?.map((s) => s.owners.units)).toEqual([['县食安办'], ['各镇政府', '县级部门']]);
    expect(extractOwners('由区民政局(区委社会工委)统筹。')).toBeNull();
    expect(extractOwners('简称(市质量办),负责日常工作。')).toBeNull();
  });

  it('splits a sentence that hands out several leads into one task per clause, the task wording kept', () => {
    const segs = ownerSegments('由县发改局牵头,县委党校配合,在9月底前完成新区供地工作;由县园区管委会牵头,县自然资源局配合,在10月底前完成园区供地。');
    expect(segs?.map((s) => [s.owners.lead, s.owners.units, s.owners.deadlineText])).toEqual([
      [['县发改局'], ['县发改局', '县委党校'], '9月底前'],
      [['县园区管委会'], ['县园区管委会', '县自然资源局'], '10月底前'],
    ]);
  });

  it('reads a sentence that is only an owner statement, and not prose that happens to end with 负责', () => {
    const o = extractOwners('1.加强产品可靠性设计。\n省质监局、工业和信息化厅、科技厅负责落实。');
    expect(o).toMatchObject({ lead: [], units: ['省质监局', '工业和信息化厅', '科技厅'] });
    expect(extractOwners('各级政府要对本地区的质量工作负责。')).toBeNull();
  });

  it('keeps names as written: a second nameplate and a scope note stay, a bare 单位 completes the name before it', () => {
    expect(splitDepartments('县发改局(粮食局)、各镇人民政府')).toEqual(['县发改局(粮食局)', '各镇人民政府']);
    expect(splitDepartments('市直有关部门、单位,各区市政府')).toEqual(['市直有关部门、单位', '各区市政府']);
    expect(splitDepartments('县林业局、县乡村振兴局等相关部门和各镇人民政府')).toEqual(['县林业局', '县乡村振兴局', '各镇人民政府']);
  });

  it('reads the plan’s first-is-lead rule however it is worded, and an 活动时间 label as the deadline', () => {
    expect(FIRST_IS_LEAD.test('(列第一位的为工作牵头单位或汇总单位,下同)')).toBe(true);
    expect(FIRST_IS_LEAD.test('责任单位(第一为牵头单位)')).toBe(true);
    expect(FIRST_IS_LEAD.test('第一批牵头单位名单')).toBe(false);
    const o = extractOwners('举办质量月宣传活动。活动时间:9月活动地点:全市牵头部门:质监股配合部门:食药股、各分局');
    expect(o).toMatchObject({ lead: ['质监股'], partners: ['食药股', '各分局'], deadlineText: '9月' });
  });

  it('splits a text of several labelled tasks, labels written with 为 or as 协同责任单位 included', () => {
    const segs = labelledSegments('人均地区生产总值:增长6%左右,责任单位为区发改委;规模以上工业增加值:增长8%,责任单位为区经信局;');
    expect(segs?.map((x) => x.owners.units)).toEqual([['区发改委'], ['区经信局']]);
    expect(segs?.[1].text).toContain('规模以上工业增加值');
    const one = labelledSegments('1.地区生产总值增长8%以上。\n牵头责任单位:市发改委。\n协同责任单位:市经信局、市商务局。');
    expect(one).toBeNull();
    expect(extractOwners('1.地区生产总值增长8%以上。\n牵头责任单位:市发改委。\n协同责任单位:市经信局、市商务局。')).toMatchObject({ lead: ['市发改委'], partners: ['市经信局', '市商务局'] });
  });

  it('reads owner clauses inside a sentence and the one body a sentence makes its subject', () => {
    expect(findClauseOwners('会议要求,要早谋划、早着手,县交通局负责,各乡镇配合,细化任务,3月底前完成绿化任务。')).toMatchObject({ lead: ['县交通局'], partners: ['各乡镇'] });
    expect(findSubjectOwners('县政府督查室将对各单位的落实情况开展专项督查。')).toMatchObject({ lead: [], units: ['县政府督查室'] });
    expect(findSubjectOwners('围绕方案的推进实施,市政府督考办要加大督查考核力度。')).toMatchObject({ lead: [], units: ['市政府督考办'] });
    // Everyone, or two different subjects, is no owner.
    expect(findSubjectOwners('各单位要高度重视,有关部门要加强配合。')).toBeNull();
    expect(findSubjectOwners('市发改委要牵头制定方案,市财政局要保障经费。')).toBeNull();
  });

  it('never reads a list note as a label, a list’s tail as a unit, or a level word the page cut off as a unit', () => {
    expect(extractOwners('推进PPP长效机制。责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)')).toMatchObject({ units: ['市发改委', '市财政局'] });
    expect(FIRST_IS_LEAD.test('(第一责任单位为牵头单位,下同)')).toBe(true);
    expect(splitDepartments('区公共项目建设管理中心、区国有资产管理中心等部门、单位')).toEqual(['区公共项目建设管理中心', '区国有资产管理中心']);
    expect(splitDepartments('市经信局、市')).toEqual(['市经信局']);
    const long = '市卫生局负责,市食安办、市农业局、市海洋与渔业局、市环保局、市工商局、市质监局、市粮食局、出入境检验检疫局配合,制定年度计划。';
    expect(findClauseOwners(long)?.partners).toHaveLength(8);
  });
});
