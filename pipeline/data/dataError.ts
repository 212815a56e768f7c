/**
 * Bad input data: the file or folder at fault comes first, then what was expected and what to do. The CLI
 * prints it as one line, without a stack (pipeline/cli/runCli.ts), because the fix is the user's, not the code's.
 */
export class DataError extends Error {
  constructor(
    /** The file or folder the message is about. */
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'DataError';
  }
}
