import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Text written to a Writable in chunks of about 64 KiB, waiting for `drain` when the stream asks
 * for it, so a foto of any size is written with bounded memory.
 */
export class Uitvoer {
  private buffer: string[] = [];
  private lengte = 0;

  constructor(private readonly uit: Writable) {}

  async schrijf(tekst: string): Promise<void> {
    this.buffer.push(tekst);
    this.lengte += tekst.length;
    if (this.lengte >= 65536) await this.leeg();
  }

  private async leeg(): Promise<void> {
    if (this.buffer.length === 0) return;
    const stuk = this.buffer.join('');
    this.buffer = [];
    this.lengte = 0;
    if (!this.uit.write(stuk, 'utf8')) await once(this.uit, 'drain');
  }

  /** Writes what is left, ends the stream and waits until it has finished. */
  async sluit(): Promise<void> {
    await this.leeg();
    this.uit.end();
    await finished(this.uit);
  }
}

const ONGELDIG_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text that XML 1.0 can hold (XLSX and TBG-i are XML): a control character becomes U+FFFD instead of a file a reader refuses or repairs. */
export const xmlVeilig = (tekst: string): string => tekst.replace(ONGELDIG_IN_XML, '\uFFFD');
