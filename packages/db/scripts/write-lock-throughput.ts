// What our FerretDB build's write lock costs (decision 0006): the same concurrent writes, 20 connections, against
// an instance with the lock (our default) and one without it (upstream behaviour), alternating, a few rounds each.
//   npx tsx packages/db/scripts/write-lock-throughput.ts [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDatabase } from '../src/embedded.ts';

const { MongoClient } = mongoose.mongo;
type Doc = { _id: number | string; n?: number; i?: number; text?: string };

const connections = 20;
const operations = 2000;

/** Runs `operation(i)` for i < n on `connections` workers; returns operations per second. */
async function throughput(n: number, operation: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < n) await operation(next++);
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

const cases: Record<string, (client: mongoose.mongo.MongoClient) => Promise<number>> = {
  async 'insertOne, one collection'(client) {
    const docs = client.db('one').collection<Doc>('inserts');
    return throughput(operations, (i) => docs.insertOne({ _id: i, text: 'x'.repeat(100) }));
  },
  async 'updateOne $inc by _id, 2,000 documents'(client) {
    const docs = client.db('one').collection<Doc>('inserts');
    return throughput(operations, (i) => docs.updateOne({ _id: i }, { $inc: { n: 1 } }));
  },
  async 'findOneAndUpdate by _id, 2,000 documents'(client) {
    const docs = client.db('one').collection<Doc>('inserts');
    return throughput(operations, (i) =>
      docs.findOneAndUpdate({ _id: (i * 7) % operations }, { $set: { i } }),
    );
  },
  async 'updateOne $inc, one hot document'(client) {
    const docs = client.db('one').collection<Doc>('hot');
    await docs.insertOne({ _id: 'hot', n: 0 });
    return throughput(operations, () => docs.updateOne({ _id: 'hot' }, { $inc: { n: 1 } }));
  },
  async 'insertOne, 4 collections of one database'(client) {
    const collections = [0, 1, 2, 3].map((index) => client.db('one').collection<Doc>(`c${index}`));
    return throughput(operations, (i) => collections[i % 4]!.insertOne({ _id: i }));
  },
  async 'insertOne, 4 databases'(client) {
    const collections = [0, 1, 2, 3].map((index) => client.db(`db${index}`).collection<Doc>('c'));
    return throughput(operations, (i) => collections[i % 4]!.insertOne({ _id: i }));
  },
  // The worst case for one lock: a write whose filter is not pushed down reads the whole collection while holding
  // it (here 2,000 documents, tens of milliseconds), and writes elsewhere wait for it.
  async 'insertOne beside updates that scan 2,000 documents'(client) {
    const scanned = client.db('one').collection<Doc>('inserts');
    const docs = client.db('one').collection<Doc>('beside');
    let inserting = true;
    const scanning = (async () => {
      while (inserting) await scanned.updateOne({ _id: { $gte: operations - 1 } }, { $inc: { n: 1 } });
    })();
    const result = await throughput(operations / 2, (i) => docs.insertOne({ _id: i }));
    inserting = false;
    await scanning;
    return result;
  },
  async 'findOne by _id (reads take no lock)'(client) {
    const docs = client.db('one').collection<Doc>('inserts');
    return throughput(operations, (i) => docs.findOne({ _id: i }));
  },
};

async function measure(unlockedWrites: boolean): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupchat-write-lock-'));
  const database = await startEmbeddedDatabase({ dataDir, unlockedWrites });
  const client = await MongoClient.connect(database.uri, { maxPoolSize: connections });
  try {
    const results: Record<string, number> = {};
    // Warm up the connections and create the collections' tables outside the measurement.
    const collections = [
      ...['inserts', 'hot', 'beside', 'c0', 'c1', 'c2', 'c3'].map((name) =>
        client.db('one').collection<Doc>(name),
      ),
      ...[0, 1, 2, 3].map((index) => client.db(`db${index}`).collection<Doc>('c')),
    ];
    await Promise.all(collections.map((collection) => collection.insertOne({ _id: 'warm' })));
    for (const [name, run] of Object.entries(cases)) results[name] = await run(client);
    return results;
  } finally {
    await client.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rounds = Number(process.argv[2] ?? 3);
const runs: Record<'locked' | 'unlocked', Record<string, number>[]> = { locked: [], unlocked: [] };
for (let round = 0; round < rounds; round++) {
  runs.unlocked.push(await measure(true));
  runs.locked.push(await measure(false));
}
console.log(`operations/s, median of ${rounds} rounds (all rounds in brackets), ${connections} connections`);
for (const name of Object.keys(cases)) {
  const row = (mode: 'locked' | 'unlocked') => {
    const values = runs[mode].map((run) => run[name]!);
    return `${median(values).toFixed(0)} [${values.map((value) => value.toFixed(0)).join(' ')}]`;
  };
  console.log(`${name.padEnd(44)} without lock ${row('unlocked').padEnd(22)} with lock ${row('locked')}`);
}
