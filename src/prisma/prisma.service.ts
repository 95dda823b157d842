import path from 'node:path';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { AppConfigService } from '../config/app-config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { sqliteFilePath } from './database-url.js';
import { runMigrations } from './migration-runner.js';

/** The Prisma client over SQLite; creates and migrates the database file before first use. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);
  private readonly file: string;

  constructor(config: AppConfigService) {
    const file = sqliteFilePath(config.get('DATABASE_URL'));
    super({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
    this.file = file;
  }

  async onModuleInit(): Promise<void> {
    const report = runMigrations(
      this.file,
      path.resolve(import.meta.dirname, '../../prisma/migrations'),
    );
    if (report.applied.length > 0) {
      this.logger.log(`Database ${this.file}: applied ${report.applied.join(', ')}`);
    }
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }

  /** True when a trivial query answers; used by /readyz. */
  async isReachable(): Promise<boolean> {
    try {
      await this.$queryRawUnsafe('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
