export { runChaos, chaosPorts } from './chaos.run';
export { ChaosOptions, defaultChaosOptions, parseChaosArgs } from './chaos-options';
export { ChaosSummary, failedChecks, summaryLines } from './chaos-summary';
