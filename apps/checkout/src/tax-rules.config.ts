import { isKnownCurrency } from '@payments/money';
import { ConfigError } from '@payments/nest-runtime';
import { TaxRule } from './domain/pricing';

const MAX_BASIS_POINTS = 10_000;
const MAX_LABEL_LENGTH = 64;

/**
 * CHECKOUT_TAX_RULES, e.g. `INR:1800:exclusive:GST 18%,JPY:1000:inclusive:Consumption tax`:
 * currency, rate in basis points (0..10000), `inclusive` or `exclusive` of catalog prices, label.
 * `none` means no tax in any currency. Throws ConfigError naming the bad entry.
 */
export function parseTaxRules(raw: string): TaxRule[] {
  if (raw.trim().toLowerCase() === 'none') return [];
  const rules = raw.split(',').filter((entry) => entry.trim() !== '').map(parseEntry);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.currency)) throw new ConfigError(`CHECKOUT_TAX_RULES lists ${rule.currency} twice`);
    seen.add(rule.currency);
  }
  return rules;
}

function parseEntry(entry: string): TaxRule {
  const [currency = '', rate = '', mode = '', ...labelParts] = entry.trim().split(':');
  const label = labelParts.join(':').trim();
  const refuse = (problem: string) =>
    new ConfigError(`CHECKOUT_TAX_RULES entry "${entry.trim()}" ${problem} (expected e.g. INR:1800:exclusive:GST 18%)`);
  if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency)) throw refuse(`names no known ISO 4217 currency`);
  if (!/^\d+$/.test(rate) || Number(rate) > MAX_BASIS_POINTS) throw refuse(`needs a rate in basis points from 0 to ${MAX_BASIS_POINTS}`);
  if (mode !== 'inclusive' && mode !== 'exclusive') throw refuse('must say inclusive or exclusive');
  if (label === '' || label.length > MAX_LABEL_LENGTH) throw refuse(`needs a label of 1 to ${MAX_LABEL_LENGTH} characters`);
  return { currency, rateBasisPoints: Number(rate), inclusive: mode === 'inclusive', label };
}
