import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Configuration: one zod schema, read from the environment passed in (never from a global).
 * Later issues add chat, store and schedule settings here.
 */

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const ConfigSchema = z.object({
  /** Where cached plans and (later) state live. */
  dataDir: z.string().min(1),
  /** Plans loaded when no --plans is given: the bundled demo plan. */
  plansDir: z.string().min(1),
  /** Department registry (aliases, reforms). */
  departmentsFile: z.string().min(1),
  /** Files larger than this are refused with a warning. */
  maxPlanBytes: z.number().int().positive(),
});
export type Config = z.infer<typeof ConfigSchema>;

export const DEMO_PLANS_DIR = join(projectRoot, 'config', 'demo-plan');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mb = env.DUBAN_MAX_PLAN_MB ? Number(env.DUBAN_MAX_PLAN_MB) : 20;
  return ConfigSchema.parse({
    dataDir: env.DUBAN_DATA_DIR || join(process.cwd(), '.duban'),
    plansDir: env.DUBAN_PLANS_DIR || DEMO_PLANS_DIR,
    departmentsFile: env.DUBAN_DEPARTMENTS_FILE || join(projectRoot, 'config', 'departments.yaml'),
    maxPlanBytes: Math.round(mb * 1024 * 1024),
  });
}

export function departmentsFileExists(config: Config): boolean {
  return existsSync(config.departmentsFile);
}
