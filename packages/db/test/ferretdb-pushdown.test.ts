// Our FerretDB build pushes equality filters down to SQLite (ferretdb/pushdown.go, decision 0004). It must only
// ever change speed: every filter here runs on the run's database and on one started with upstream behaviour
// (`--test-disable-pushdown`, every document decoded and filtered in Go), over the same awkward documents, and
// both must return the same documents, counts and update effects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../src/embedded.ts';
import { testDatabaseUri } from '../src/testing.ts';

const { MongoClient, Double, Long, ObjectId } = mongoose.mongo;
type Collection = mongoose.mongo.Collection;
type Filter = Record<string, unknown>;

const objectId = new ObjectId('65a1b2c3d4e5f60718293a4b');
const scalars: unknown[] = [
  0,
  1,
  7,
  -3,
  new Double(0),
  new Double(-0),
  new Double(1),
  new Double(1.5),
  new Double(2 ** 53 + 2),
  Long.fromNumber(7),
  Long.fromString('1152921504606846976'),
  '',
  'a',
  'A',
  '7',
  '[x',
  '\\',
  'null',
  'a<b&c"é\u2028',
  objectId,
  true,
  false,
  new Date(7),
  null,
];
const values: unknown[] = [...scalars, [1, 'a'], [], [7, null], [objectId], { a: 1 }, { a: 'x' }];
const fields = ['_id', 'f', 'g', 'h', 'absent'] as const;

function documents(): Filter[] {
  const docs: Filter[] = [];
  let seed = 1;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  values.forEach((value, index) => {
    // Each value once in each field, the other fields drawn from the same pool (or left out).
    for (const field of ['f', 'g', 'h'] as const) {
      const doc: Filter = { _id: `${field}${index}`, [field]: value };
      for (const other of ['f', 'g', 'h'] as const) {
        if (other !== field && next() % 4 !== 0) doc[other] = values[next() % values.length];
      }
      docs.push(doc);
    }
  });
  // _ids of other types, including ones whose text looks like another type's.
  for (const [index, id] of [7, new Double(1.5), Long.fromNumber(8), objectId, '8', 'true'].entries()) {
    docs.push({ _id: id, f: scalars[index], g: values[(index * 5) % values.length] });
  }
  return docs;
}

const scalar = fc.constantFrom(...scalars);
const condition = fc.oneof(
  fc.constantFrom(...values),
  scalar.map(($eq) => ({ $eq })),
  fc.array(fc.constantFrom(...values), { maxLength: 4 }).map(($in) => ({ $in })),
  fc.tuple(fc.array(scalar, { minLength: 1, maxLength: 3 }), scalar).map(([$in, $ne]) => ({ $in, $ne })),
  scalar.map(($ne) => ({ $ne })),
  scalar.map(($gt) => ({ $gt })),
  fc.boolean().map(($exists) => ({ $exists })),
);
const filter = fc.dictionary(fc.constantFrom(...fields), condition, { minKeys: 1, maxKeys: 3 });

let upstream: EmbeddedDatabase;
let upstreamDir: string;
const clients: mongoose.mongo.MongoClient[] = [];
let pushed: Collection;
let unpushed: Collection;

async function seed(uri: string): Promise<Collection> {
  const client = await MongoClient.connect(uri);
  clients.push(client);
  const collection = client.db().collection('pushdown');
  await collection.createIndex({ f: 1 });
  await collection.createIndex({ g: 1, h: -1 });
  await collection.insertMany(documents());
  return collection;
}

beforeAll(async () => {
  upstreamDir = mkdtempSync(join(tmpdir(), 'groupchat-upstream-db-'));
  upstream = await startEmbeddedDatabase({ dataDir: upstreamDir, disablePushdown: true });
  pushed = await seed(testDatabaseUri());
  unpushed = await seed(`${upstream.uri}/upstream`);
});

afterAll(async () => {
  for (const client of clients) await client.close();
  await upstream?.stop();
  rmSync(upstreamDir, { recursive: true, force: true });
});

const outcome = async (run: () => Promise<unknown>) => {
  try {
    return { result: await run() };
  } catch (error) {
    return { error: (error as { code?: number }).code ?? String(error) };
  }
};
const ids = (collection: Collection, query: Filter) =>
  outcome(async () => (await collection.find(query).toArray()).map((doc) => JSON.stringify(doc._id)).sort());

describe('FerretDB filter pushdown', () => {
  it('answers indexed equality from an index', async () => {
    const explained = (await pushed.find({ f: 7 }).explain()) as Filter & {
      queryPlanner: { Plan: string[] };
    };
    expect(explained.filterPushdown).toBe(true);
    expect(explained.queryPlanner.Plan.join('\n')).toMatch(/USING INDEX \S+_f_1/);
    const byId = (await pushed.find({ _id: 7 } as Filter).explain()) as Filter & {
      queryPlanner: { Plan: string[] };
    };
    expect(byId.queryPlanner.Plan.join('\n')).toMatch(/USING INDEX \S+__id_/);
  });

  it('returns what upstream FerretDB returns for every single-field equality', async () => {
    expect(await unpushed.countDocuments()).toBe(documents().length);
    for (const field of fields) {
      for (const value of values) {
        for (const query of [
          { [field]: value },
          { [field]: { $eq: value } },
          { [field]: { $in: [value, 'a'] } },
        ]) {
          expect({ query, ...(await ids(pushed, query)) }).toEqual({
            query,
            ...(await ids(unpushed, query)),
          });
        }
      }
    }
  });

  it('returns what upstream FerretDB returns for combined filters', async () => {
    await fc.assert(
      fc.asyncProperty(filter, async (query) => {
        expect(await ids(pushed, query)).toEqual(await ids(unpushed, query));
        const counted = (collection: Collection) => outcome(() => collection.countDocuments(query));
        expect(await counted(pushed)).toEqual(await counted(unpushed));
      }),
      { numRuns: 300 },
    );
  });

  it('updates and deletes the same documents as upstream FerretDB', async () => {
    const queries: Filter[] = [
      { f: 7 },
      { g: { $in: ['a', null] } },
      { _id: objectId },
      { h: 0, f: { $ne: 1 } },
    ];
    for (const [index, query] of queries.entries()) {
      for (const collection of [pushed, unpushed]) {
        await collection.updateMany(query, { $set: { marked: index } });
        await collection.deleteMany({ ...query, g: { $exists: false } });
      }
      expect(await ids(pushed, { marked: index })).toEqual(await ids(unpushed, { marked: index }));
      expect(await ids(pushed, {})).toEqual(await ids(unpushed, {}));
    }
  });
});
