import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service.js';
import type { Principal, Role } from '../common/principal.js';

const principalFields = { id: true, name: true, role: true } as const;

@Injectable()
export class LearnersRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: {
    id: string;
    name: string;
    role: Role;
    tokenHash: string;
  }): Promise<Principal> {
    const row = await this.prisma.learner.create({ data: input, select: principalFields });
    return row as Principal;
  }

  async findByTokenHash(tokenHash: string): Promise<Principal | null> {
    const row = await this.prisma.learner.findUnique({
      where: { tokenHash },
      select: principalFields,
    });
    return row as Principal | null;
  }

  /** The instructor and the stored hash of their token, when there is an instructor row. */
  async findInstructor(id: string): Promise<{ principal: Principal; tokenHash: string } | null> {
    const row = await this.prisma.learner.findUnique({
      where: { id },
      select: { ...principalFields, tokenHash: true },
    });
    if (row?.role !== 'instructor') return null;
    const { tokenHash, ...principal } = row;
    return { principal: principal as Principal, tokenHash };
  }

  /** The single instructor row follows KUBELAB_INSTRUCTOR_TOKEN: changing the variable rotates it. */
  async upsertInstructor(id: string, tokenHash: string): Promise<void> {
    await this.prisma.learner.upsert({
      where: { id },
      create: { id, name: 'Kursleitung', role: 'instructor', tokenHash },
      update: { tokenHash, role: 'instructor' },
    });
  }

  /**
   * No token opens the instructor row any more. The row stays, so sessions the instructor
   * started keep their owner; `revoked:` never matches a hash of a token.
   */
  async revokeInstructor(id: string): Promise<void> {
    await this.prisma.learner.updateMany({
      where: { id },
      data: { tokenHash: `revoked:${id}` },
    });
  }
}
