// Which commands this process sends the database, from the driver's command monitoring. Off by default: with it on,
// the driver decodes every reply a second time to build its event, a cost a production request should not pay.
import type { Connection } from 'mongoose';

/** Commands the driver sends on its own (handshakes, heartbeats, session upkeep), not on behalf of a request. */
const HOUSEKEEPING = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'endSessions',
  'saslStart',
  'saslContinue',
]);

export interface CommandStarted {
  /** The command's name, e.g. `find`, `insert`, `findAndModify`. */
  name: string;
  /** The collection it names (empty when it names none). */
  collection: string;
}

/**
 * Calls `listener` for every command the connection sends, housekeeping left out; returns the way to stop. Needs a
 * connection opened with `monitorCommands` (connectDatabase's option of that name).
 */
export function onCommand(connection: Connection, listener: (command: CommandStarted) => void): () => void {
  const client = connection.getClient();
  const handle = (event: { commandName: string; command: Record<string, unknown> }) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    listener({ name: event.commandName, collection: typeof collection === 'string' ? collection : '' });
  };
  client.on('commandStarted', handle);
  return () => client.off('commandStarted', handle);
}

/** `find groups`, the form the benchmark and the command-budget tests print a command in. */
export const commandLabel = (command: CommandStarted) =>
  command.collection ? `${command.name} ${command.collection}` : command.name;
