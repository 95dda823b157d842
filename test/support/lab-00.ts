import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type Docker from 'dockerode';
import { createContainerLabApp } from './container-lab-app.js';
import type { TestContext } from './test-app.js';

/** Lab 00 as shipped, for the tests that run it in real container environments. */
export const LAB_00 = path.resolve('labs/00-linux-netzwerk');
export const LAB_00_PROMPT = /kl-[0-9a-f]{8}:control-plane # $/;

/** The commands of a reference solution, as a learner would type them. */
export function solutionLines(step: string): string[] {
  const dir = path.join(LAB_00, 'solutions');
  const file = fs.readdirSync(dir).find((f) => f.endsWith(`-${step}.sh`))!;
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#') && !line.startsWith('set '));
}

/** A listening app serving lab 00 on the real Docker engine, and its terminal's URL. */
export async function startLab00App(docker: Docker): Promise<{ ctx: TestContext; url: string }> {
  const ctx = await createContainerLabApp(docker, path.dirname(LAB_00));
  await ctx.app.listen(0, '127.0.0.1');
  const { port } = ctx.app.getHttpServer().address() as AddressInfo;
  return { ctx, url: `ws://127.0.0.1:${port}/ws/terminal` };
}
