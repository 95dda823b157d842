import { dockerAvailable } from './docker.js';

/** `describe` where a Docker engine answers, `describe.skip` where none does (see dockerAvailable). */
export const describeWithDocker = (await dockerAvailable()) ? describe : describe.skip;
