const globalForWorker = globalThis as unknown as { __undersignedWakeWorker?: () => void };

/** Asks a running worker to look for work now instead of at its next poll. Only a hint. */
export function wakeWorker(): void {
  globalForWorker.__undersignedWakeWorker?.();
}

export function setWorkerWake(wake: (() => void) | undefined): void {
  globalForWorker.__undersignedWakeWorker = wake;
}
