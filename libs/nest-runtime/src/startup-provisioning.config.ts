import { booleanEnv } from './config';

/** What a service does for itself at start that a deployment may do once, beforehand, instead. */
export interface StartupProvisioning {
  /**
   * DATABASE_MIGRATE_AT_START, default true: run the schema's migrations at start. false where a
   * migrations job (`npm run migrate`) runs them before the services roll.
   */
  migrateAtStart: boolean;
  /**
   * KAFKA_CREATE_TOPICS, default true: create missing topics at start. false where topics are
   * provisioned (`npm run topics:provision`); start-up then only checks that they exist.
   */
  createTopics: boolean;
}

export function startupProvisioningFrom(env: NodeJS.ProcessEnv = process.env): StartupProvisioning {
  return {
    migrateAtStart: booleanEnv(env, 'DATABASE_MIGRATE_AT_START', true),
    createTopics: booleanEnv(env, 'KAFKA_CREATE_TOPICS', true),
  };
}
