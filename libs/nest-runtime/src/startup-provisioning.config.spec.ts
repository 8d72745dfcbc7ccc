import { startupProvisioningFrom } from './startup-provisioning.config';

describe('what a service provisions for itself at start', () => {
  it('migrates and creates its topics unless told otherwise (development)', () => {
    expect(startupProvisioningFrom({})).toEqual({ migrateAtStart: true, createTopics: true });
  });

  it('leaves both to the deployment jobs when told', () => {
    expect(startupProvisioningFrom({ DATABASE_MIGRATE_AT_START: 'false', KAFKA_CREATE_TOPICS: 'false' })).toEqual({ migrateAtStart: false, createTopics: false });
  });

  it('stops on anything but true or false, naming the variable', () => {
    expect(() => startupProvisioningFrom({ KAFKA_CREATE_TOPICS: 'no' })).toThrow('KAFKA_CREATE_TOPICS must be true or false, got "no"');
  });
});
