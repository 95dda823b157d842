import { recordedText } from '../../../test/support/fake-environment-handle.js';
import { parseDigOutput, resolveDig } from './dig-output.js';

const dig = (file: string) => parseDigOutput(recordedText(`dig/${file}.txt`));

describe(parseDigOutput.name, () => {
  it('reads every try of a search-list walk with its status', () => {
    expect(dig('showsearch-web-a.untouched')).toEqual({
      timedOut: false,
      attempts: [
        { question: 'web.lab.svc.cluster.local.', status: 'NXDOMAIN', answers: [] },
        { question: 'web.svc.cluster.local.', status: 'NXDOMAIN', answers: [] },
        { question: 'web.cluster.local.', status: 'NXDOMAIN', answers: [] },
        { question: 'web.', status: 'REFUSED', answers: [] },
      ],
    });
  });

  it('reads the answer section and leaves the additional section alone', () => {
    expect(dig('web-srv.solved').attempts).toEqual([
      {
        question: '_http._tcp.web.lab.svc.cluster.local.',
        status: 'NOERROR',
        answers: [
          {
            name: '_http._tcp.web.lab.svc.cluster.local.',
            type: 'SRV',
            data: '0 100 80 web.lab.svc.cluster.local.',
          },
        ],
      },
    ]);
  });

  it('reads a server that never answered', () => {
    expect(dig('timeout')).toEqual({ timedOut: true, attempts: [] });
  });

  it('reads records printed without TTL and class', () => {
    const output = parseDigOutput(
      '; <<>> DiG 9.20 <<>> +nottlid web\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n\n;; QUESTION SECTION:\n;web.lab.svc.cluster.local. IN A\n\n;; ANSWER SECTION:\nweb.lab.svc.cluster.local. IN A 10.96.120.15\n',
    );

    expect(output.attempts[0]?.answers).toEqual([
      { name: 'web.lab.svc.cluster.local.', type: 'A', data: '10.96.120.15' },
    ]);
  });
});

describe(resolveDig.name, () => {
  it('takes the first try that answered', () => {
    expect(resolveDig(dig('showsearch-db-a.solved'), 'A')).toEqual({
      status: 'NOERROR',
      name: 'db.lab.svc.cluster.local.',
      answers: ['10.244.1.7', '10.244.2.8'],
    });
  });

  it('calls a name NXDOMAIN when the cluster domain says so, whatever the upstream said', () => {
    expect(resolveDig(dig('showsearch-web-a.untouched'), 'A').status).toBe('NXDOMAIN');
    expect(resolveDig(dig('showsearch-nosuch-a'), 'A').status).toBe('NXDOMAIN');
  });

  it('reports NODATA when the name exists without records of the type', () => {
    expect(resolveDig(dig('showsearch-web-a.solved'), 'AAAA')).toEqual({
      status: 'NODATA',
      answers: [],
    });
  });

  it('reports a timeout', () => {
    expect(resolveDig(dig('timeout'), 'A')).toEqual({ status: 'TIMEOUT', answers: [] });
  });
});
