import type { WritableLike } from './io';

/** Progress of a batch: a bar with records per second on a terminal, plain lines otherwise. */
export class Voortgang {
  private readonly start = Date.now();
  private laatst = 0;

  constructor(private readonly uit: WritableLike) {}

  toon(verzonden: number, beantwoord: number): void {
    const nu = Date.now();
    const interval = this.uit.isTTY ? 100 : 2000;
    if (nu - this.laatst < interval) return;
    this.laatst = nu;
    this.schrijf(verzonden, beantwoord, false);
  }

  klaar(verzonden: number, beantwoord: number): void {
    this.schrijf(verzonden, beantwoord, true);
  }

  private schrijf(verzonden: number, beantwoord: number, klaar: boolean): void {
    const seconden = Math.max((Date.now() - this.start) / 1000, 0.001);
    const perSeconde = Math.round(beantwoord / seconden);
    const tekst = `${verzonden} verzonden, ${beantwoord} beantwoord, ${perSeconde} records/s`;
    if (this.uit.isTTY) {
      const breedte = 30;
      const deel = verzonden === 0 ? 0 : Math.min(1, beantwoord / verzonden);
      const balk = '#'.repeat(Math.round(deel * breedte)).padEnd(breedte, '.');
      this.uit.write(`\r[${balk}] ${tekst}${klaar ? '\n' : ''}`);
    } else {
      this.uit.write(`${tekst}\n`);
    }
  }
}
