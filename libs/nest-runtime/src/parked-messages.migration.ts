import { MigrationInterface, QueryRunner } from 'typeorm';
import { parkedMessagesDdl } from '@payments/messaging';
import { assertSchemaName } from '@payments/persistence';

/**
 * The migration that gives a consuming service its `parked_messages` table (messages whose handler
 * failed wait there for their retry instead of holding their partition). One per service schema.
 */
export function parkedMessagesMigration(schema: string): new () => MigrationInterface {
  const s = assertSchemaName(schema);
  return class ParkedMessages1733000000000 implements MigrationInterface {
    name = 'ParkedMessages1733000000000';

    async up(runner: QueryRunner): Promise<void> {
      for (const statement of parkedMessagesDdl(s)) await runner.query(statement);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE IF EXISTS ${s}.parked_messages`);
    }
  };
}
