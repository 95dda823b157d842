import path from 'node:path';
import { z } from 'zod';
import { missingTlsFiles, parseDockerHosts, type DockerEngine } from './docker-hosts.js';
import { rateSetting } from './rate-setting.js';

const minutes = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every environment variable kubelab reads, with its default. README's table mirrors this. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^file:/, 'must be a SQLite URL of the form file:<path>')
    .default(`file:${path.resolve('data/kubelab.db')}`),
  KUBELAB_LABS_DIR: z.string().default(path.resolve('labs')),
  KUBELAB_WEB_DIR: z.string().default(path.resolve('web/dist')),
  KUBELAB_MODE: z.enum(['local', 'shared']).default('local'),
  KUBELAB_INSTRUCTOR_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters long')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KUBELAB_DOCKER_HOST: z.string().default(process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'),
  /**
   * Several Docker engines (docker-hosts.ts): `name=endpoint?capacity=N …`. Empty: one engine,
   * KUBELAB_DOCKER_HOST, holding KUBELAB_MAX_CLUSTERS. Parsed into engines by parseConfig.
   */
  KUBELAB_DOCKER_HOSTS: z.string().default(''),
  /** What one environment is taken to need when an engine's capacity is given as memory=. */
  KUBELAB_ENVIRONMENT_MEMORY_MB: z.coerce.number().int().min(64).default(2048),
  /** How often every engine is asked whether it answers, and after how many silent asks it is lost. */
  KUBELAB_ENGINE_CHECK_SECONDS: z.coerce.number().positive().max(3600).default(10),
  KUBELAB_ENGINE_LOST_AFTER: z.coerce.number().int().min(1).max(100).default(3),
  /** Environment types this server offers; labs of the others are shown as not available. */
  KUBELAB_ENVIRONMENTS: z
    .string()
    .default('kind,container')
    .transform((v) =>
      v
        .split(',')
        .map((type) => type.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['kind', 'container']))),
  KUBELAB_KIND_BIN: z.string().default('kind'),
  /** Empty: kind's own default image of the installed kind version. */
  KUBELAB_KIND_NODE_IMAGE: z.string().default('kindest/node:v1.37.0'),
  KUBELAB_CLUSTER_DIR: z.string().default(path.resolve('data/clusters')),
  KUBELAB_KIND_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(180),
  KUBELAB_CONTAINER_IMAGE: z.string().default('kubelab/netlab:2'),
  KUBELAB_CONTAINER_MEMORY_MB: z.coerce.number().int().min(32).default(256),
  KUBELAB_CONTAINER_PIDS_LIMIT: z.coerce.number().int().min(16).default(256),
  /** Shared mode: the learner's terminal of a kind lab (scripts/images/build-toolbox-image.sh). */
  KUBELAB_TOOLBOX_IMAGE: z.string().min(1).default('kubelab/toolbox:1'),
  KUBELAB_TOOLBOX_MEMORY_MB: z.coerce.number().int().min(32).default(256),
  KUBELAB_TOOLBOX_PIDS_LIMIT: z.coerce.number().int().min(16).default(256),
  /** How a toolbox reaches this server; unset: http://<gateway of the cluster's network>:<port>. */
  KUBELAB_TOOLBOX_SERVER_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'must be an http:// or https:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KUBELAB_MAX_SESSION_MINUTES: minutes(240),
  KUBELAB_IDLE_MINUTES: minutes(30),
  /** Ready environments kept per profile of the labs in KUBELAB_POOL_LABS. */
  KUBELAB_POOL_SIZE: z.coerce.number().int().min(0).max(50).default(0),
  KUBELAB_POOL_LABS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  /**
   * Live environments in total, learners' and the warm pool's; learners beyond it queue (FIFO).
   * With KUBELAB_DOCKER_HOSTS it is the sum of the engines' capacities.
   */
  KUBELAB_MAX_CLUSTERS: z.coerce.number().int().min(1).default(20),
  /** How long the pods and services of a lab's setup may take to become ready. */
  KUBELAB_SETUP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(180),
  /** Creations at once per engine. */
  KUBELAB_CREATE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  KUBELAB_REAPER_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Delete, at start-up, every environment no live session owns. */
  KUBELAB_RECONCILE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Marks this server's containers, so two servers on one Docker host leave each other's alone. */
  KUBELAB_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/)
    .default('main'),
  KUBELAB_BODY_LIMIT: z.string().default('64kb'),
  /** A request must arrive whole (headers and body) within this; slower ones get a 408. */
  KUBELAB_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** Open server-sent event streams (session progress, background check), in total and per learner. */
  KUBELAB_MAX_STREAMS: z.coerce.number().int().min(1).default(1000),
  KUBELAB_MAX_STREAMS_PER_LEARNER: z.coerce.number().int().min(1).default(8),
  /** Open terminal WebSockets, in total and per learner. */
  KUBELAB_MAX_SOCKETS: z.coerce.number().int().min(1).default(500),
  KUBELAB_MAX_SOCKETS_PER_LEARNER: z.coerce.number().int().min(1).default(10),
  KUBELAB_MAX_PENDING_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  /** Commands (rows) and KiB of command lines and output one session's transcript keeps. */
  KUBELAB_TRANSCRIPT_MAX_ROWS: z.coerce.number().int().min(1).default(2000),
  KUBELAB_TRANSCRIPT_MAX_KB: z.coerce.number().int().min(1).default(4096),
  /**
   * Rate limits, as `<count>/<s|min|h>`. Sized for a class of ~30 behind one school NAT:
   * everyone signs up and starts a lab within minutes, and nobody presses "Prüfen" twice a second.
   */
  KUBELAB_RATE_SIGNUPS_PER_IP: rateSetting('60/h'),
  KUBELAB_RATE_SIGNUPS: rateSetting('300/h'),
  KUBELAB_RATE_SESSION_STARTS: rateSetting('20/h'),
  KUBELAB_RATE_CHECKS: rateSetting('30/min'),
  KUBELAB_RATE_NODE_VIEWS: rateSetting('60/min'),
  /**
   * Express `trust proxy`: hops (`1`) or proxy addresses/subnets (`loopback, 10.0.0.5`) whose
   * X-Forwarded-For names the client. Empty: the socket's peer is the client.
   */
  KUBELAB_TRUST_PROXY: z
    .string()
    .default('')
    .refine((v) => v.trim() !== 'true', {
      message:
        'true would trust any X-Forwarded-For a client sends; give the number of proxies or their addresses',
    })
    .transform((v): number | string | undefined =>
      v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : v.trim(),
    ),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

/** The configuration as read, with KUBELAB_DOCKER_HOSTS parsed into its engines. */
export type AppConfig = Omit<z.infer<typeof configSchema>, 'KUBELAB_DOCKER_HOSTS'> & {
  KUBELAB_DOCKER_HOSTS: DockerEngine[];
};

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = result.data;
  let engines: DockerEngine[];
  try {
    engines = parseDockerHosts(values.KUBELAB_DOCKER_HOSTS, {
      endpoint: values.KUBELAB_DOCKER_HOST,
      capacity: values.KUBELAB_MAX_CLUSTERS,
      environmentMemoryMb: values.KUBELAB_ENVIRONMENT_MEMORY_MB,
      tlsCertPath: env.DOCKER_TLS_VERIFY ? env.DOCKER_CERT_PATH : undefined,
      serverUrl: values.KUBELAB_TOOLBOX_SERVER_URL,
    });
  } catch (error) {
    throw new Error(`Invalid configuration:\n  KUBELAB_DOCKER_HOSTS: ${(error as Error).message}`, {
      cause: error,
    });
  }
  for (const engine of engines) {
    const missing = missingTlsFiles(engine);
    if (missing.length > 0)
      throw new Error(
        `Invalid configuration:\n  KUBELAB_DOCKER_HOSTS: engine ${engine.name}: ${engine.tlsCertPath} lacks ${missing.join(', ')}`,
      );
  }
  const sum = engines.reduce((total, engine) => total + engine.capacity, 0);
  if (
    values.KUBELAB_DOCKER_HOSTS.trim() &&
    env.KUBELAB_MAX_CLUSTERS &&
    sum !== values.KUBELAB_MAX_CLUSTERS
  )
    throw new Error(
      `Invalid configuration:\n  KUBELAB_MAX_CLUSTERS: is the sum of the engines' capacities (${sum}) when KUBELAB_DOCKER_HOSTS is set; leave it unset`,
    );
  return { ...values, KUBELAB_DOCKER_HOSTS: engines, KUBELAB_MAX_CLUSTERS: sum };
}
