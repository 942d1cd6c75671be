/** A request the service refuses, with its HTTP status and a Dutch message for the sender. */
export class VerzoekFout extends Error {
  override readonly name = 'VerzoekFout';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
