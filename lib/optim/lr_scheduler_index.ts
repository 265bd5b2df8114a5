// tg.optim.lrScheduler: PyTorch's torch.optim.lr_scheduler.
export { LRScheduler, type Scheduler, type SchedulerStateDict } from './lr_scheduler_base';
export * from './lr_scheduler';
export * from './lr_scheduler_cosine';
export * from './lr_scheduler_cyclic';
export * from './lr_scheduler_compose';
