import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** 8 hex characters: short enough for a cluster name (`kl-3f9a0c1d`), 2^32 values. */
export const newShortId = (): string => randomBytes(4).toString('hex');
