/** A start-up failure with a one-line message for the person starting the service. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
