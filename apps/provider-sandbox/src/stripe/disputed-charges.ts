/** The PaymentIntents whose charge a dispute was opened against: its `disputed` flag, which stays true once set, as at Stripe. */
export class DisputedCharges {
  private readonly paymentIntents = new Set<string>();

  mark(paymentIntentId: string): void {
    this.paymentIntents.add(paymentIntentId);
  }

  has(paymentIntentId: string): boolean {
    return this.paymentIntents.has(paymentIntentId);
  }
}
