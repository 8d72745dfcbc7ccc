import { Controller, DynamicModule, Get, Header, Inject, Module, Provider } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, TerminusModule } from '@nestjs/terminus';
import { Logger, createLogger } from './logger';
import { ServiceMetrics } from './metrics';

export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
/** Provide an array of Terminus indicator functions under this token; /health/ready runs them all. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Controller()
class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: HealthIndicatorFunction[],
  ) {}

  /** The process is up; says nothing about its dependencies. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Postgres and Kafka answer: the service can take work. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.checks);
  }
}

@Module({})
export class ObservabilityModule {
  /** Logger, metrics registry, `/metrics`, `/health/live` and `/health/ready` for one service. */
  static forService(service: string, readinessChecks: Provider): DynamicModule {
    const logger: Logger = createLogger(service);
    return {
      module: ObservabilityModule,
      global: true,
      imports: [TerminusModule],
      controllers: [MetricsController, HealthController],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: METRICS, useValue: new ServiceMetrics(service) },
        readinessChecks,
      ],
      exports: [LOGGER, METRICS],
    };
  }
}
