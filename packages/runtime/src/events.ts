/** Stops a listener from receiving further events. */
export type Unsubscribe = () => void;

/**
 * A telemetry event source. Listeners run synchronously, in order; one that throws, or an async one whose
 * promise rejects, is reported on the console and never changes the outcome of the call that emitted the
 * event (nor ends the process with an unhandled rejection).
 * @internal
 */
export class Emitter<E> {
  private listeners: ((event: E) => void)[] = [];

  /** `onChange` is told when a listener subscribes or unsubscribes (to start or stop measuring). */
  constructor(private readonly onChange?: () => void) {}

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  subscribe(listener: (event: E) => void): Unsubscribe {
    // Copy on write, so a listener that unsubscribes while an event is being emitted does not skip another.
    this.listeners = [...this.listeners, listener];
    this.onChange?.();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const index = this.listeners.indexOf(listener);
      this.listeners = [...this.listeners.slice(0, index), ...this.listeners.slice(index + 1)];
      this.onChange?.();
    };
  }

  emit(event: E): void {
    for (const listener of this.listeners) {
      try {
        const returned: unknown = listener(event);
        if (typeof (returned as PromiseLike<unknown> | null)?.then === 'function') {
          (returned as PromiseLike<unknown>).then(undefined, reportRejected);
        }
      } catch (error) {
        console.error('[@resilint/runtime] an event listener threw; the call continues unaffected:', error);
      }
    }
  }
}

function reportRejected(error: unknown): void {
  console.error('[@resilint/runtime] an async event listener rejected; the call continued unaffected:', error);
}
