export { grad, type GradOptions } from './grad';
export { gradcheck, type GradcheckOptions } from './gradcheck';
export { GradFn, AccumulateGrad } from './node';
export { registry } from './define_op';
