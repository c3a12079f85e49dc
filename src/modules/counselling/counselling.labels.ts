export const CONSULTATION_CHANNELS = ['面询', '电话', '网络'] as const;
export const RISK_LEVELS = { low: '低', medium: '中', high: '高' } as const;
