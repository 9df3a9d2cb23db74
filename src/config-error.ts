/**
 * A configuration value that is missing or malformed; `variable` names the env variable. Apart from
 * config.ts so that `main.ts` can recognise it without loading the validation (zod, time zones) for
 * commands that read no configuration.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}
