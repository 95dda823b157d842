/** The transport protocol of a Kubernetes port or policy rule (core/v1 `Protocol`). */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
