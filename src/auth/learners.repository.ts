import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service.js';
import type { Principal, Role } from './principal.js';

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

  /** The single instructor row follows KUBELAB_INSTRUCTOR_TOKEN: changing the variable rotates it. */
  async upsertInstructor(id: string, tokenHash: string): Promise<void> {
    await this.prisma.learner.upsert({
      where: { id },
      create: { id, name: 'Kursleitung', role: 'instructor', tokenHash },
      update: { tokenHash, role: 'instructor' },
    });
  }
}
