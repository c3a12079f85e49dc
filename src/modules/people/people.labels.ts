export const POLITICAL_STATUSES = {
  young_pioneer: '少先队员',
  league_member: '共青团员',
  probationary_party_member: '中共预备党员',
  party_member: '中共党员',
  masses: '群众',
} as const;
export type PoliticalStatus = keyof typeof POLITICAL_STATUSES;
