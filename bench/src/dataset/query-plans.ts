// How the database answers each query the read endpoints make: whether it uses an index (MongoDB) or pushes the
// filter down to SQLite (FerretDB), and what one execution costs on the seeded data.
import type { Database } from '@groupchat/db';
import type { Document, Sort } from 'mongodb';

export interface PlannedQuery {
  endpoint: string;
  description: string;
  /** Run once and timed (the others are only explained, to keep the benchmark short on a slow database). */
  timed?: boolean;
  collection: string;
  filter: Document;
  sort?: Sort;
  limit?: number;
}

export interface QueryPlanReport extends PlannedQuery {
  /** True when the database finds the documents from an index instead of reading the collection. */
  usesIndex: boolean;
  plan: string;
  milliseconds: number | null;
}

/** Worst realistic arguments: the last user and group ids sit at the end of a collection scan. */
export function readQueries(users: number, groups: number, bigGroupOwner: number): PlannedQuery[] {
  const userId = users;
  return [
    {
      endpoint: 'all authed',
      description: 'token by hash',
      collection: 'auth_tokens',
      filter: { _id: 'f'.repeat(64) },
      timed: true,
    },
    {
      endpoint: 'all authed',
      description: 'user by id',
      collection: 'users',
      filter: { _id: userId },
      limit: 1,
      timed: true,
    },
    {
      endpoint: 'retrieve, members',
      description: 'group by id (status checked after)',
      collection: 'groups',
      filter: { _id: groups },
      limit: 1,
      timed: true,
    },
    {
      endpoint: 'members',
      description: 'is member (_id "group:user")',
      collection: 'memberships',
      filter: { _id: `${groups}:${userId}` },
      limit: 1,
    },
    {
      endpoint: 'my groups',
      description: 'count my memberships',
      collection: 'memberships',
      filter: { userId },
    },
    {
      endpoint: 'my groups',
      description: 'my memberships by activity',
      collection: 'memberships',
      filter: { userId },
      sort: { activityAt: -1, _id: -1 },
      limit: 20,
      timed: true,
    },
    {
      endpoint: 'my groups',
      description: 'groups by ids',
      collection: 'groups',
      filter: { _id: { $in: [groups, groups - 1, groups - 2] }, status: 'live' },
    },
    { endpoint: 'members', description: 'count members', collection: 'memberships', filter: { groupId: 1 } },
    {
      endpoint: 'members',
      description: 'members page by join time',
      collection: 'memberships',
      filter: { groupId: 1, userId: { $ne: bigGroupOwner } },
      sort: { joinedAt: 1, _id: 1 },
      limit: 20,
    },
    {
      endpoint: 'members',
      description: 'users by ids',
      collection: 'users',
      filter: { _id: { $in: [userId, userId - 1, userId - 2] } },
    },
  ];
}

export async function explainQueries(db: Database, queries: PlannedQuery[]): Promise<QueryPlanReport[]> {
  const native = db.connection.db!;
  const reports: QueryPlanReport[] = [];
  for (const query of queries) {
    const cursor = () => {
      let found = native.collection(query.collection).find(query.filter);
      if (query.sort) found = found.sort(query.sort);
      if (query.limit) found = found.limit(query.limit);
      return found;
    };
    const explained = await cursor().explain();
    let milliseconds: number | null = null;
    if (query.timed) {
      const started = performance.now();
      await cursor().toArray();
      milliseconds = Math.round((performance.now() - started) * 10) / 10;
    }
    reports.push({ ...query, ...readPlan(explained), milliseconds });
  }
  return reports;
}

function readPlan(explained: Document): { usesIndex: boolean; plan: string } {
  if ('filterPushdown' in explained) {
    // FerretDB: whether the filter reached SQLite, and SQLite's plan for it (a pushed filter may still scan).
    const pushdown = explained.filterPushdown === true;
    const detail = JSON.stringify(explained.queryPlanner?.Plan ?? '');
    const usesIndex = pushdown && /USING (COVERING )?INDEX/.test(detail) && !/detail=SCAN /.test(detail);
    return { usesIndex, plan: `FerretDB filterPushdown=${pushdown} ${detail}` };
  }
  const stages: string[] = [];
  const walk = (stage: Document | undefined) => {
    if (!stage) return;
    stages.push(stage.stage);
    walk(stage.inputStage);
    for (const input of stage.inputStages ?? []) walk(input);
  };
  walk(explained.queryPlanner?.winningPlan?.queryPlan ?? explained.queryPlanner?.winningPlan);
  const usesIndex =
    stages.some((stage) => /IXSCAN|IDHACK|EXPRESS/.test(stage)) && !stages.includes('COLLSCAN');
  return { usesIndex, plan: stages.join(' < ') };
}
