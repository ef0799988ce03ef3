import { describe, expect, it } from 'vitest';
import { isPersonTitle } from '../../src/ingest/build-records.ts';
import { findLabelledOwners } from '../../src/ingest/extract-owners.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * News pages that report a plan's issuing, and 责任分解 pages grouped under the leaders who head the work
 * (fixtures written for these tests, imitating the shapes real pages take).
 */

describe('a news report names the plan it reports', () => {
  it('"…等四部门联合下发《X》,部署…": X is the title', async () => {
    const { kb } = await ingestTexts({
      'n.txt':
        '质量快讯网讯 近日,为推动质量强市建设,江苏省淮安市市场监管局、市发展改革委等四部门联合下发《淮安市服务质量提升行动方案(2026—2028年)》,部署开展服务质量提升行动。\n该方案共分六个部分,提出到2028年培育服务品牌20个。\n',
    });
    expect(kb.plans[0].title).toBe('淮安市服务质量提升行动方案(2026—2028年)');
    expect(kb.plans[0].city).toMatch(/^淮安/);
  });

  it('"…审议并通过了《A》、《B》等文件": the first document is the plan', async () => {
    const { kb } = await ingestTexts({
      'n.txt': '日前,江西省石城县人民政府召开常务会议,审议并通过了《石城县质量兴县实施方案》、《石城县县长质量奖管理办法》等文件。\n方案提出了今后三年的质量工作目标。\n',
    });
    expect(kb.plans[0].title).toBe('石城县质量兴县实施方案');
  });

  it('"印发《X方案的通知》(以下简称《通知》)": the plan is X, without the notice\'s 的通知', async () => {
    const { kb } = await ingestTexts({
      'n.txt': '关于印发湖南省蔬菜质量安全提升行动方案的通知近日,省政府办公厅印发《湖南省蔬菜质量安全提升行动方案的通知》(以下简称《通知》),提出实施4项工程。\n',
    });
    expect(kb.plans[0].title).toBe('湖南省蔬菜质量安全提升行动方案');
    expect(kb.plans[0].city).toBe('湖南省');
  });

  it('a document that cites another is not a report of it', async () => {
    const { kb } = await ingestTexts({
      'p.txt': '为贯彻落实省政府印发《质量强省建设纲要》,结合我县实际,制定本方案。\n一、工作目标\n到2027年,全县产品质量合格率达到95%。\n',
    });
    expect(kb.plans[0].title).not.toBe('质量强省建设纲要');
  });
});

describe('a 责任分解 grouped under the leaders who head the work', () => {
  const page =
    '嘉山县人民政府办公室关于2026年重点工作责任分解的通知\n一、李明县长牵头重点工作\n1.全县生产总值增长7%左右。\n责任单位:县发改局(首位单位为牵头单位,下同)、县财政局、县统计局\n2.严控一般性支出。\n责任单位:县财政局\n二、赵强常务副县长牵头重点工作\n1.推进城镇低效用地再开发。\n';

  it('the rule noted after the first name makes it the lead, and the note is no name', () => {
    const o = findLabelledOwners('责任单位:县发改局(首位单位为牵头单位,下同)、县财政局、县统计局');
    expect(o?.lead).toEqual(['县发改局']);
    expect(o?.units).toEqual(['县发改局', '县财政局', '县统计局']);
  });

  it('each item is owned by the bodies its own line names, never by the leader of its group', async () => {
    const { kb } = await ingestTexts({ 'p.txt': page });
    const first = kb.tasks.find((t) => t.text.startsWith('全县生产总值'));
    expect(first?.lead).toEqual(['县发改局']);
    expect(first?.units).toEqual(['县发改局', '县财政局', '县统计局']);
    const owners = kb.tasks.flatMap((t) => [...t.lead, ...t.units]);
    expect(owners).not.toContain('李明县长');
    expect(owners).not.toContain('赵强常务副县长');
  });

  it('a person with a post is no body; a body is', () => {
    expect(isPersonTitle('王丹县长')).toBe(true);
    expect(isPersonTitle('曹惠明常务副县长')).toBe(true);
    expect(isPersonTitle('分管副省长')).toBe(true);
    expect(isPersonTitle('县发改局')).toBe(false);
    expect(isPersonTitle('市长质量奖评审委员会')).toBe(false);
  });
});

describe('owner lists as 分解表s write them', () => {
  it('"各县(市、区)党委和人民政府", "高新区党工委和管委会": one owner each, the second body being the same place\'s', async () => {
    const { splitDepartments } = await import('../../src/ingest/extract-owners.ts');
    expect(splitDepartments('各县(市、区)党委和人民政府,示范区、高新区党工委和管委会')).toEqual(['各县(市、区)党委和人民政府', '示范区', '高新区党工委和管委会']);
    // (Two whole bodies joined by 和 are still two; a name with 和 inside it is one.)
    expect(splitDepartments('经济投资局和航空口岸局')).toEqual(['经济投资局', '航空口岸局']);
    expect(splitDepartments('住房和城乡建设局')).toEqual(['住房和城乡建设局']);
  });
});

describe('items numbered with small full stops and led by named leaders', () => {
  const page =
    '省政府2026年重点工作及责任分解\n一、确保完成全年主要预期目标\n1﹒全省生产总值增长6%左右。\n牵头负责领导:张国强。\n牵头责任单位:省发展改革委。\n协同责任单位:省财政厅、省统计局等。\n2﹒一般公共预算收入增长5%左右。\n牵头负责领导:李文。\n牵头责任单位:省财政厅。\n协同责任单位:省税务局等。\n';

  it('"1﹒", "2﹒" are items of their own, each with its leader kept apart from its bodies', async () => {
    const { kb } = await ingestTexts({ 'p.txt': page });
    const items = kb.tasks.filter((t) => t.file === 'p.txt');
    expect(items.map((t) => t.ref)).toEqual(['1', '2']);
    expect(items[0]).toMatchObject({ lead: ['省发展改革委'], leaders: { label: '牵头负责领导', names: ['张国强'] } });
    expect(items[1]).toMatchObject({ lead: ['省财政厅'], leaders: { names: ['李文'] } });
    // (The labels of the owner lines are no part of the item's text.)
    expect(items[0].text).not.toMatch(/牵头\s|协同/);
    expect(items[0].units).not.toContain('张国强');
  });
});

describe('a city\'s own table that never names the city', () => {
  it('"我市…" over rows of its counties: the city whose counties they are', async () => {
    const { kb } = await ingestTexts({
      'p.txt': '(三)加强宣传。全方位宣传我市茶产业特色。\n任务分解表\n序号 县(市、区) 2026年 2027年\n1 丰城市 新增茶园1万亩 新增茶园1万亩\n2 樟树市 新增茶园0.5万亩 新增茶园0.5万亩\n3 高安市 新增茶园0.8万亩 新增茶园0.8万亩\n',
    });
    expect(kb.plans[0].city).toMatch(/^宜春/);
  });

  it('counties of two cities name neither', async () => {
    const { kb } = await ingestTexts({
      'p.txt': '(三)加强宣传。全方位宣传我市茶产业特色。\n序号 县(市、区) 2026年\n1 丰城市 新增茶园1万亩\n2 义乌市 新增茶园0.5万亩\n',
    });
    expect(kb.plans[0].city).toBeNull();
  });
});
