/**
 * Test support: waits until `vind` finds what a test waits for (anything but undefined or false),
 * polling, with a generous deadline instead of a fixed sleep; fails naming `wat` when it runs out.
 */
export async function wachtTot<T>(wat: string, vind: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const gevonden = await vind();
    if (gevonden !== undefined && gevonden !== false) return gevonden;
    if (Date.now() > deadline) throw new Error(`${wat}: niet binnen ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
