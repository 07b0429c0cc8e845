import { Module } from '@nestjs/common';
import { bootstrapService } from './bootstrap-service';
import { serviceConfigSchema } from './config/base.config';

@Module({})
class UnusedModule {}

describe('bootstrapService', () => {
  afterEach(() => jest.restoreAllMocks());

  it('exits with code 1 listing every bad setting, before building anything', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const rootModule = jest.fn(() => ({ module: UnusedModule }));

    await bootstrapService(serviceConfigSchema({ serviceName: 'order-service', httpPort: 3101 }), rootModule, { HTTP_PORT: 'abc' });

    expect(exit).toHaveBeenCalledWith(1);
    const message = String(stderr.mock.calls[0][0]);
    for (const setting of ['HTTP_PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL']) {
      expect(message).toContain(`${setting}:`);
    }
    expect(rootModule).not.toHaveBeenCalled();
  });
});
