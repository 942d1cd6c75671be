/** The file formats a foto is served in (docs/foto.md, "Files"). */
export const FOTO_FORMATEN = ['json', 'csv', 'xlsx', 'tbgi'] as const;
export type FotoFormaat = (typeof FOTO_FORMATEN)[number];

export const isFotoFormaat = (waarde: string): waarde is FotoFormaat => (FOTO_FORMATEN as readonly string[]).includes(waarde);

/** Content type and file extension per format. */
export const FORMAAT_BESTAND: Readonly<Record<FotoFormaat, { readonly contentType: string; readonly extensie: string }>> = {
  json: { contentType: 'application/json; charset=utf-8', extensie: 'json' },
  csv: { contentType: 'text/csv; charset=utf-8', extensie: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensie: 'xlsx' },
  tbgi: { contentType: 'application/xml; charset=utf-8', extensie: 'xml' },
};
