import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { RunFaultPlan, parseRunFaults } from '../domain/run-faults';

/** The run's delivery faults and fault rates, for both providers' webhooks; faults sent with a control request override them. */
@Controller('_sandbox/faults')
export class SandboxFaultsController {
  constructor(private readonly plan: RunFaultPlan) {}

  @Get()
  current() {
    return { faults: this.plan.current };
  }

  /** Body `{ "faults": { ... } }` replaces the run's faults: delivery faults, and rates such as `duplicateRate`. */
  @Post()
  @HttpCode(200)
  replace(@Body() body: { faults?: unknown } | undefined) {
    const parsed = parseRunFaults(body?.faults ?? {});
    if (!parsed.ok) throw new BadRequestException({ error: { type: 'invalid_request_error', param: 'faults', message: parsed.message } });
    this.plan.replace(parsed.faults);
    return { faults: parsed.faults };
  }

  @Delete()
  reset() {
    this.plan.replace({});
    return { faults: {} };
  }
}
