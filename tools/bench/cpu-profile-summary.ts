// Where a V8 CPU profile (node --cpu-prof) spent its time: self time by package or file, and the hottest functions.
//   node -r @swc-node/register tools/bench/cpu-profile-summary.ts <file.cpuprofile> [--top 25]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** `node_modules/<package>` (scoped packages with their scope), a file of ours, or the V8 category ((garbage collector), (idle)...). */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + 'node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (url.startsWith('node:')) return url;
  const ours = url.match(/(apps|libs|tools)\/.+$/);
  return ours ? ours[0] : url;
}

export function summarize(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = profile.endTime - profile.startTime;
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id) as ProfileNode;
    const place = placeOf(callFrame.url, callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const idle = (byPlace.get('(idle)') ?? 0);
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const rows = (map: Map<string, number>) => [...map].filter(([name]) => !name.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `profiled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (${((100 * busy) / total).toFixed(0)} %); shares of busy time:`,
    '  by package or file (self time):',
    ...rows(byPlace).map(([name, us]) => `    ${pct(us)}  ${name}`),
    '  hottest functions (self time):',
    ...rows(byFunction).map(([name, us]) => `    ${pct(us)}  ${name}`),
  ];
}

if (require.main === module) {
  const [file, flag, value] = process.argv.slice(2);
  if (!file) {
    console.error('usage: cpu-profile-summary.ts <file.cpuprofile> [--top N]');
    process.exit(2);
  }
  const top = flag === '--top' ? Number(value) : 25;
  console.log(summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, top).join('\n'));
}
