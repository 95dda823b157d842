export type Role = 'learner' | 'instructor';

/** Who is making a request, as the guard resolved it from the bearer token. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
}
