// The resilience suite: the database killed, RongCloud failing, and SIGTERM, each under write load. The scenarios
// run one after another, not in parallel: they load the same machine, and each one's figures mean something alone.
// A fast subset runs inside `npm test`; `npm run test:resilience` (RESILIENCE_FULL=1) runs the full one.
import { afterAll } from 'vitest';
import { describeDatabaseOutage } from './database-outage-scenario.ts';
import { profile } from './resilience-profile.ts';
import { describeRongCloudFaults } from './rongcloud-faults-scenario.ts';
import { describeSigterm } from './sigterm-scenario.ts';
import { type Headline, headlineRow, printTable } from './summary.ts';

const headlines: Headline[] = [];

describeDatabaseOutage(headlines);
describeRongCloudFaults(headlines);
describeSigterm(headlines);

afterAll(() => {
  printTable(`Resilience summary (${profile.name} profile)`, headlines.map(headlineRow));
});
