// Named sequences for positive integer ids; one document per sequence, advanced with a single atomic $inc.
import { type Connection, Schema } from 'mongoose';

export interface CounterDoc {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterDoc>(
  { _id: String, seq: { type: Number, required: true } },
  { versionKey: false },
);

export const createCounterModel = (connection: Connection) =>
  connection.model<CounterDoc>('Counter', counterSchema, 'counters');
