import { NFT_QUEUE_RULESET, nftQueueItem } from './nft-queue.probe.js';

/** What nft 1.0.6 printed here (kernel 6.18 without CONFIG_NFT_QUEUE) for the probe's ruleset. */
const MISSING =
  'Error: Could not process rule: No such file or directory\nadd rule inet kubelab_probe forward queue num 100 bypass\n                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n';

describe(nftQueueItem.name, () => {
  it('is fine when the queue rule loads', () => {
    expect(nftQueueItem({ exitCode: 0, output: '' })).toMatchObject({ ok: true, required: false });
  });

  it('names the missing kernel feature, in English and German, when the kernel has no queue', () => {
    const item = nftQueueItem({ exitCode: 1, output: MISSING });
    expect(item).toMatchObject({
      id: 'kernel-nft-queue',
      ok: false,
      found: 'CONFIG_NFT_QUEUE missing',
    });
    expect(item.problem).toContain('CONFIG_NFT_QUEUE');
    expect(item.problemDe).toContain('nftables-Warteschlange');
    expect(item.problemDe).toContain('nicht durchsetzen');
  });

  it('does not claim a missing feature for another nft failure, but still refuses', () => {
    const item = nftQueueItem({
      exitCode: 1,
      output: 'Error: Could not process rule: Operation not permitted\n',
    });
    expect(item.ok).toBe(false);
    expect(item.found).toContain('nft failed');
    expect(item.problemDe).not.toContain('CONFIG_NFT_QUEUE');
  });

  it('reports a probe that could not run as not checked, not as a gap', () => {
    expect(nftQueueItem({ notChecked: 'node image x is not on the engine yet' })).toMatchObject({
      ok: true,
      found: 'not checked: node image x is not on the engine yet',
    });
  });

  it('asks for a queue rule on a forward hook in one nft call', () => {
    expect(NFT_QUEUE_RULESET).toMatch(/type filter hook forward/);
    expect(NFT_QUEUE_RULESET).toMatch(/queue num 100/);
  });
});
