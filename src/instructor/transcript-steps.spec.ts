import { stepOfCommand } from './transcript-steps.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));

describe(stepOfCommand.name, () => {
  const attempts = [
    { stepId: 'knoten', createdAt: at(10) },
    { stepId: 'knoten', createdAt: at(14) },
    { stepId: 'namespaces', createdAt: at(20) },
    { stepId: 'veth', createdAt: at(30) },
  ];

  it('gives a command to the step checked next', () => {
    expect(stepOfCommand(at(1), attempts, 'bridge')).toBe('knoten');
    expect(stepOfCommand(at(12), attempts, 'bridge')).toBe('knoten');
    expect(stepOfCommand(at(15), attempts, 'bridge')).toBe('namespaces');
    expect(stepOfCommand(at(29), attempts, 'bridge')).toBe('veth');
  });

  it('counts a command begun in the same moment as the attempt to that attempt', () => {
    expect(stepOfCommand(at(20), attempts, 'bridge')).toBe('namespaces');
  });

  it('gives the commands after the last attempt to the step open now', () => {
    expect(stepOfCommand(at(31), attempts, 'bridge')).toBe('bridge');
    expect(stepOfCommand(at(1), [], 'knoten')).toBe('knoten');
  });

  it('leaves a command without step when none is open and nothing was checked after it', () => {
    expect(stepOfCommand(at(40), attempts, null)).toBeNull();
  });
});
