export { MoneyError, type MoneyErrorCode } from './money.error';
export { currencyExponent, isKnownCurrency } from './currency';
export {
  type Money, money, zero, add, subtract, multiply, compare, equals, minOf, isZero, assertSameCurrency,
} from './money';
export { type Rounding, percentOf, multiplyByRatio } from './rounding';
export { toMajorString, fromMajorString } from './major-string';
export { allocate } from './allocate';
