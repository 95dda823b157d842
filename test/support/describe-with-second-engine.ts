import Docker from 'dockerode';
import { execa } from 'execa';
import { dockerAvailable } from './docker.js';
import { ENGINE_IMAGE } from '../../src/bench/second-engine/second-engine.js';

/**
 * Why a test with a second engine (SecondEngine) cannot run here, or undefined when it can: it
 * needs a Docker engine, the engine image (scripts/images/build-engine-image.sh, which .ci/run
 * runs) and the openssl CLI. With KUBELAB_REQUIRE_DOCKER=1 (CI) a missing piece fails the run.
 */
export async function missingForSecondEngine(): Promise<string | undefined> {
  if (!(await dockerAvailable())) return 'no Docker engine';
  const missing = await missingPiece();
  if (missing && process.env.KUBELAB_REQUIRE_DOCKER === '1')
    throw new Error(`KUBELAB_REQUIRE_DOCKER=1 but ${missing}`);
  return missing;
}

async function missingPiece(): Promise<string | undefined> {
  const image = await new Docker()
    .getImage(ENGINE_IMAGE)
    .inspect()
    .catch(() => undefined);
  if (!image)
    return `the engine image ${ENGINE_IMAGE} is not on the Docker engine (scripts/images/build-engine-image.sh makes it)`;
  const openssl = await execa('openssl', ['version'], { reject: false });
  if (openssl.failed) return 'there is no openssl CLI (it makes the engine certificates)';
  return undefined;
}

const missing = await missingForSecondEngine();
if (missing) console.warn(`tests with a second Docker engine skipped: ${missing}`);

/** `describe` where a second engine can be started, `describe.skip` (reported) where not. */
export const describeWithSecondEngine = missing ? describe.skip : describe;
