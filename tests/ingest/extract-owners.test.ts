import { describe, expect, it } from 'vitest';
import { extractOwners, parseOwnerList, splitDepartments } from '../../src/ingest/extract-owners.ts';

describe('extractOwners', () => {
  it('reads (X负责)', () => {
    const o = extractOwners('建立质量伤害监测体系(市卫健委、市场监管局负责)。');
    expect(o).toMatchObject({ lead: ['市卫健委', '市场监管局'], units: ['市卫健委', '市场监管局'], partners: [] });
  });

  it('keeps 牵头 and 参加/配合 apart', () => {
    const o = extractOwners('建立联动机制(市市场监管局、市商务局牵头,市工信局、人行明州中心支行参加)。');
    expect(o?.lead).toEqual(['市市场监管局', '市商务局']);
    expect(o?.partners).toEqual(['市工信局', '人行明州中心支行']);
    expect(o?.units).toEqual(['市市场监管局', '市商务局', '市工信局', '人行明州中心支行']);
    expect(o?.quote).toBe('(市市场监管局、市商务局牵头,市工信局、人行明州中心支行参加)');
  });

  it('reads 负责 plus 参加 in one parenthesis', () => {
    const o = extractOwners('提升工程质量(市住建局、交通运输局负责,市政园林局参加)。');
    expect(o?.lead).toEqual(['市住建局', '交通运输局']);
    expect(o?.partners).toEqual(['市政园林局']);
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
    expect(o?.lead).toEqual(o?.units);
  });

  it('splits lists without breaking names that contain parentheses', () => {
    expect(splitDepartments('市科技局(知识产权局)、各县(市、区)政府等部门')).toEqual(['市科技局(知识产权局)', '各县(市、区)政府']);
  });
});
