import { upstreamPath } from '../../../test/support/upstream.js';
import fs from 'node:fs';
import { parse } from 'yaml';
import { clusterSchema } from '../../labs/schema/lab.schema.js';
import {
  KUBELET_ALLOW_CGROUP_V1_PATCH,
  LOCAL_API_SERVER,
  kindConfig,
  kindConfigYaml,
  profileHash,
} from './kind-config.js';

const IMAGE = 'kindest/node:v1.37.0';

/** kind's config fields as extracted from its source (test/fixtures/upstream/kind/kind-facts.yaml). */
const kindFacts = parse(fs.readFileSync(upstreamPath('kind', 'kind-facts.yaml'), 'utf8')) as {
  config_api: { apiVersion: string; kind: string; fields: Record<string, string> };
};

const spec = (block: object = {}) => clusterSchema.parse(block);

describe(kindConfig.name, () => {
  it('puts every field of the cluster block where kind reads it', () => {
    const yaml = kindConfigYaml(
      kindConfig(
        spec({
          workers: 3,
          podSubnet: '10.250.0.0/16',
          serviceSubnet: '10.100.0.0/16',
          kubeProxyMode: 'ipvs',
          disableDefaultCNI: true,
        }),
        IMAGE,
      ),
    );

    expect(parse(yaml)).toEqual({
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      kind: 'Cluster',
      networking: {
        apiServerAddress: '127.0.0.1',
        podSubnet: '10.250.0.0/16',
        serviceSubnet: '10.100.0.0/16',
        kubeProxyMode: 'ipvs',
        disableDefaultCNI: true,
      },
      nodes: [
        { role: 'control-plane', image: IMAGE },
        { role: 'worker', image: IMAGE },
        { role: 'worker', image: IMAGE },
        { role: 'worker', image: IMAGE },
      ],
      kubeadmConfigPatches: [KUBELET_ALLOW_CGROUP_V1_PATCH],
    });
  });

  it('lets kubelet start on a cgroup v1 host through a KubeletConfiguration patch', () => {
    const [patch] = kindConfig(spec(), IMAGE).kubeadmConfigPatches;
    expect(parse(patch ?? '')).toEqual({
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      failCgroupV1: false,
    });
  });

  it('publishes the API server on a remote engine’s address, the port left to its Docker', () => {
    const config = kindConfig(spec(), IMAGE, { address: '10.0.0.2', port: -1 });
    expect(parse(kindConfigYaml(config))).toMatchObject({
      networking: { apiServerAddress: '10.0.0.2', apiServerPort: -1 },
    });
  });

  it('keeps kind’s loopback and its own port choice for a local engine', () => {
    const networking = (
      parse(kindConfigYaml(kindConfig(spec(), IMAGE, LOCAL_API_SERVER))) as {
        networking: object;
      }
    ).networking;
    expect(networking).toMatchObject({ apiServerAddress: '127.0.0.1' });
    expect(networking).not.toHaveProperty('apiServerPort');
    expect(kindConfigYaml(kindConfig(spec(), IMAGE, LOCAL_API_SERVER))).toBe(
      kindConfigYaml(kindConfig(spec(), IMAGE)),
    );
  });

  it('uses only field names that kind v1alpha4 defines', () => {
    const config = kindConfig(spec({ workers: 1 }), IMAGE, { address: '10.0.0.2', port: -1 });
    const { apiVersion, kind, fields } = kindFacts.config_api;
    const used = [
      ...Object.keys(config.networking).map((k) => `networking.${k}`),
      ...config.nodes.flatMap((n) => Object.keys(n).map((k) => `nodes[].${k}`)),
    ];
    const clusterWide = Object.keys(fields)
      .filter((f) => !f.includes('.'))
      .flatMap((f) => f.split(' / '));

    expect([config.apiVersion, config.kind]).toEqual([apiVersion, kind]);
    expect(used.filter((field) => !(field in fields))).toEqual([]);
    expect(clusterWide).toContain('kubeadmConfigPatches');
  });

  it('makes a single-node cluster for workers: 0 and keeps the lab defaults', () => {
    const config = kindConfig(spec(), IMAGE);
    expect(kindConfig(spec({ workers: 0 }), IMAGE).nodes).toEqual([
      { role: 'control-plane', image: IMAGE },
    ]);
    expect(config.networking).toEqual({
      apiServerAddress: '127.0.0.1',
      podSubnet: '10.244.0.0/16',
      serviceSubnet: '10.96.0.0/16',
      kubeProxyMode: 'iptables',
      disableDefaultCNI: false,
    });
  });

  it.each(['nftables', 'none'] as const)('passes kubeProxyMode %s through', (mode) => {
    expect(kindConfig(spec({ kubeProxyMode: mode }), IMAGE).networking.kubeProxyMode).toBe(mode);
  });

  it('leaves the image to kind when no node image is configured', () => {
    expect(kindConfig(spec({ workers: 1 }), '').nodes).toEqual([
      { role: 'control-plane' },
      { role: 'worker' },
    ]);
  });

  it('writes sorted keys, so the text does not depend on how the object was built', () => {
    const config = kindConfig(spec(), IMAGE);
    const reordered = {
      kubeadmConfigPatches: config.kubeadmConfigPatches,
      nodes: config.nodes,
      networking: config.networking,
      kind: 'Cluster',
      apiVersion: config.apiVersion,
    } as typeof config;
    expect(kindConfigYaml(reordered)).toBe(kindConfigYaml(config));
    expect(kindConfigYaml(config).split('\n')[0]).toBe('apiVersion: kind.x-k8s.io/v1alpha4');
  });
});

describe(profileHash.name, () => {
  it('is the sha256 of the canonical YAML, equal for equal blocks', () => {
    const a = profileHash(kindConfig(spec({ workers: 2 }), IMAGE));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(profileHash(kindConfig(spec({ workers: 2, networkPolicy: true }), IMAGE))).toBe(a);
  });

  it.each([
    ['workers', { workers: 1 }, IMAGE],
    ['podSubnet', { podSubnet: '10.245.0.0/16' }, IMAGE],
    ['serviceSubnet', { serviceSubnet: '10.97.0.0/16' }, IMAGE],
    ['kubeProxyMode', { kubeProxyMode: 'ipvs' }, IMAGE],
    ['disableDefaultCNI', { disableDefaultCNI: true }, IMAGE],
    ['node image', {}, 'kindest/node:v1.32.2'],
  ])('changes with %s', (_field, block, image) => {
    expect(profileHash(kindConfig(spec(block), image))).not.toBe(
      profileHash(kindConfig(spec(), IMAGE)),
    );
  });
});
