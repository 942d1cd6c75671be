/** The shared HTTP refusal (libs/infra): a status and a Dutch message for the sender. */
export { VerzoekFout } from '@bron/infra';
