import { jest } from '@jest/globals';
import path from 'node:path';
import { nftQueueItem } from '../../src/clusters/preflight/nft-queue.probe.js';
import type { LabDetail, LabSummary } from '../../src/contract/lab.views.js';
import type { Overview } from '../../src/contract/instructor.views.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { createTestApp, INSTRUCTOR_TOKEN, type TestContext } from '../support/test-app.js';

const instructor = { Authorization: `Bearer ${INSTRUCTOR_TOKEN}` };
const POLICY_REASON =
  'Diese Übung braucht NetworkPolicies, die wirklich durchgesetzt werden – das kann dieser Server nicht. Bitte sag deiner Kursleitung Bescheid.';
/** What only the operator should read: install instructions, kernel options, settings. */
const OPERATOR_WORDS =
  /install|aktualisieren|CONFIG_NFT_QUEUE|KUBELAB_|https?:|apt-get|docker pull/;

describe('Lab availability (e2e, stand-in kind driver on a kernel without nftables queue)', () => {
  let ctx: TestContext;
  let driver: FakeEnvironmentDriver;
  const noQueue = nftQueueItem({
    exitCode: 1,
    output: 'Error: Could not process rule: No such file or directory',
  });

  beforeAll(async () => {
    driver = new FakeEnvironmentDriver();
    driver.preflightItems = [
      { id: 'kind', label: 'kind CLI', required: true, ok: true, found: 'v0.33.0' },
      noQueue,
    ];
    ctx = await createTestApp({
      drivers: [driver],
      env: { KUBELAB_LABS_DIR: path.resolve('labs') },
    });
  });
  afterAll(() => ctx.close());

  async function catalog(): Promise<Map<string, LabSummary>> {
    const { body } = await ctx.http().get('/api/labs').expect(200);
    return new Map((body as LabSummary[]).map((lab) => [lab.id, lab]));
  }

  it('shows the NetworkPolicy labs as not available with a learner reason, and the others as available', async () => {
    const labs = await catalog();
    const refused = [...labs.values()].filter(
      (lab) => lab.environment === 'kind' && !lab.availability.available,
    );
    expect(refused.map((lab) => lab.id)).toEqual(['03-dns', '04-networkpolicy', '05-fehlersuche']);
    for (const lab of refused)
      expect(lab.availability).toEqual({ available: false, reason: POLICY_REASON });
    expect(labs.get('01-ip-adressierung')?.availability).toEqual({
      available: true,
      reason: null,
    });
    // No container driver in this app: lab 00's type is not offered.
    expect(labs.get('00-linux-netzwerk')?.availability.reason).toBe(
      'Diese Übung wird auf diesem Server nicht angeboten.',
    );
    const { body: detail } = await ctx.http().get('/api/labs/04-networkpolicy').expect(200);
    expect(detail.availability).toEqual({ available: false, reason: POLICY_REASON });
    expect(JSON.stringify([...labs.values()])).not.toMatch(OPERATOR_WORDS);
  });

  it("asks the driver's preflight once for many page views", async () => {
    const preflight = jest.spyOn(driver, 'preflight');
    try {
      await Promise.all([catalog(), catalog(), ctx.http().get('/api/labs/03-dns').expect(200)]);
      await catalog();
      // At most the one that renews the catalog's answer, never one per page view.
      expect(preflight.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      preflight.mockRestore();
    }
  });

  it('refuses to start it with 409 LAB_UNAVAILABLE and the learner reason, and makes nothing', async () => {
    const learner = await ctx.newLearner();
    const { body } = await ctx.startSessionRequest(learner, '04-networkpolicy').expect(409);
    expect(body).toEqual({ statusCode: 409, code: 'LAB_UNAVAILABLE', message: POLICY_REASON });
    const { body: sessions } = await ctx.http().get('/api/sessions').set(learner.auth).expect(200);
    expect(sessions).toEqual([]);
    expect(driver.created).toEqual([]);
    await ctx.startSession(learner, '01-ip-adressierung');
  });

  it("tells the instructor which labs run here now, and the operator's fix for the others", async () => {
    const { body } = await ctx.http().get('/api/instructor/overview').set(instructor).expect(200);
    const overview = body as Overview;
    const row = overview.labs.find((lab) => lab.labId === '04-networkpolicy');
    expect(row).toEqual({
      labId: '04-networkpolicy',
      title: expect.any(String),
      environment: 'kind',
      available: false,
      learnerReason: POLICY_REASON,
      blockers: [{ label: noQueue.label, problem: noQueue.problemDe, fix: noQueue.fixDe }],
    });
    expect(overview.labs.filter((lab) => lab.available).map((lab) => lab.labId)).toContain(
      '01-ip-adressierung',
    );
    expect(Date.parse(overview.labsCheckedAt)).not.toBeNaN();
  });
});

describe('Lab availability (e2e, real kind driver on a host without kind and Docker)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('refuses to start with a reason about Docker, without the socket path or how to install it', async () => {
    const { body: labs } = await ctx.http().get('/api/labs').expect(200);
    const reason =
      'Auf diesem Server läuft Docker gerade nicht, deshalb kann keine Übungsumgebung entstehen. Bitte sag deiner Kursleitung Bescheid.';
    expect(labs[0].availability).toEqual({ available: false, reason });
    const learner = await ctx.newLearner();
    const { body } = await ctx.startSessionRequest(learner, '01-quiz').expect(409);
    expect(body).toMatchObject({ code: 'LAB_UNAVAILABLE', message: reason });

    const { body: overview } = await ctx
      .http()
      .get('/api/instructor/overview')
      .set(instructor)
      .expect(200);
    const fixes = (overview as Overview).labs[0].blockers.map((b) => b.fix).join(' ');
    expect(fixes).toContain('apt-get install -y docker.io');
    expect(fixes).toContain('kind ab Version 0.24 installieren');
  });
});

describe('Lab availability and step texts by server mode (e2e, stand-in kind driver)', () => {
  const MODE_REASON =
    'Diese Übung braucht direkten Zugriff auf die Knoten des Clusters. Auf diesem Server, den sich ein Kurs teilt, ist sie deshalb nicht freigegeben.';

  async function appIn(mode: 'local' | 'shared'): Promise<TestContext> {
    const driver = new FakeEnvironmentDriver();
    driver.preflightItems = [
      { id: 'kind', label: 'kind CLI', required: true, ok: true, found: 'v0.33.0' },
    ];
    return createTestApp({
      drivers: [driver],
      env: { KUBELAB_LABS_DIR: path.resolve('labs'), KUBELAB_MODE: mode },
    });
  }

  describe('in shared mode', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await appIn('shared');
    });
    afterAll(() => ctx.close());

    it('offers the labs written for shared mode and refuses the local-only ones, telling the learner why', async () => {
      const { body } = await ctx.http().get('/api/labs').expect(200);
      const labs = body as LabSummary[];
      const refused = labs.filter(
        (lab) => lab.environment === 'kind' && !lab.availability.available,
      );
      expect(refused.map((lab) => lab.id)).toEqual(['04-networkpolicy', '05-fehlersuche']);
      for (const lab of refused)
        expect(lab.availability).toEqual({ available: false, reason: MODE_REASON });
      expect(labs.find((lab) => lab.id === '02-nat')?.availability.available).toBe(true);

      const learner = await ctx.newLearner();
      const { body: refusal } = await ctx
        .startSessionRequest(learner, '05-fehlersuche')
        .expect(409);
      expect(refusal).toMatchObject({ code: 'LAB_UNAVAILABLE', message: MODE_REASON });
    });

    it('tells the instructor which mode a refused lab needs', async () => {
      const { body } = await ctx.http().get('/api/instructor/overview').set(instructor).expect(200);
      const row = (body as Overview).labs.find((lab) => lab.labId === '05-fehlersuche');
      expect(row?.blockers).toEqual([
        {
          label: 'lab modes local',
          problem:
            'Die Übung ist für den Modus local geschrieben; dieser Server läuft mit KUBELAB_MODE=shared.',
          fix: expect.stringContaining('KUBELAB_MODE=local') as string,
        },
      ]);
    });

    it('shows the shared text of a step: knoten instead of a node tab', async () => {
      const { body } = await ctx.http().get('/api/labs/02-nat').expect(200);
      const conntrack = (body as LabDetail).steps[2].html;
      expect(conntrack).toContain(
        'knoten &lt;Knoten-von-client&gt; conntrack -L -d &lt;ClusterIP&gt;',
      );
      expect(conntrack).not.toContain('Reiter');
      expect(conntrack).not.toContain(':::');
    });

    it('offers the toolbox as the only terminal of a kind lab, and lab 00 its world', async () => {
      const nat = (await ctx.http().get('/api/labs/02-nat').expect(200)).body as LabDetail;
      expect(nat.nodes).toEqual(['toolbox']);
      const linux = (await ctx.http().get('/api/labs/00-linux-netzwerk').expect(200))
        .body as LabDetail;
      expect(linux.nodes).toEqual(['control-plane']);
    });
  });

  describe('in local mode', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await appIn('local');
    });
    afterAll(() => ctx.close());

    it('shows the local text of the same step: the node tab, no knoten', async () => {
      const { body } = await ctx.http().get('/api/labs/02-nat').expect(200);
      const conntrack = (body as LabDetail).steps[2].html;
      expect(conntrack).toContain('Reiter');
      expect(conntrack).not.toContain('knoten');
      expect(conntrack).not.toContain(':::');
    });

    it('offers a terminal on every node of a kind lab', async () => {
      const nat = (await ctx.http().get('/api/labs/02-nat').expect(200)).body as LabDetail;
      expect(nat.nodes).toEqual(['control-plane', 'worker', 'worker2']);
    });
  });
});
