// The driver's errors for a database gone away, made by the driver itself, must all read as an outage (a 503), or
// a request caught in the moment the pool is cleared answers 500 (seen in the database-outage resilience scenario).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable } from '../src/shared/database-unreachable.ts';

const driverDir = createRequire(createRequire(import.meta.url).resolve('mongoose')).resolve('mongodb');
const driverRequire = createRequire(driverDir);
const driver = driverRequire('mongodb');
const pool = driverRequire(driverDir.replace(/lib[/\\]index\.js$/, 'lib/cmap/errors.js'));
const fakePool = { address: '127.0.0.1:27017', serverError: undefined };

describe('isDatabaseUnreachable', () => {
  it('knows every error the driver raises while the server is unreachable', () => {
    const outages = [
      new pool.PoolClearedOnNetworkError(fakePool),
      new pool.PoolClearedError(fakePool),
      new pool.PoolClosedError(fakePool),
      new pool.WaitQueueTimeoutError(
        'Timed out while checking out a connection from connection pool',
        '127.0.0.1',
      ),
      new driver.MongoServerClosedError(),
      new driver.MongoNetworkError('connection closed'),
      new driver.MongoNetworkTimeoutError('timed out'),
      new driver.MongoNotConnectedError('not connected'),
      new driver.MongoTopologyClosedError(),
    ];
    for (const error of outages) expect(isDatabaseUnreachable(error), error.name).toBe(true);
  });

  it('does not take a refused command or a bug for an outage', () => {
    expect(isDatabaseUnreachable(new driver.MongoServerError({ code: 11000, errmsg: 'E11000' }))).toBe(false);
    expect(isDatabaseUnreachable(new TypeError('x is undefined'))).toBe(false);
  });
});
