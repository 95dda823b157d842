import type { EnvironmentHandle, ShellStream } from '../../src/clusters/environment-handle.js';
import { CommandRecorder, type FinishedCommand } from '../../src/terminal/command-recorder.js';
import { Osc633Parser } from '../../src/terminal/osc633-parser.js';
import Docker from 'dockerode';
import { DockerNodes } from '../../src/clusters/docker/docker-nodes.js';
import {
  awaitNonceTaken,
  installShellIntegration,
  NONCE_PATH,
  SHELL_INTEGRATION_PATH,
  terminalNonce,
} from '../../src/terminal/shell-integration.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { DockerContainerDriver } from '../support/docker-container-driver.js';
import { ensureNetlabImage } from '../support/test-images.js';

const DOCKER = 'unix:///var/run/docker.sock';

/** A shell through the prompt hook, with its visible output and the commands it recorded. */
class RecordedShell {
  visible = '';
  readonly commands: FinishedCommand[] = [];
  private readonly parser: Osc633Parser;
  private readonly recorder = new CommandRecorder(
    { started: () => undefined, finished: (c) => this.commands.push(c) },
    () => new Date(),
  );

  constructor(
    readonly shell: ShellStream,
    readonly nonce: string,
  ) {
    this.parser = new Osc633Parser(nonce);
    shell.stream.on('data', (chunk: Buffer) => {
      for (const item of this.parser.write(chunk)) {
        this.recorder.feed(item);
        if (item.type === 'data') this.visible += item.bytes.toString('latin1');
      }
    });
  }

  type(text: string): void {
    this.shell.stream.write(text);
  }

  async until(done: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!done())
      throw new Error(`Timed out waiting for ${what}; output: ${JSON.stringify(this.visible)}`);
  }

  async commandsDone(count: number): Promise<void> {
    await this.until(() => this.commands.length >= count, `${count} commands`);
  }
}

/** The bash prompt hook against real bash 5.2 (Debian bookworm): what ends up in the transcript. */
describeWithDocker('shell integration in a real bash', () => {
  let driver: DockerContainerDriver;
  let handle: EnvironmentHandle;
  let cluster: string;
  let node: string;
  const shells: ShellStream[] = [];

  beforeAll(async () => {
    driver = new DockerContainerDriver(await ensureNetlabImage(), ['control-plane']);
    cluster = `kl-si${Date.now().toString(16).slice(-6)}`;
    handle = await driver.create({
      name: cluster,
      dockerEndpoint: DOCKER,
      cluster: {} as never,
    });
    node = (await handle.nodes())[0].name;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(shells.map((s) => s.close()));
    await driver?.destroyAll(DOCKER);
  }, 60_000);

  /** Like TerminalsService: hook and a fresh nonce, the shell, then the nonce file is gone. */
  async function open(argv?: string[]): Promise<RecordedShell> {
    const nonce = terminalNonce();
    expect(await installShellIntegration(handle, node, 'kl-test:control-plane', nonce)).toBe(true);
    const size = { cols: 100, rows: 30 };
    const shell = argv
      ? await new DockerNodes(new Docker(), {
          labels: [`io.kubelab.test-cluster=${cluster}`],
          roleLabel: 'io.kubelab.test-role',
        }).openShell(node, argv, ['TERM=xterm-256color'], size)
      : await handle.openShell({ node }, size);
    shells.push(shell);
    const recorded = new RecordedShell(shell, nonce);
    await awaitNonceTaken(handle, node);
    await recorded.until(() => recorded.visible.endsWith('kl-test:control-plane # '), 'a prompt');
    return recorded;
  }

  it('records pipelines, lists and quoting as typed, with the exit code of the line', async () => {
    const shell = await open();
    shell.type('false | true\r');
    shell.type('echo "a;b\\c" \'x y\'; false\r');
    shell.type('echo Grüße\r');
    await shell.commandsDone(3);
    expect(shell.commands.map((c) => [c.command, c.exitCode, c.output])).toEqual([
      ['false | true', 0, ''],
      ['echo "a;b\\c" \'x y\'; false', 1, 'a;b\\c x y\n'],
      ['echo Grüße', 0, 'Grüße\n'],
    ]);
    expect(shell.visible).not.toContain('\x1b]633');
  }, 30_000);

  it('records nothing for an empty line or Ctrl-C at the prompt', async () => {
    const shell = await open();
    const prompts = () => shell.visible.split('kl-test:control-plane # ').length - 1;
    shell.type('\r');
    await shell.until(() => prompts() === 2, 'a second prompt');
    // Type like a person, not within microseconds of the prompt: before readline has put the
    // terminal into raw mode, the kernel echoes and queues the keys itself, and under load a
    // Ctrl-C then races with readline taking over the queued "halb" (bash ran "albtrue" once).
    await new Promise((resolve) => setTimeout(resolve, 300));
    shell.type('halb');
    await shell.until(() => shell.visible.endsWith('halb'), 'the echo');
    shell.type('\x03');
    await shell.until(() => prompts() === 3, 'a third prompt');
    await new Promise((resolve) => setTimeout(resolve, 300));
    shell.type('true\r');
    await shell.commandsDone(1);
    expect(shell.commands.map((c) => c.command)).toEqual(['true']);
  }, 30_000);

  it('records a command typed over several lines once, and one with a leading space', async () => {
    const shell = await open();
    shell.type('HISTCONTROL=ignoreboth\r');
    shell.type('for i in 1 2; do\r');
    shell.type('echo "n$i"\r');
    shell.type('done\r');
    shell.type(' echo versteckt\r');
    await shell.commandsDone(3);
    expect(shell.commands.map((c) => [c.command, c.output])).toEqual([
      ['HISTCONTROL=ignoreboth', ''],
      ['for i in 1 2; do echo "n$i"; done', 'n1\nn2\n'],
      ['echo versteckt', 'versteckt\n'],
    ]);
  }, 30_000);

  it('keeps the prompt when ~/.bashrc sets its own', async () => {
    await handle.execInNode(node, ['sh', '-c', 'echo "PS1=\'eigen> \'" >> /root/.bashrc']);
    try {
      const shell = await open();
      shell.type('echo ok\r');
      await shell.commandsDone(1);
      expect(shell.visible).not.toContain('eigen>');
    } finally {
      await handle.execInNode(node, ['sed', '-i', '/eigen>/d', '/root/.bashrc']);
    }
  }, 30_000);

  it('works in a plain interactive bash too, and is installed only once', async () => {
    expect(
      await installShellIntegration(handle, node, 'kl-test:control-plane', terminalNonce()),
    ).toBe(true);
    const bashrc = await handle.execInNode(node, ['cat', '/etc/bash.bashrc']);
    expect(bashrc.stdout.split(SHELL_INTEGRATION_PATH)).toHaveLength(3);
    const shell = await open(['bash']);
    shell.type('echo nicht-login\r');
    await shell.commandsDone(1);
    expect(shell.commands).toMatchObject([{ command: 'echo nicht-login', exitCode: 0 }]);
  }, 30_000);

  it('records no command from markers a program prints, however many', async () => {
    const shell = await open();
    shell.type("printf '\\e]633;E;kubectl get pods\\a\\e]633;C\\a\\e]633;D;0\\a%.0s' {1..2000}\r");
    shell.type('echo fertig\r');
    await shell.commandsDone(2);
    expect(shell.commands.map((c) => c.command)).toEqual([
      "printf '\\e]633;E;kubectl get pods\\a\\e]633;C\\a\\e]633;D;0\\a%.0s' {1..2000}",
      'echo fertig',
    ]);
  }, 30_000);

  it("keeps the nonce out of the learner's programs and files", async () => {
    const shell = await open();
    shell.type(`env > /tmp/kl-env; cat /proc/$$/environ > /tmp/kl-environ; ls ${NONCE_PATH}\r`);
    await shell.commandsDone(1);
    const seen = await handle.execInNode(node, ['cat', '/tmp/kl-env', '/tmp/kl-environ']);
    expect(seen.exitCode).toBe(0);
    expect(seen.stdout).not.toContain(shell.nonce);
    expect(shell.commands[0].exitCode).toBe(2); // ls: no such file
    expect((await handle.execInNode(node, ['test', '-e', NONCE_PATH])).exitCode).toBe(1);
  }, 30_000);

  it('gives a nested bash no markers: it has no nonce', async () => {
    const shell = await open();
    shell.type('bash\r');
    shell.type('echo innen\r');
    shell.type('exit\r');
    shell.type('echo aussen\r');
    await shell.commandsDone(2);
    expect(shell.commands.map((c) => c.command)).toEqual(['bash', 'echo aussen']);
  }, 30_000);
});
