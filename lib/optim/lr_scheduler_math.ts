// cos and pow as the schedulers' Python reaches them (glibc's libm); see lr_scheduler_math notes.
export const pyCos = Math.cos;
export const pyPow = (x: number, y: number): number => x ** y;
export const pyLog = Math.log;
