import { DeliveryFaults, reorderHoldMs } from '../domain/delivery-faults';
import { ReorderHolds } from '../domain/reorder-holds';

/** Starts one event's delivery; resolves once it is done. */
export type Delivery = () => Promise<void>;

/**
 * Where both providers' publishers send deliveries through: a `reorder` delivery waits until the
 * next one with the same key (payment or order) has been delivered, or until its hold runs out.
 */
export class ReorderGate {
  private readonly holds = new ReorderHolds<Delivery>();

  send(key: string | null, deliver: Delivery, faults: DeliveryFaults): void {
    const admitted = this.holds.admit(key, deliver, faults.reorder === true);
    if (admitted.hold) {
      this.releaseLater(key as string, deliver, reorderHoldMs(faults));
      return;
    }
    const delivered = deliver();
    for (const held of admitted.after) void delivered.then(held);
  }

  /** A held delivery whose key sees no further event goes anyway, late. */
  private releaseLater(key: string, deliver: Delivery, holdMs: number): void {
    setTimeout(() => {
      if (this.holds.giveUp(key, deliver)) void deliver();
    }, holdMs).unref();
  }
}
