import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config.error';

export type ConfigSchema = z.ZodObject;

type Env = Record<string, string | undefined>;

/**
 * Parses a service's settings from the environment, once, at start-up. A setting `X` may instead
 * come from a mounted secret file named by `X_FILE`. Empty values count as unset. Throws a
 * `ConfigError` naming every missing or invalid setting.
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: Env = process.env): z.output<S> {
  const values: Env = {};
  const fileIssues: ConfigIssue[] = [];
  for (const setting of Object.keys(schema.shape)) {
    const read = readSetting(setting, env);
    if ('reason' in read) fileIssues.push({ setting: read.setting, reason: read.reason });
    else values[setting] = read.value;
  }

  const result = schema.safeParse(values);
  if (result.success && fileIssues.length === 0) return result.data;

  // A secret file that cannot be read is reported once, not again as a missing setting.
  const reported = new Set(fileIssues.map((issue) => issue.setting.replace(/_FILE$/, '')));
  const schemaIssues = (result.error?.issues ?? [])
    .map((issue) => toConfigIssue(issue, values))
    .filter((issue) => !reported.has(issue.setting));
  throw new ConfigError([...fileIssues, ...schemaIssues]);
}

function readSetting(setting: string, env: Env): { value: string | undefined } | ConfigIssue {
  const value = nonEmpty(env[setting]);
  const file = nonEmpty(env[`${setting}_FILE`]);
  if (file === undefined) return { value };
  if (value !== undefined) return { setting, reason: `set either ${setting} or ${setting}_FILE, not both` };
  try {
    // Secret files usually end with a newline that is not part of the secret.
    return { value: nonEmpty(readFileSync(file, 'utf8').trimEnd()) };
  } catch (error) {
    return { setting: `${setting}_FILE`, reason: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function toConfigIssue(issue: z.core.$ZodIssue, values: Env): ConfigIssue {
  const [setting, ...rest] = issue.path.map(String);
  if (setting === undefined) return { setting: '(settings)', reason: issue.message };
  if (rest.length === 0 && issue.code === 'invalid_type' && values[setting] === undefined) return { setting, reason: 'is required' };
  return { setting, reason: rest.length > 0 ? `[${rest.join('.')}] ${issue.message}` : issue.message };
}
