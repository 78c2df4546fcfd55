/** Learning-rate schedule names. */
export const SCHEDULES = ['constant', 'step', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/** Options of {@link learningRateAt}. */
export interface ScheduleOptions {
  /** 'constant' (default), 'step' (×gamma at each milestone epoch) or 'cosine' (to 0 at the last step). */
  schedule: ScheduleName;
  /** Base learning rate η_0. */
  lr: number;
  /** Epochs at which 'step' multiplies the rate by `gamma`, e.g. [100, 200] ([AS-IS] §5.1). Default []. */
  milestones: number[];
  /** Factor of 'step'. Default 0.1. */
  gamma: number;
}

export const scheduleDefaults: Omit<ScheduleOptions, 'lr'> = {
  schedule: 'constant',
  milestones: [],
  gamma: 0.1,
};

/**
 * Scheduled learning rate η_t at global step `step` (0-based) of `totalSteps`, in epoch `epoch` (0-based).
 * Cosine: η_t = η_0 · ½(1 + cos(π t / T)), reaching 0 at t = T ([EMAIS] §7.3 "cosine decay to 0").
 * @example
 * learningRateAt({ ...scheduleDefaults, schedule: 'cosine', lr: 0.1 }, 50, 100, 0); // 0.05
 */
export function learningRateAt(o: ScheduleOptions, step: number, totalSteps: number, epoch: number): number {
  switch (o.schedule) {
    case 'constant':
      return o.lr;
    case 'step': {
      const drops = o.milestones.filter((m) => epoch >= m).length;
      return o.lr * Math.pow(o.gamma, drops);
    }
    case 'cosine':
      return o.lr * 0.5 * (1 + Math.cos((Math.PI * Math.min(step, totalSteps)) / Math.max(totalSteps, 1)));
    default:
      throw new Error(`unknown schedule '${String(o.schedule)}'; allowed: ${SCHEDULES.join(', ')}`);
  }
}
