import { writeFile } from 'node:fs/promises';

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes rows as a UTF-8 CSV file, the simplest format the import engine reads. */
export async function writeCsv(path: string, rows: readonly (readonly string[])[]): Promise<void> {
  await writeFile(path, `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`, 'utf8');
}
