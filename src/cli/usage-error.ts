/** A mistake on the command line: printed as one line plus a hint, exit code 2. */
export class UsageError extends Error {
  /** The subcommand whose `--help` the hint names (`scan`), if any. */
  command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
    this.name = 'UsageError';
  }
}
