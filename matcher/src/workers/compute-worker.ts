/** Worker thread entry: runs one task at a time and answers with the JSON body or an error. */
import { parentPort } from 'node:worker_threads';
import { toSerializedError } from '../errors';
import { runTask, type TaskKind, type TaskPayloads } from './tasks';

export interface TaskMessage {
  id: number;
  kind: TaskKind;
  payload: TaskPayloads[TaskKind];
}

if (!parentPort) throw new Error('compute-worker must run in a worker thread');
const port = parentPort;

port.on('message', (message: TaskMessage) => {
  try {
    port.postMessage({ id: message.id, ok: true, json: runTask(message.kind, message.payload) });
  } catch (error) {
    port.postMessage({ id: message.id, ok: false, error: toSerializedError(error) });
  }
});
