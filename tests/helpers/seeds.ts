import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real plans in ../shared/seeds (present in CI); tests over them skip cleanly when absent. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEEDS_DIR = join(PROJECT_ROOT, '..', 'shared', 'seeds');
export const HAVE_SEEDS = existsSync(join(SEEDS_DIR, '003_57c03a1ac649697a.txt'));
export const DEMO_DIR = join(PROJECT_ROOT, 'config', 'demo-plan');

export const SEED = {
  tonghua: '000_1cf923bafc3286e3.txt',
  xingtai: '001_6629f04da03a6272.txt',
  turpan: '002_ee26d2e12257f649.txt',
  xiamen: '003_57c03a1ac649697a.txt',
  yixing: '004_4bb83b15c7e3a1f4.txt',
} as const;
