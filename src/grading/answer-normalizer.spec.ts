import { normalizeAnswer, type AnswerType } from './answer-normalizer.js';

describe(normalizeAnswer.name, () => {
  it.each<[AnswerType, string, string]>([
    ['ip', '10.244.1.5', '10.244.1.5'],
    ['ip', ' 10.244.001.5 \n', '10.244.1.5'],
    ['ip', '0.0.0.0', '0.0.0.0'],
    ['ip', 'FD00:0:0::1', 'fd00::1'],
    ['ip', '::ffff:10.0.0.1', '::ffff:a00:1'],
    ['cidr', '10.244.0.0/16', '10.244.0.0/16'],
    ['cidr', '10.244.000.0/016', '10.244.0.0/16'],
    ['cidr', '0.0.0.0/0', '0.0.0.0/0'],
    ['cidr', 'FD00:10:244::/64', 'fd00:10:244::/64'],
    ['cidr', 'fd00::/128', 'fd00::/128'],
    ['name', 'Web.Lab.SVC.cluster.local.', 'web.lab.svc.cluster.local'],
    ['name', '  CoreDNS ', 'coredns'],
    ['number', '3', '3'],
    ['number', ' 03 ', '3'],
    ['number', '2,5', '2.5'],
    ['number', '2.50', '2.5'],
    ['number', '-1', '-1'],
    ['text', '  Nur   Pods\tim  Namespace ', 'nur pods im namespace'],
  ])('normalises %s %j to %j', (type, raw, expected) => {
    expect(normalizeAnswer(type, raw)).toBe(expected);
  });

  it.each<[AnswerType, string]>([
    ['ip', 'hallo'],
    ['ip', '10.244.1'],
    ['ip', '10.244.1.256'],
    ['ip', '10.244.1.5/24'],
    ['ip', '10.244.1.5.6'],
    ['ip', '10.244.1.-5'],
    ['ip', 'fe80::1%eth0'],
    ['ip', ''],
    ['cidr', '10.244.0.0'],
    ['cidr', '10.244.0.0/'],
    ['cidr', '10.244.0.0/33'],
    ['cidr', 'fd00::/129'],
    ['cidr', '10.244.0.0/16/8'],
    ['cidr', '10.244.0.0/1.5'],
    ['cidr', '10.244.0.0/ 16'],
    ['cidr', 'netz/16'],
    ['name', '   '],
    ['number', ''],
    ['number', 'drei'],
    ['number', '3 Knoten'],
    ['number', 'Infinity'],
    ['text', ' \t '],
  ])('finds no %s in %j', (type, raw) => {
    expect(normalizeAnswer(type, raw)).toBeUndefined();
  });
});
