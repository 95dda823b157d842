import fs from 'node:fs';
import path from 'node:path';

const FAKE_KIND = path.resolve('test/support/fake-kind/kind');

export interface FakeKindScenario {
  create?: {
    /** kind's stderr to replay (see kind-output.ts). */
    stderr?: string;
    exitCode?: number;
    /** Make node containers from this local image, as kind's `docker run` would. */
    nodeImage?: string;
    /** Make the network even without nodes (kind makes it before the nodes). */
    makeNetwork?: boolean;
    /** Use this network instead of KIND_EXPERIMENTAL_DOCKER_NETWORK (a kind that ignores it). */
    network?: string;
  };
  delete?: { exitCode?: number };
}

export interface FakeKindCall {
  argv: string[];
  env: Record<string, string>;
  stdin: string;
}

/** The stand-in `kind` executable in `dir`, with the scenario it plays. */
export class FakeKind {
  readonly bin: string;

  constructor(private readonly dir: string) {
    this.bin = path.join(dir, 'kind');
    fs.copyFileSync(FAKE_KIND, this.bin);
    fs.chmodSync(this.bin, 0o755);
    this.play({});
  }

  play(scenario: FakeKindScenario): void {
    fs.writeFileSync(path.join(this.dir, 'scenario.json'), JSON.stringify(scenario));
  }

  calls(): FakeKindCall[] {
    const file = path.join(this.dir, 'calls.jsonl');
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FakeKindCall);
  }

  /** Calls of one command, e.g. `delete cluster`. */
  callsOf(command: string): FakeKindCall[] {
    return this.calls().filter((c) => c.argv.slice(0, 2).join(' ') === command);
  }

  reset(): void {
    fs.rmSync(path.join(this.dir, 'calls.jsonl'), { force: true });
    this.play({});
  }
}
