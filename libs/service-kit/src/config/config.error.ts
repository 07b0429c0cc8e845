/** One setting that is missing or invalid, named as it appears in the environment. */
export interface ConfigIssue {
  setting: string;
  reason: string;
}

/** Thrown by `loadConfig` with every problem found, so one start-up attempt reveals them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}):\n` +
        issues.map((issue) => `  - ${issue.setting}: ${issue.reason}`).join('\n'),
    );
  }
}
