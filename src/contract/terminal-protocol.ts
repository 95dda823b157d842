import { z } from 'zod';
import type { TerminalErrorCode } from './terminal-close-codes.js';

/**
 * The browser terminal's wire protocol on `/ws/terminal` (one WebSocket per terminal).
 *
 * Binary frames carry raw terminal bytes: keystrokes client → server, output server → client.
 * Text frames carry one JSON control message each:
 *
 *   client → server
 *     hello  {token, sessionId, target?: {node}, terminalId?, lastSeq?, resume?}  first frame,
 *            within 10 s; with `terminalId` it reattaches to that shell and replays output after
 *            `lastSeq`; with `resume: true` (and no `terminalId`) it attaches to a live shell of
 *            the session on that node, replaying all that is kept, and opens one only if there
 *            is none (another tab or browser of the learner continues where the shell is)
 *     resize {cols, rows}
 *     ack    {seq}          the client has processed output up to byte offset `seq`
 *     ping | pong           heartbeat; either side answers a ping with a pong
 *   server → client
 *     ready  {terminalId, seq}  attached: the next binary frame starts at byte offset `seq`
 *     notice {message}          German, e.g. part of the missed output is no longer buffered
 *     exit   {code}             the shell ended; the socket then closes with 1000
 *     error  {code, message}    refusal or end (German message); the socket then closes with
 *                               the matching 4xxx code from CLOSE_CODES (terminal-close-codes.ts)
 *     ping | pong
 *
 * Sequence numbers are byte offsets into the terminal's output, counted after the shell
 * integration markers are removed. The client adds up the length of the binary frames it has
 * received; reconnecting with that count as `lastSeq` replays each byte exactly once.
 * Unacknowledged output is bounded (flow-control.ts): a client that stops sending `ack`
 * stops the shell's output, it does not make the server buffer more.
 */

const nodeName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9.-]{0,98}[a-z0-9])?$/, 'ist kein gültiger Knotenname');

export const helloMessage = z.strictObject({
  type: z.literal('hello'),
  token: z.string().min(1).max(200),
  sessionId: z.uuid(),
  target: z.strictObject({ node: nodeName }).optional(),
  terminalId: z.uuid().optional(),
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  resume: z.literal(true).optional(),
});

export const clientControlMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('resize'),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(500),
  }),
  z.strictObject({
    type: z.literal('ack'),
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  z.strictObject({ type: z.literal('ping') }),
  z.strictObject({ type: z.literal('pong') }),
]);

export type HelloMessage = z.infer<typeof helloMessage>;
export type ClientControlMessage = z.infer<typeof clientControlMessage>;
export type ClientMessage = HelloMessage | ClientControlMessage;

export type ServerControlMessage =
  | { type: 'ready'; terminalId: string; seq: number }
  | { type: 'notice'; message: string }
  | { type: 'exit'; code: number }
  | { type: 'error'; code: TerminalErrorCode; message: string }
  | { type: 'ping' }
  | { type: 'pong' };

/** Parses a text frame; `null` when it is no JSON or no known message. */
export function parseControl<S extends z.ZodType>(schema: S, text: string): z.infer<S> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}
