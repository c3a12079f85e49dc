/** The hours helpers live in src/shared/hours.ts, read by the admin as well (@shared/hours): one formatter. */
export * from '../shared/hours.ts';
