// Server API domains per data centre (§2.1 of the reference), primary first.

export type RongCloudRegion = 'beijing' | 'singapore' | 'singaporeB' | 'northAmerica' | 'saudiArabia';

export const RONGCLOUD_DOMAINS: Readonly<
  Record<RongCloudRegion, readonly [primary: string, backup: string]>
> = Object.freeze({
  beijing: Object.freeze(['https://api.rong-api.com', 'https://api-b.rong-api.com'] as const),
  singapore: Object.freeze(['https://api.sg-light-api.com', 'https://api-b.sg-light-api.com'] as const),
  singaporeB: Object.freeze(['https://api.sg-b-light-api.com', 'https://api-b.sg-b-light-api.com'] as const),
  northAmerica: Object.freeze(['https://api.us-light-api.com', 'https://api-b.us-light-api.com'] as const),
  saudiArabia: Object.freeze(['https://api.sau-light-api.com', 'https://api-b.sau-light-api.com'] as const),
});
