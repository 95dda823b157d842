import { fileURLToPath } from 'node:url';
import { drawHouse } from '../scripts/import-graph.mjs';

/** The house drawn from the imports of src/ (`node scripts/import-graph.mjs` prints it). */
describe('the house drawn from the imports of src/', () => {
  const house = drawHouse(fileURLToPath(new URL('.', import.meta.url)));

  it('gives every module a floor', () => {
    expect(house.unplaced).toEqual([]);
  });

  it('has no arrow running back up', () => {
    expect(house.arrowsUp).toEqual([]);
  });

  it('has no import circle between files or between modules', () => {
    expect(house.fileCircles).toEqual([]);
    expect(house.moduleCircles).toEqual([]);
  });

  it('lets only the Kubernetes adapter and the kind driver talk to client-node', () => {
    const users = house.packageUsers['@kubernetes/client-node'] ?? [];
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((file) => !/^(kube|clusters\/kind)\//.test(file))).toEqual([]);
  });

  it('sees the modules and their arrows', () => {
    expect(house.modules).toEqual(
      expect.arrayContaining(['kube', 'labs', 'lab-tools', 'sessions']),
    );
    expect(house.arrows).toContain('sessions -> kube');
  });
});
