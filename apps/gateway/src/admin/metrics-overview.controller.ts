import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock } from '@payments/nest-runtime';
import { AdminOnly } from '../auth/auth.decorators';
import { MetricsOverviewDto } from './metrics-overview.dto';
import { OVERVIEW_FAMILIES, metricsOverview } from './metrics-overview';
import { PromSample, parsePrometheusText } from './prometheus-text';
import { ServiceHttpClient } from './service-http.client';
import { INTERNAL_SERVICES } from './service-urls.config';

/** The console's overview, read from every service's own Prometheus /metrics at the moment of the call. */
@Controller('api/admin/metrics')
@AdminOnly()
@ApiTags('admin')
export class MetricsOverviewController {
  constructor(
    private readonly services: ServiceHttpClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: 'Payments and failed attempts by provider (counters), payment-to-grant latency, consumer lag per group, outbox backlog per service' })
  @ApiOkResponse({ type: MetricsOverviewDto })
  async overview(): Promise<MetricsOverviewDto> {
    const byService = new Map<string, PromSample[]>();
    const unavailable: string[] = [];
    await Promise.all(INTERNAL_SERVICES.map(async (service) => {
      try {
        const answer = await this.services.call(service, '/metrics');
        byService.set(service, parsePrometheusText(answer.text, OVERVIEW_FAMILIES));
      } catch {
        unavailable.push(service);
      }
    }));
    return metricsOverview(new Map([...byService].sort(([a], [b]) => a.localeCompare(b))), unavailable.sort(), this.clock.now());
  }
}
