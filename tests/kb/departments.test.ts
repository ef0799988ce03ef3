import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DepartmentRegistry, loadDepartmentsConfig, stripPrefixes } from '../../src/kb/departments.ts';
import { PROJECT_ROOT } from '../helpers/seeds.ts';

const config = loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'));

describe('DepartmentRegistry', () => {
  it('groups the ways a plan writes one body', () => {
    const reg = new DepartmentRegistry(config);
    reg.addPlan('a.txt', '厦门', ['市质监局', '质监局', '质监', '厦门检验检疫局', '检验检疫局', '发改委', '市发改委']);
    const keys = reg.entries('a.txt').map((e) => [e.key, e.asWritten]);
    expect(keys).toEqual([
      ['质量技术监督局', ['市质监局', '质监局', '质监']],
      ['出入境检验检疫局', ['厦门检验检疫局', '检验检疫局']],
      ['发展和改革委员会', ['发改委', '市发改委']],
    ]);
    expect(reg.resolve('质监', 'a.txt', '厦门')?.name).toBe('市质监局');
    expect(reg.same('发改', '市发展改革委')).toBe(true);
  });

  it('is scoped per plan: a name resolves only where the plan uses it', () => {
    const reg = new DepartmentRegistry(config);
    reg.addPlan('a.txt', '厦门', ['市建设局']);
    reg.addPlan('b.txt', '吐鲁番', ['市住建局']);
    expect(reg.resolve('建设局', 'a.txt', '厦门')?.name).toBe('市建设局');
    expect(reg.resolve('建设局', 'b.txt', '吐鲁番')).toBeUndefined();
  });

  it('knows the 2018 reform from config', () => {
    const reg = new DepartmentRegistry(config);
    reg.addPlan('a.txt', null, ['市质监局']);
    expect(reg.resolve('质监局', 'a.txt')?.successor).toBe('市场监督管理局');
    expect(reg.predecessorsOf('市场监督管理局')).toEqual(expect.arrayContaining(['质量技术监督局', '工商行政管理局', '食品药品监督管理局']));
  });

  it('strips city, 市 and notes, but keeps 市委', () => {
    expect(stripPrefixes('厦门检验检疫局', '厦门')).toBe('检验检疫局');
    expect(stripPrefixes('市科技局(知识产权局)', null)).toBe('科技局');
    // A level word goes, a body of that level stays: 省农业厅 → 农业厅, 县示范区管委会 → 示范区管委会, 县政府 stays.
    expect(stripPrefixes('省农业厅', null)).toBe('农业厅');
    expect(stripPrefixes('县示范区管委会', null)).toBe('示范区管委会');
    expect(stripPrefixes('县政府', null)).toBe('县政府');
    expect(stripPrefixes('省委宣传部', null)).toBe('省委宣传部');
    expect(stripPrefixes('市委宣传部', null)).toBe('市委宣传部');
  });
});
